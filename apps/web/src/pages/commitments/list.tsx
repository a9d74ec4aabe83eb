/**
 * /commitments: partner agencies' commitments this person may see, by agency (with each
 * agency's counts by RAG and status) or by local offer area, with RAG, status and a progress
 * bar from baseline to target. The filters are the address's query parameters, so a
 * filtered list can be shared and bookmarked.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Select, type Option } from '../../components/forms';
import { FlashBanner, Loaded, Tag, formatCalendarDate, isLabelKey, labelOptions, loadAll, useQuery } from '../../components/lists';
import { ACTION_STATUS_LABELS, RAG_LABELS, RagTag, StatusTag } from '../../components/rag';
import { graphql } from '../../gql';
import type { CommitmentFilterInput, CommitmentListQuery, OfferArea } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { loadAgencyOptions } from '../admin/shared';
import { UUID } from '../evidence/common';
import { LinkButton } from '../workplans/common';
import { SingleCheckbox } from '../workplans/fields';
import { AREA_ORDER, OFFER_AREA_LABELS, ProgressBar, canAddCommitment, formatFigure } from './common';

const CommitmentSummaryDocument = graphql(`
  query CommitmentSummary {
    commitmentSummary {
      agency {
        id
        name
      }
      total
      notStarted
      inProgress
      complete
      cancelled
      red
      amber
      green
      reviewOverdue
      inLocalOffer
    }
  }
`);

const CommitmentListDocument = graphql(`
  query CommitmentList($filter: CommitmentFilterInput, $after: String) {
    commitments(filter: $filter, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          offerArea
          status
          rag
          unit
          currentValue
          target
          dueDate
          reviewDate
          isReviewOverdue
          inLocalOffer
          progress {
            percent
            targetMet
          }
          agency {
            id
            name
          }
        }
      }
    }
  }
`);

type Row = CommitmentListQuery['commitments']['edges'][number]['node'];
type Summary = Awaited<ReturnType<typeof loadSummary>>[number];

async function loadSummary() {
  return (await gql(CommitmentSummaryDocument)).commitmentSummary;
}

/** Days ahead that "due soon" looks. */
const DUE_SOON_DAYS = 60;

interface Filters {
  view: 'agency' | 'area';
  agency: string;
  area: string;
  status: string;
  rag: string;
  offer: boolean;
  overdue: boolean;
  dueSoon: boolean;
  mine: boolean;
}

function filtersFrom(params: URLSearchParams): Filters {
  const agency = params.get('agency') ?? '';
  const area = params.get('area');
  const status = params.get('status');
  const rag = params.get('rag');
  return {
    view: params.get('view') === 'area' ? 'area' : 'agency',
    agency: UUID.test(agency) ? agency : '',
    area: isLabelKey(OFFER_AREA_LABELS, area) ? area : '',
    status: isLabelKey(ACTION_STATUS_LABELS, status) ? status : '',
    rag: isLabelKey(RAG_LABELS, rag) ? rag : '',
    offer: params.get('offer') === 'yes',
    overdue: params.get('overdue') === 'yes',
    dueSoon: params.get('dueSoon') === 'yes',
    mine: params.get('mine') === 'yes',
  };
}

function toParams(f: Filters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.view === 'area') p.set('view', 'area');
  if (f.agency) p.set('agency', f.agency);
  if (f.area) p.set('area', f.area);
  if (f.status) p.set('status', f.status);
  if (f.rag) p.set('rag', f.rag);
  if (f.offer) p.set('offer', 'yes');
  if (f.overdue) p.set('overdue', 'yes');
  if (f.dueSoon) p.set('dueSoon', 'yes');
  if (f.mine) p.set('mine', 'yes');
  return p;
}

function apiFilter(f: Filters): CommitmentFilterInput {
  return {
    agencyId: f.agency || undefined,
    offerArea: isLabelKey(OFFER_AREA_LABELS, f.area) ? f.area : undefined,
    statuses: isLabelKey(ACTION_STATUS_LABELS, f.status) ? [f.status] : undefined,
    rags: isLabelKey(RAG_LABELS, f.rag) ? [f.rag] : undefined,
    inLocalOffer: f.offer || undefined,
    reviewOverdue: f.overdue || undefined,
    dueWithinDays: f.dueSoon ? DUE_SOON_DAYS : undefined,
    myAgency: f.mine || undefined,
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en-GB');

export function CommitmentListPage() {
  usePageTitle('Commitments');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const key = JSON.stringify(filters);
  const agencies = useQuery(loadAgencyOptions, []);
  const q = useQuery(async () => {
    const [summary, rows] = await Promise.all([
      loadSummary(),
      loadAll(async (after) => (await gql(CommitmentListDocument, { filter: apiFilter(filters), after })).commitments),
    ]);
    return { summary, rows };
  }, [key]);
  const { view, ...rest } = filters;
  const filtered = Object.values(rest).some(Boolean);
  const switchTo = (v: Filters['view']) => `/commitments?${toParams({ ...filters, view: v }).toString()}`;

  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Commitments</h1>
      <p className="govuk-body">
        What partner agencies have committed to for children in care and care leavers, and their progress from where they started towards
        their target. Many of them make up the local offer for care leavers.
      </p>
      <div className="govuk-button-group">
        {canAddCommitment(me) && <LinkButton to="/commitments/new">Add a commitment</LinkButton>}
        {me?.role === 'SECRETARIAT' && (
          <LinkButton to="/commitments/local-offer" secondary>
            Publish the local offer
          </LinkButton>
        )}
      </div>

      <nav className="govuk-body" aria-label="Group commitments">
        Group by:{' '}
        {view === 'agency' ? (
          <strong aria-current="page">agency</strong>
        ) : (
          <Link className="govuk-link" to={switchTo('agency')}>
            agency
          </Link>
        )}
        {' | '}
        {view === 'area' ? (
          <strong aria-current="page">local offer area</strong>
        ) : (
          <Link className="govuk-link" to={switchTo('area')}>
            local offer area
          </Link>
        )}
      </nav>

      <FilterBox key={key} initial={filters} agencies={agencies.data ?? []} onApply={(f) => setParams(toParams({ ...f, view }))} />

      <Loaded query={q}>
        {({ summary, rows }) =>
          view === 'agency' ? <ByAgency summary={summary} rows={rows} filtered={filtered} /> : <ByArea rows={rows} filtered={filtered} />
        }
      </Loaded>
    </>
  );
}

function FilterBox({ initial, agencies, onApply }: { initial: Filters; agencies: Option[]; onApply: (f: Filters) => void }) {
  const [f, setF] = useState(initial);
  const set =
    <K extends keyof Filters>(k: K) =>
    (v: Filters[K]) =>
      setF((old) => ({ ...old, [k]: v }));
  const { view, ...rest } = initial;
  const any = Object.values(rest).some(Boolean);
  return (
    <div className="app-filters">
      <form
        role="search"
        aria-label="Filter commitments"
        action="/commitments"
        method="get"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(f);
        }}
      >
        <h2 className="govuk-heading-s">Filter commitments</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select name="agency" label="Agency" value={f.agency} onChange={set('agency')} options={agencies} placeholder="All agencies" />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="area"
              label="Local offer area"
              value={f.area}
              onChange={set('area')}
              options={AREA_ORDER.map((a) => ({ value: a, label: OFFER_AREA_LABELS[a] }))}
              placeholder="All areas"
            />
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="status"
              label="Status"
              value={f.status}
              onChange={set('status')}
              options={labelOptions(ACTION_STATUS_LABELS)}
              placeholder="Any status"
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="rag"
              label="RAG (open ones)"
              value={f.rag}
              onChange={set('rag')}
              options={labelOptions(RAG_LABELS)}
              placeholder="Any RAG"
            />
          </div>
        </div>
        <div className="govuk-form-group">
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            <SingleCheckbox name="offer" label="In the local offer" checked={f.offer} onChange={set('offer')} />
            <SingleCheckbox name="overdue" label="Review overdue" checked={f.overdue} onChange={set('overdue')} />
            <SingleCheckbox name="dueSoon" label={`Due in the next ${DUE_SOON_DAYS} days`} checked={f.dueSoon} onChange={set('dueSoon')} />
            <SingleCheckbox name="mine" label="My agency’s only" checked={f.mine} onChange={set('mine')} />
          </div>
        </div>
        <div className="govuk-button-group">
          <Button secondary>Apply filters</Button>
          {any && (
            <Link className="govuk-link" to={view === 'area' ? '/commitments?view=area' : '/commitments'}>
              Clear filters
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

/** One agency's counts in words: "6 commitments: 1 red, 2 amber, 2 green (open); 1 complete; 1 review overdue; 4 in the local offer". */
export function summaryText(s: Omit<Summary, 'agency'>): string {
  const parts = [`${s.total} ${s.total === 1 ? 'commitment' : 'commitments'}`];
  const open = s.notStarted + s.inProgress;
  const detail = [
    open ? `${open} open (${s.red} red, ${s.amber} amber, ${s.green} green)` : '',
    s.complete ? `${s.complete} complete` : '',
    s.cancelled ? `${s.cancelled} cancelled` : '',
    s.reviewOverdue ? `${s.reviewOverdue} review overdue` : '',
    s.inLocalOffer ? `${s.inLocalOffer} in the local offer` : '',
  ].filter(Boolean);
  return detail.length ? `${parts[0]}: ${detail.join('; ')}` : parts[0];
}

function ByAgency({ summary, rows, filtered }: { summary: Summary[]; rows: Row[]; filtered: boolean }) {
  const groups = [...summary]
    .sort((a, b) => byName(a.agency, b.agency))
    .map((s) => ({ s, rows: rows.filter((r) => r.agency.id === s.agency.id) }))
    .filter((g) => !filtered || g.rows.length > 0);
  if (!groups.length) return <Empty filtered={filtered} />;
  return (
    <>
      <p className="govuk-body" id="commitment-count">
        {filtered ? `${rows.length} ${rows.length === 1 ? 'commitment matches' : 'commitments match'} these filters.` : null}
      </p>
      {groups.map(({ s, rows: own }) => (
        <section
          key={s.agency.id}
          className="govuk-!-margin-bottom-8"
          aria-labelledby={`agency-${s.agency.id}`}
          data-agency-id={s.agency.id}
        >
          <h2 className="govuk-heading-m" id={`agency-${s.agency.id}`}>
            {s.agency.name}
          </h2>
          <p className="govuk-body" data-testid="agency-summary">
            {summaryText(s)}
          </p>
          <p className="govuk-body">
            <RagTag rag="RED" count={s.red} /> <RagTag rag="AMBER" count={s.amber} /> <RagTag rag="GREEN" count={s.green} />{' '}
            <RagTag rag="BLUE" count={s.complete} />
          </p>
          {own.length ? <CommitmentTable rows={own} caption={`${s.agency.name}: commitments`} showAgency={false} /> : null}
        </section>
      ))}
    </>
  );
}

function ByArea({ rows, filtered }: { rows: Row[]; filtered: boolean }) {
  const groups = AREA_ORDER.map((area) => ({ area, rows: rows.filter((r) => r.offerArea === area) })).filter((g) => g.rows.length > 0);
  if (!groups.length) return <Empty filtered={filtered} />;
  return (
    <>
      {groups.map((g) => (
        <section key={g.area} className="govuk-!-margin-bottom-8" aria-labelledby={`area-${g.area}`}>
          <h2 className="govuk-heading-m" id={`area-${g.area}`}>
            {OFFER_AREA_LABELS[g.area as OfferArea]}
          </h2>
          <CommitmentTable rows={g.rows} caption={`${OFFER_AREA_LABELS[g.area as OfferArea]}: commitments`} showAgency />
        </section>
      ))}
    </>
  );
}

function Empty({ filtered }: { filtered: boolean }) {
  return (
    <p className="govuk-body" id="commitments-empty">
      {filtered ? 'No commitments match these filters.' : 'There are no commitments yet.'}
    </p>
  );
}

function CommitmentTable({ rows, caption, showAgency }: { rows: Row[]; caption: string; showAgency: boolean }) {
  return (
    <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto' }}>
      <table className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16" style={{ minWidth: '720px' }}>
        <caption className="govuk-table__caption govuk-visually-hidden">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '32%' }}>
              Commitment
            </th>
            {showAgency && (
              <th scope="col" className="govuk-table__header">
                Agency
              </th>
            )}
            <th scope="col" className="govuk-table__header">
              Status
            </th>
            <th scope="col" className="govuk-table__header">
              RAG
            </th>
            <th scope="col" className="govuk-table__header">
              Progress
            </th>
            <th scope="col" className="govuk-table__header">
              Due or review
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((c) => (
            <tr className="govuk-table__row" key={c.id} data-commitment-id={c.id}>
              <th scope="row" className="govuk-table__header">
                <Link className="govuk-link" to={`/commitments/${c.id}`}>
                  {c.title}
                </Link>
                {c.inLocalOffer && (
                  <>
                    <br />
                    <span className="govuk-body-s app-muted">In the local offer</span>
                  </>
                )}
              </th>
              {showAgency && <td className="govuk-table__cell">{c.agency.name}</td>}
              <td className="govuk-table__cell">
                <StatusTag status={c.status} />
              </td>
              <td className="govuk-table__cell">
                {c.status === 'COMPLETE' || c.status === 'CANCELLED' ? <span className="app-muted">Closed</span> : <RagTag rag={c.rag} />}
              </td>
              <td className="govuk-table__cell">
                <ProgressBar id={`progress-${c.id}`} progress={c.progress} label={c.title} />
                {c.currentValue !== null && c.currentValue !== undefined && (
                  <span className="govuk-body-s app-muted">
                    {formatFigure(c.currentValue, c.unit)} of {formatFigure(c.target, c.unit)}
                  </span>
                )}
              </td>
              <td className="govuk-table__cell">
                {c.dueDate && <span className="app-block">Due {formatCalendarDate(c.dueDate)}</span>}
                {c.reviewDate && <span className="app-block">Review {formatCalendarDate(c.reviewDate)}</span>}
                {c.isReviewOverdue && <Tag colour="red">Review overdue</Tag>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

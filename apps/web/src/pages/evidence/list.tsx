/**
 * /evidence: the evidence this person may see, most recently changed first, filtered by
 * sub-group, status, kind, agency, "added by me" and "waiting for my review". The filters
 * are the address's query parameters, so a filtered list can be shared and bookmarked.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Select, type Option } from '../../components/forms';
import {
  FlashBanner,
  Loaded,
  Pagination,
  formatDate,
  isLabelKey,
  labelOptions,
  showingText,
  useCursorPage,
  useQuery,
} from '../../components/lists';
import { graphql } from '../../gql';
import type { EvidenceFilterInput } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { PAGE_SIZE, loadAgencyOptions } from '../admin/shared';
import { LinkButton } from '../workplans/common';
import { SingleCheckbox } from '../workplans/fields';
import {
  EVIDENCE_KIND_LABELS,
  EVIDENCE_STATUS_LABELS,
  EvidenceStatusTag,
  UUID,
  addableSubGroups,
  canAddEvidence,
  loadSubGroupOptions,
} from './common';

const EvidenceListDocument = graphql(`
  query EvidenceList($filter: EvidenceFilterInput, $first: Int, $after: String) {
    evidenceList(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          kind
          status
          updatedAt
          subGroup {
            id
            name
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

const STATUS_OPTIONS = labelOptions(EVIDENCE_STATUS_LABELS);
const KIND_OPTIONS = labelOptions(EVIDENCE_KIND_LABELS);

interface EvidenceFilters {
  subGroup: string;
  status: string;
  kind: string;
  agency: string;
  mine: boolean;
  review: boolean;
}

function filtersFrom(params: URLSearchParams): EvidenceFilters {
  const id = (k: string) => {
    const v = params.get(k) ?? '';
    return UUID.test(v) ? v : '';
  };
  const status = params.get('status');
  const kind = params.get('kind');
  return {
    subGroup: id('subGroup'),
    status: isLabelKey(EVIDENCE_STATUS_LABELS, status) ? status : '',
    kind: isLabelKey(EVIDENCE_KIND_LABELS, kind) ? kind : '',
    agency: id('agency'),
    mine: params.get('mine') === 'yes',
    review: params.get('review') === 'yes',
  };
}

function apiFilter(f: EvidenceFilters): EvidenceFilterInput {
  return {
    subGroupId: f.subGroup || undefined,
    statuses: isLabelKey(EVIDENCE_STATUS_LABELS, f.status) ? [f.status] : undefined,
    kind: isLabelKey(EVIDENCE_KIND_LABELS, f.kind) ? f.kind : undefined,
    agencyId: f.agency || undefined,
    mine: f.mine || undefined,
    toReview: f.review || undefined,
  };
}

export function EvidenceListPage() {
  usePageTitle('Evidence');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const page = useCursorPage();
  const filters = filtersFrom(params);
  const key = JSON.stringify(filters);
  const options = useQuery(async () => {
    const [subGroups, agencies] = await Promise.all([loadSubGroupOptions(), loadAgencyOptions()]);
    return { subGroups, agencies };
  }, []);
  const q = useQuery(
    () => gql(EvidenceListDocument, { filter: apiFilter(filters), first: PAGE_SIZE, after: page.after }),
    [key, page.after],
  );
  const filtered = Object.values(filters).some(Boolean);
  const reviewer = Boolean(me && (me.role === 'SECRETARIAT' || me.subGroupMemberships.some((m) => m.role === 'CHAIR')));
  // "Add evidence" goes to the filtered sub-group when this person may add to it.
  const addTo = filters.subGroup && addableSubGroups(me, options.data?.subGroups ?? []).some((o) => o.value === filters.subGroup);

  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Evidence</h1>
      <p className="govuk-body">
        Evidence of progress that sub-groups have added: documents, data, case studies and the voice of young people. A sub-group’s chair
        reviews it before it goes into the sub-group’s highlight report.
      </p>
      {canAddEvidence(me) && (
        <LinkButton to={addTo ? `/evidence/new?subGroup=${filters.subGroup}` : '/evidence/new'}>Add evidence</LinkButton>
      )}
      <EvidenceFilterBox
        key={key}
        initial={filters}
        subGroupOptions={options.data?.subGroups ?? []}
        agencyOptions={options.data?.agencies ?? []}
        showMine={canAddEvidence(me) || filters.mine}
        showReview={reviewer || filters.review}
        onApply={(f) => {
          const next = new URLSearchParams();
          if (f.subGroup) next.set('subGroup', f.subGroup);
          if (f.status) next.set('status', f.status);
          if (f.kind) next.set('kind', f.kind);
          if (f.agency) next.set('agency', f.agency);
          if (f.mine) next.set('mine', 'yes');
          if (f.review) next.set('review', 'yes');
          setParams(next);
        }}
      />
      <Loaded query={q}>
        {({ evidenceList: list }) =>
          list.edges.length === 0 ? (
            <p className="govuk-body" id="evidence-empty">
              {filtered ? 'No evidence matches these filters.' : 'There is no evidence yet.'}
            </p>
          ) : (
            <>
              <div role="region" aria-labelledby="evidence-table-caption" tabIndex={0} style={{ overflowX: 'auto' }}>
                <table
                  className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16"
                  id="evidence-table"
                  style={{ minWidth: '720px' }}
                >
                  <caption className="govuk-table__caption govuk-table__caption--s" id="evidence-table-caption">
                    {showingText(page.pageNumber, PAGE_SIZE, list.edges.length, list.totalCount, 'items of evidence')}
                  </caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header" style={{ width: '30%' }}>
                        Title
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Sub-group
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Agency
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Kind
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Status
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Updated
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {list.edges.map(({ node: e }) => (
                      <tr className="govuk-table__row" key={e.id} data-evidence-id={e.id}>
                        <th scope="row" className="govuk-table__header">
                          <Link className="govuk-link" to={`/evidence/${e.id}`}>
                            {e.title}
                          </Link>
                        </th>
                        <td className="govuk-table__cell">{e.subGroup.name}</td>
                        <td className="govuk-table__cell">{e.agency.name}</td>
                        <td className="govuk-table__cell">{EVIDENCE_KIND_LABELS[e.kind]}</td>
                        <td className="govuk-table__cell">
                          <EvidenceStatusTag status={e.status} />
                        </td>
                        <td className="govuk-table__cell">
                          <span style={{ whiteSpace: 'nowrap' }}>{formatDate(e.updatedAt)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination pageInfo={list.pageInfo} page={page} label="page of evidence" />
            </>
          )
        }
      </Loaded>
    </>
  );
}

function EvidenceFilterBox({
  initial,
  subGroupOptions,
  agencyOptions,
  showMine,
  showReview,
  onApply,
}: {
  initial: EvidenceFilters;
  subGroupOptions: Option[];
  agencyOptions: Option[];
  showMine: boolean;
  showReview: boolean;
  onApply: (f: EvidenceFilters) => void;
}) {
  const [f, setF] = useState(initial);
  const set =
    <K extends keyof EvidenceFilters>(k: K) =>
    (v: EvidenceFilters[K]) =>
      setF((old) => ({ ...old, [k]: v }));
  const any = Object.values(initial).some(Boolean);
  return (
    <div className="app-filters">
      <form
        role="search"
        aria-label="Filter evidence"
        action="/evidence"
        method="get"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(f);
        }}
      >
        <h2 className="govuk-heading-s">Filter evidence</h2>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select
              name="subGroup"
              label="Sub-group"
              value={f.subGroup}
              onChange={set('subGroup')}
              options={subGroupOptions}
              placeholder="All sub-groups"
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select
              name="agency"
              label="Agency"
              value={f.agency}
              onChange={set('agency')}
              options={agencyOptions}
              placeholder="All agencies"
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
              options={STATUS_OPTIONS}
              placeholder="All statuses"
            />
          </div>
          <div className="govuk-grid-column-one-half">
            <Select name="kind" label="Kind" value={f.kind} onChange={set('kind')} options={KIND_OPTIONS} placeholder="All kinds" />
          </div>
        </div>
        {(showMine || showReview) && (
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Show only</legend>
              <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {showMine && <SingleCheckbox name="mine" label="Evidence I added" checked={f.mine} onChange={set('mine')} />}
                {showReview && (
                  <SingleCheckbox
                    name="review"
                    label="Waiting for my review"
                    hint="Submitted evidence you can accept or return."
                    checked={f.review}
                    onChange={set('review')}
                  />
                )}
              </div>
            </fieldset>
          </div>
        )}
        <div className="govuk-button-group">
          <Button secondary>Apply filters</Button>
          {any && (
            <Link className="govuk-link" to="/evidence">
              Clear filters
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

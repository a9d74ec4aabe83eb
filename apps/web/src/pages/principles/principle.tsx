/**
 * /principles/:itemId?period=2025-26: one principle in one financial year. The work behind it
 * (as the coverage matrix counts it), the board's self-assessment with the records it rests on
 * (each reader sees only those they may), and for the secretariat the form to write or change
 * it: a rating on the four-point scale, the narrative, and the evidence, actions, commitments
 * and indicators behind it. Changing sends the version read; a stale one is a CONFLICT.
 */
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, ErrorSummary, Textarea, useApiForm } from '../../components/forms';
import { FlashBanner, Loaded, MultilineText, Tag, flash, loadAll, useQuery } from '../../components/lists';
import { todayInLondon } from '../../components/dates';
import { graphql } from '../../gql';
import type { PrinciplePageQuery, Rating } from '../../gql/graphql';
import { ApiError, gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { BackLink, onlyFields } from '../admin/shared';
import { ConditionalRadios } from '../evidence/common';
import { Checkboxes } from '../workplans/fields';
import { RATING_LABELS, RatingTag, financialYearOf, isFinancialYear, yearInWords } from './common';

const PrincipleDocument = graphql(`
  query PrinciplePage($period: String!) {
    coverage(period: $period) {
      period
      rows {
        code
        title
        red
        amber
        green
        activeActions
        commitments
        evidence
        indicators
        flags
        gapSummary
        frameworkItem {
          id
        }
        selfAssessment {
          id
          rating
          narrative
          version
          updatedAt
          updatedBy {
            name
          }
          evidence {
            id
            title
          }
          actions {
            id
            title
          }
          commitments {
            id
            title
          }
          indicators {
            id
            code
            name
          }
        }
      }
    }
  }
`);

const CandidateActionsDocument = graphql(`
  query PrincipleActions($filter: ActionFilterInput, $after: String) {
    actions(filter: $filter, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);

const CandidateCommitmentsDocument = graphql(`
  query PrincipleCommitments($filter: CommitmentFilterInput, $after: String) {
    commitments(filter: $filter, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);

const CandidateEvidenceDocument = graphql(`
  query PrincipleEvidence($filter: EvidenceFilterInput, $after: String) {
    evidenceList(filter: $filter, first: 100, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
        }
      }
    }
  }
`);

const IndicatorOptionsDocument = graphql(`
  query PrincipleIndicators {
    indicators {
      id
      code
      name
    }
  }
`);

const SaveSelfAssessmentDocument = graphql(`
  mutation SaveSelfAssessment($input: SaveSelfAssessmentInput!) {
    saveSelfAssessment(input: $input) {
      id
      version
    }
  }
`);

type Option = { value: string; label: string };

/** What may be linked: the records tagged with the principle (active actions, submitted evidence), and every indicator. */
async function loadCandidates(itemId: string) {
  const [actions, commitments, evidence, indicators] = await Promise.all([
    loadAll(
      async (after) => (await gql(CandidateActionsDocument, { filter: { frameworkItemId: itemId, activePlansOnly: true }, after })).actions,
    ),
    loadAll(async (after) => (await gql(CandidateCommitmentsDocument, { filter: { frameworkItemId: itemId }, after })).commitments),
    loadAll(
      async (after) =>
        (
          await gql(CandidateEvidenceDocument, {
            filter: { frameworkItemId: itemId, statuses: ['SUBMITTED', 'RESUBMITTED', 'ACCEPTED'] },
            after,
          })
        ).evidenceList,
    ),
    gql(IndicatorOptionsDocument).then((d) => d.indicators),
  ]);
  const opt = (r: { id: string; title: string }): Option => ({ value: r.id, label: r.title });
  return {
    actions: actions.map(opt),
    commitments: commitments.map(opt),
    evidence: evidence.map(opt),
    indicators: indicators.map((i) => ({ value: i.id, label: `${i.code}: ${i.name}` })),
  };
}

export function PrinciplePage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { me } = useAuth();
  const asked = params.get('period');
  const period = isFinancialYear(asked) ? asked : financialYearOf(todayInLondon());
  const q = useQuery(async () => {
    const c = (await gql(PrincipleDocument, { period })).coverage;
    const row = c.rows.find((r) => r.frameworkItem.id === id);
    if (!row) throw new ApiError('Principle not found.', 'NOT_FOUND');
    return row;
  }, [id, period]);
  usePageTitle(q.data ? `${q.data.code}: principle` : 'Principle');
  return (
    <Loaded query={q}>
      {(row) => {
        const a = row.selfAssessment;
        return (
          <>
            <BackLink to={`/principles?period=${period}`} />
            <FlashBanner />
            <span className="govuk-caption-l">
              {row.code}, {period} ({yearInWords(period)})
            </span>
            <h1 className="govuk-heading-l">{row.title}</h1>
            <h2 className="govuk-heading-m">The work behind it</h2>
            <dl className="govuk-summary-list" id="principle-counts">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Active actions</dt>
                <dd className="govuk-summary-list__value">
                  {row.activeActions} ({row.red} red, {row.amber} amber, {row.green} green)
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Commitments</dt>
                <dd className="govuk-summary-list__value">{row.commitments}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Evidence this year</dt>
                <dd className="govuk-summary-list__value">{row.evidence}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Indicators</dt>
                <dd className="govuk-summary-list__value">{row.indicators}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Gaps</dt>
                <dd className="govuk-summary-list__value">
                  {row.flags.length ? (
                    <>
                      <Tag colour="red">Gap</Tag> {row.gapSummary}
                    </>
                  ) : (
                    'None'
                  )}
                </dd>
              </div>
            </dl>

            <h2 className="govuk-heading-m">Self-assessment</h2>
            {a ? (
              <div id="self-assessment">
                <p className="govuk-body">
                  <RatingTag rating={a.rating} />
                </p>
                <MultilineText text={a.narrative} />
                <p className="govuk-body-s app-muted">Written by {a.updatedBy.name}.</p>
                <LinkedList heading="Evidence" items={a.evidence.map((e) => ({ to: `/evidence/${e.id}`, label: e.title }))} />
                <LinkedList heading="Actions" items={a.actions.map((x) => ({ to: `/actions/${x.id}`, label: x.title }))} />
                <LinkedList heading="Commitments" items={a.commitments.map((x) => ({ to: `/commitments/${x.id}`, label: x.title }))} />
                <LinkedList
                  heading="Indicators"
                  items={a.indicators.map((x) => ({ to: `/scorecard/${x.id}`, label: `${x.code}: ${x.name}` }))}
                />
              </div>
            ) : (
              <p className="govuk-body" id="self-assessment">
                Not yet assessed for {period}.
              </p>
            )}
            {me?.role === 'SECRETARIAT' && (
              <AssessForm key={`${a?.id ?? 'new'}-${a?.version ?? 0}`} itemId={id} period={period} current={a} reload={q.reload} />
            )}
          </>
        );
      }}
    </Loaded>
  );
}

function LinkedList({ heading, items }: { heading: string; items: Array<{ to: string; label: string }> }) {
  if (!items.length) return null;
  return (
    <>
      <h3 className="govuk-heading-s">{heading}</h3>
      <ul className="govuk-list govuk-list--bullet">
        {items.map((i) => (
          <li key={i.to}>
            <Link className="govuk-link" to={i.to}>
              {i.label}
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}

const FIELDS = ['rating', 'narrative', 'evidenceIds', 'actionIds', 'commitmentIds', 'indicatorIds'];
const RATINGS: Rating[] = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE'];

type Current = PrinciplePageQuery['coverage']['rows'][number]['selfAssessment'];

function AssessForm({ itemId, period, current, reload }: { itemId: string; period: string; current: Current; reload: () => void }) {
  const candidates = useQuery(() => loadCandidates(itemId), [itemId]);
  const [rating, setRating] = useState<string>(current?.rating ?? '');
  const [narrative, setNarrative] = useState(current?.narrative ?? '');
  const [links, setLinks] = useState({
    evidenceIds: current?.evidence.map((x) => x.id) ?? [],
    actionIds: current?.actions.map((x) => x.id) ?? [],
    commitmentIds: current?.commitments.map((x) => x.id) ?? [],
    indicatorIds: current?.indicators.map((x) => x.id) ?? [],
  });
  const form = useApiForm();
  const errors = onlyFields(form.errors, [...FIELDS, 'form']);
  const navigate = useNavigate();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!rating) found.rating = 'Choose a rating';
    if (!narrative.trim()) found.narrative = 'Say how well the partnership delivers against it, and why';
    if (Object.keys(found).length) {
      form.setErrors(found);
      return;
    }
    const done = await form.run(async () => {
      try {
        return await gql(SaveSelfAssessmentDocument, {
          input: {
            frameworkItemId: itemId,
            period,
            rating: rating as Rating,
            narrative: narrative.trim(),
            version: current?.version,
            ...links,
          },
        });
      } catch (err) {
        if (err instanceof ApiError && err.code === 'CONFLICT') {
          reload();
          throw new ApiError(
            'Someone else changed this self-assessment since you opened it. It now shows as it is; make your change again.',
            'CONFLICT',
          );
        }
        throw err;
      }
    });
    if (done) {
      navigate(`/principles/${itemId}?period=${period}`, { replace: true, state: flash('Self-assessment saved') });
      reload();
    }
  };

  const set = (k: keyof typeof links) => (v: string[]) => setLinks((old) => ({ ...old, [k]: v }));
  return (
    <section aria-labelledby="assess-heading" className="govuk-!-margin-top-8">
      <h2 className="govuk-heading-m" id="assess-heading">
        {current ? 'Change the self-assessment' : 'Write the self-assessment'}
      </h2>
      <ErrorSummary errors={errors} fields={FIELDS} />
      <form onSubmit={submit} noValidate>
        <ConditionalRadios
          name="rating"
          label="How well does the partnership deliver against this principle?"
          options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
          value={rating}
          onChange={setRating}
          error={errors.rating}
        />
        <Textarea
          name="narrative"
          label="Why"
          hint="What is working, what is not, and what young people say. Plain text."
          rows={8}
          value={narrative}
          onChange={setNarrative}
          error={errors.narrative}
        />
        <Loaded query={candidates}>
          {(c) => (
            <>
              <LinkBoxes
                name="evidenceIds"
                legend="Evidence behind it"
                options={c.evidence}
                value={links.evidenceIds}
                onChange={set('evidenceIds')}
                error={errors.evidenceIds}
                none="No submitted evidence is tagged with this principle."
              />
              <LinkBoxes
                name="actionIds"
                legend="Actions behind it"
                options={c.actions}
                value={links.actionIds}
                onChange={set('actionIds')}
                error={errors.actionIds}
                none="No action in an active plan is tagged with this principle."
              />
              <LinkBoxes
                name="commitmentIds"
                legend="Commitments behind it"
                options={c.commitments}
                value={links.commitmentIds}
                onChange={set('commitmentIds')}
                error={errors.commitmentIds}
                none="No commitment is tagged with this principle."
              />
              <LinkBoxes
                name="indicatorIds"
                legend="Indicators behind it"
                options={c.indicators}
                value={links.indicatorIds}
                onChange={set('indicatorIds')}
                error={errors.indicatorIds}
                none="There are no indicators yet."
              />
            </>
          )}
        </Loaded>
        <Button busy={form.busy}>Save self-assessment</Button>
      </form>
    </section>
  );
}

function LinkBoxes(props: {
  name: string;
  legend: string;
  options: Option[];
  value: string[];
  onChange: (v: string[]) => void;
  error?: string;
  none: string;
}) {
  // Records linked before but no longer offered (retagged, or now in a closed plan) stay choosable while linked.
  const kept = props.value
    .filter((v) => !props.options.some((o) => o.value === v))
    .map((v) => ({ value: v, label: 'A record linked earlier' }));
  const options = [...props.options, ...kept];
  if (!options.length) {
    return (
      <p className="govuk-body" id={props.name}>
        <strong>{props.legend}:</strong> {props.none}
      </p>
    );
  }
  return (
    <Checkboxes
      name={props.name}
      legend={props.legend}
      hint="Select all that apply."
      small
      options={options}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  );
}

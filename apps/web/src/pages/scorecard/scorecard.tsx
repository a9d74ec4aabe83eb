/**
 * /scorecard: the performance scorecard. One row per current indicator: its latest figure in
 * its unit (or the marker published instead, in words), the target, the RAG as a word, the
 * trend with its meaning in words, and the comparators with whether ours is better or worse.
 * Optionally one sub-group's indicators (?subGroup=…, a GET form, so the address can be
 * shared). The secretariat also gets the links to import figures and add an indicator, and a
 * list of retired indicators.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Select, type Option } from '../../components/forms';
import { FlashBanner, Loaded, useQuery } from '../../components/lists';
import { graphql } from '../../gql';
import type { ScorecardQuery } from '../../gql/graphql';
import { gql } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { usePageTitle } from '../../lib/page';
import { UUID, loadSubGroupOptions } from '../evidence/common';
import { LinkButton } from '../workplans/common';
import {
  AREA_LABELS,
  COMPARATOR_ORDER,
  ComparatorText,
  IndicatorRagTag,
  ScrollingTable,
  TrendText,
  figureText,
  targetText,
} from './common';

const ScorecardDocument = graphql(`
  query Scorecard($subGroupId: ID) {
    scorecard(subGroupId: $subGroupId) {
      indicator {
        id
        code
        name
        unit
        polarity
        target
        subGroup {
          id
          name
        }
      }
      latest {
        periodStart
        periodEnd
        label
        local {
          value
          marker
        }
      }
      rag
      trend
      trendText
      comparators {
        area
        comparison
        figure {
          value
          marker
        }
      }
      series {
        periodStart
        label
        local {
          value
          marker
        }
      }
    }
  }
`);

const RetiredIndicatorsDocument = graphql(`
  query RetiredIndicators {
    indicators(includeRetired: true) {
      id
      code
      name
      retiredAt
    }
  }
`);

type Row = ScorecardQuery['scorecard'][number];

/** Our figure in the period before the latest, in words, for the trend ("down from 94 per 10,000"). */
function previousFigure(row: Row): string | undefined {
  if (!row.latest) return undefined;
  const ours = row.series.filter((p) => p.local);
  const i = ours.findIndex((p) => p.periodStart === row.latest?.periodStart);
  const before = i > 0 ? ours[i - 1] : undefined;
  return before?.local?.value !== null && before?.local?.value !== undefined ? figureText(before.local, row.indicator.unit) : undefined;
}

export function ScorecardPage() {
  usePageTitle('Scorecard');
  const { me } = useAuth();
  const [params, setParams] = useSearchParams();
  const asked = params.get('subGroup') ?? '';
  const subGroup = UUID.test(asked) ? asked : '';
  const secretariat = me?.role === 'SECRETARIAT';
  const options = useQuery(() => loadSubGroupOptions(), []);
  const q = useQuery(async () => (await gql(ScorecardDocument, { subGroupId: subGroup || undefined })).scorecard, [subGroup]);
  const retired = useQuery(
    async () => (secretariat ? (await gql(RetiredIndicatorsDocument)).indicators.filter((i) => i.retiredAt) : []),
    [secretariat],
  );
  const groupName = options.data?.find((o) => o.value === subGroup)?.label;

  return (
    <>
      <FlashBanner />
      <h1 className="govuk-heading-l">Scorecard</h1>
      <p className="govuk-body">
        The partnership’s performance figures: each indicator’s latest figure against its target and against statistical neighbours, the
        region and England. Open an indicator to see its figures over time.
      </p>
      {secretariat && (
        <div className="govuk-button-group">
          <LinkButton to="/scorecard/import">Import figures</LinkButton>
          <LinkButton to="/scorecard/new" secondary>
            Add an indicator
          </LinkButton>
        </div>
      )}
      <SubGroupFilter
        key={subGroup}
        initial={subGroup}
        options={options.data ?? []}
        onApply={(id) => setParams(id ? new URLSearchParams({ subGroup: id }) : new URLSearchParams())}
      />
      <Loaded query={q}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="govuk-body" id="scorecard-empty">
              {subGroup
                ? `The ${groupName ?? 'chosen'} sub-group has no indicators on the scorecard.`
                : 'There are no indicators on the scorecard yet.'}
            </p>
          ) : (
            <ScorecardTable
              rows={rows}
              caption={`${groupName ? `${groupName}: ` : ''}${rows.length} ${rows.length === 1 ? 'indicator' : 'indicators'}`}
            />
          )
        }
      </Loaded>
      {secretariat && retired.data && retired.data.length > 0 && (
        <>
          <h2 className="govuk-heading-m">Retired indicators</h2>
          <p className="govuk-body">These are not on the scorecard. Their figures are kept; change an indicator to bring it back.</p>
          <ul className="govuk-list" id="retired-indicators">
            {retired.data.map((i) => (
              <li key={i.id}>
                <Link className="govuk-link" to={`/scorecard/${i.id}`}>
                  {i.name}
                </Link>{' '}
                <span className="app-muted">({i.code})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function ScorecardTable({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <ScrollingTable captionId="scorecard-caption">
      <table className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16" id="scorecard" style={{ minWidth: '940px' }}>
        <caption className="govuk-table__caption govuk-table__caption--s" id="scorecard-caption">
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header" style={{ width: '20%' }}>
              Indicator
            </th>
            <th scope="col" className="govuk-table__header">
              Latest period
            </th>
            <th scope="col" className="govuk-table__header">
              Ours
            </th>
            <th scope="col" className="govuk-table__header">
              Target
            </th>
            <th scope="col" className="govuk-table__header">
              RAG
            </th>
            <th scope="col" className="govuk-table__header">
              Trend
            </th>
            {COMPARATOR_ORDER.map((a) => (
              <th scope="col" className="govuk-table__header" key={a}>
                {AREA_LABELS[a]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => {
            const ind = r.indicator;
            return (
              <tr className="govuk-table__row" key={ind.id} data-indicator-code={ind.code}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/scorecard/${ind.id}`}>
                    {ind.name}
                  </Link>
                  <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-bottom-0">
                    {ind.code}
                    {ind.subGroup ? `, ${ind.subGroup.name}` : ''}
                  </span>
                </th>
                <td className="govuk-table__cell" data-column="period">
                  {r.latest?.label ?? 'No figures yet'}
                </td>
                <td className="govuk-table__cell" data-column="ours">
                  {r.latest ? figureText(r.latest.local, ind.unit) : 'No figure'}
                </td>
                <td className="govuk-table__cell" data-column="target">
                  {targetText(ind.target, ind.unit)}
                </td>
                <td className="govuk-table__cell" data-column="rag">
                  <IndicatorRagTag rag={r.rag} target={ind.target} />
                </td>
                <td className="govuk-table__cell" data-column="trend">
                  <TrendText trend={r.trend} trendText={r.trendText} polarity={ind.polarity} previous={previousFigure(r)} />
                </td>
                {COMPARATOR_ORDER.map((a) => {
                  const c = r.comparators.find((x) => x.area === a);
                  return (
                    <td className="govuk-table__cell" key={a} data-area={a}>
                      {r.latest ? <ComparatorText figure={c?.figure} comparison={c?.comparison ?? 'NOT_COMPARABLE'} unit={ind.unit} /> : ''}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

function SubGroupFilter({ initial, options, onApply }: { initial: string; options: Option[]; onApply: (id: string) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <div className="app-filters">
      <form
        role="search"
        aria-label="Filter the scorecard"
        action="/scorecard"
        method="get"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onApply(value);
        }}
      >
        <Select
          name="subGroup"
          label="Sub-group"
          hint="Show only the indicators a sub-group owns."
          value={value}
          onChange={setValue}
          options={options}
          placeholder="All indicators"
        />
        <div className="govuk-button-group">
          <Button secondary>Show indicators</Button>
          {initial && (
            <Link className="govuk-link" to="/scorecard">
              Show all indicators
            </Link>
          )}
        </div>
      </form>
    </div>
  );
}

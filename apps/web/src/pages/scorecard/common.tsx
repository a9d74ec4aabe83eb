/**
 * What the scorecard pages share: the words for units, frequencies, areas, markers, trends
 * and comparisons; figures written in their unit; the RAG tag with "No target" and "No
 * figure"; and the figures table that sits under every chart. Every colour or arrow repeats
 * a word (WCAG 1.4.1).
 */
import type { ReactNode } from 'react';
import { Tag } from '../../components/lists';
import { RagTag } from '../../components/rag';
import type { Comparison, IndicatorFrequency, IndicatorUnit, Polarity, Rag, Trend, ValueArea } from '../../gql/graphql';

export const UNIT_LABELS: Record<IndicatorUnit, string> = {
  PERCENTAGE: 'Percentage',
  RATE_PER_10000: 'Rate per 10,000 children',
  COUNT: 'Count',
  DAYS: 'Days',
};

export const UNIT_HINTS: Record<IndicatorUnit, string> = {
  PERCENTAGE: 'For example 93%.',
  RATE_PER_10000: 'For example 92 children looked after per 10,000 children aged under 18.',
  COUNT: 'A number of children or young people, for example 395.',
  DAYS: 'An average or a total number of days, for example 441.',
};

export const FREQUENCY_LABELS: Record<IndicatorFrequency, string> = {
  ANNUAL: 'Annual',
  QUARTERLY: 'Quarterly',
  MONTHLY: 'Monthly',
};

export const POLARITY_WORDS: Record<Polarity, string> = {
  HIGHER_IS_BETTER: 'Higher is better',
  LOWER_IS_BETTER: 'Lower is better',
};

/** Whose figure: ours, or a comparator's. */
export const AREA_LABELS: Record<ValueArea, string> = {
  LOCAL: 'Ours',
  STATISTICAL_NEIGHBOURS: 'Statistical neighbours',
  REGION: 'Region',
  ENGLAND: 'England',
};

export const AREA_HINTS: Record<ValueArea, string> = {
  LOCAL: 'The partnership’s own figure (geographic level Local authority).',
  STATISTICAL_NEIGHBOURS: 'The average of the councils most like ours.',
  REGION: 'The average for the region.',
  ENGLAND: 'The figure for England (geographic level National).',
};

/** The comparators in the order the scorecard shows them. */
export const COMPARATOR_ORDER: ValueArea[] = ['STATISTICAL_NEIGHBOURS', 'REGION', 'ENGLAND'];

/**
 * The markers official statistics print instead of a figure, in words. The api keeps the
 * marker and stores no value: it is never shown as zero.
 */
export const MARKER_WORDS: Record<string, string> = {
  c: 'Suppressed',
  x: 'Not available',
  z: 'Not applicable',
  ':': 'Not available',
  '..': 'Not available',
  low: 'Rounds to zero',
  u: 'Low reliability',
  k: 'Less than half the unit',
  '~': 'Rounds to zero',
};

/** "Suppressed (c)", "Not available (x)": a marker in words, with the marker as published. */
export function markerText(marker: string): string {
  return `${MARKER_WORDS[marker.toLowerCase()] ?? 'No figure'} (${marker})`;
}

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A number in its unit: "93%", "92 per 10,000", "83,630", "441 days". */
export function formatValue(value: number, unit: IndicatorUnit): string {
  const n = NUMBER.format(value);
  switch (unit) {
    case 'PERCENTAGE':
      return `${n}%`;
    case 'RATE_PER_10000':
      return `${n} per 10,000`;
    case 'DAYS':
      return `${n} ${value === 1 ? 'day' : 'days'}`;
    default:
      return n;
  }
}

export interface FigureLike {
  value?: number | null;
  marker?: string | null;
}

/** A figure as the pages show it: its value in the unit, its marker in words, or "No figure" when none was recorded. */
export function figureText(figure: FigureLike | null | undefined, unit: IndicatorUnit): string {
  if (!figure) return 'No figure';
  if (figure.value !== null && figure.value !== undefined) return formatValue(figure.value, unit);
  if (figure.marker) return markerText(figure.marker);
  return 'No figure';
}

/** A target in its unit, or "No target". */
export function targetText(target: number | null | undefined, unit: IndicatorUnit): string {
  return target === null || target === undefined ? 'No target' : formatValue(target, unit);
}

/**
 * The RAG against the target as a tag with its word: Red, Amber or Green; "No target" when the
 * indicator has none; "No figure" when our figure is missing or suppressed (a gap is not a RAG).
 */
export function IndicatorRagTag({ rag, target }: { rag: Rag | null | undefined; target: number | null | undefined }) {
  if (target === null || target === undefined) return <Tag colour="grey">No target</Tag>;
  if (!rag) return <Tag colour="grey">No figure</Tag>;
  return <RagTag rag={rag} />;
}

/** Which way a figure moved, from the trend (good or bad) and which way is better. */
function movement(trend: Trend, polarity: Polarity): 'up' | 'down' | 'level' | null {
  if (trend === 'NO_CHANGE') return 'level';
  if (trend === 'NOT_COMPARABLE') return null;
  const better = trend === 'IMPROVING';
  return better === (polarity === 'HIGHER_IS_BETTER') ? 'up' : 'down';
}

const ARROWS = { up: '↑', down: '↓', level: '→' } as const;

/**
 * The trend as an arrow (hidden from screen readers: it only repeats the words) and its
 * meaning in words, "Improving" or "Getting worse", with where the figure came from.
 */
export function TrendText({
  trend,
  trendText,
  polarity,
  previous,
}: {
  trend: Trend;
  trendText: string;
  polarity: Polarity;
  /** The figure before, in words, e.g. "94 per 10,000". */
  previous?: string;
}) {
  const move = movement(trend, polarity);
  return (
    <span data-trend={trend}>
      {move && (
        <span aria-hidden="true" className="govuk-!-font-weight-bold govuk-!-margin-right-1">
          {ARROWS[move]}
        </span>
      )}
      {trendText}
      {move && previous && (
        <span className="govuk-body-s app-muted govuk-!-display-block govuk-!-margin-bottom-0">
          {move === 'level' ? `same as before, ${previous}` : `${move} from ${previous}`}
        </span>
      )}
    </span>
  );
}

export const COMPARISON_WORDS: Record<Comparison, string> = {
  BETTER: 'Ours is better',
  WORSE: 'Ours is worse',
  SAME: 'Ours is the same',
  NOT_COMPARABLE: 'Cannot compare',
};

/** A comparator's figure with whether ours is better or worse, in words. */
export function ComparatorText({
  figure,
  comparison,
  unit,
}: {
  figure: FigureLike | null | undefined;
  comparison: Comparison;
  unit: IndicatorUnit;
}) {
  return (
    <>
      <span className="govuk-!-display-block">{figureText(figure, unit)}</span>
      {comparison !== 'NOT_COMPARABLE' && (
        <span className="govuk-body-s app-muted govuk-!-margin-bottom-0" data-comparison={comparison}>
          {COMPARISON_WORDS[comparison]}
        </span>
      )}
    </>
  );
}

export interface PeriodRow {
  periodStart: string;
  periodEnd: string;
  label: string;
  commentary: string;
  rag?: Rag | null;
  local?: FigureLike | null;
  statisticalNeighbours?: FigureLike | null;
  region?: FigureLike | null;
  england?: FigureLike | null;
}

/** A figure-bearing column of a period, by area. */
export function periodFigure(p: PeriodRow, area: ValueArea): FigureLike | null | undefined {
  switch (area) {
    case 'LOCAL':
      return p.local;
    case 'STATISTICAL_NEIGHBOURS':
      return p.statisticalNeighbours;
    case 'REGION':
      return p.region;
    default:
      return p.england;
  }
}

/** A table that scrolls sideways on a narrow screen rather than squeezing its columns; keyboard users can scroll it too. */
export function ScrollingTable({ captionId, children }: { captionId: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}

/**
 * Every figure of an indicator by period: ours, the comparators', our RAG and the commentary.
 * It sits under the chart, so the chart is never the only way to read the figures.
 */
export function FiguresTable({
  series,
  unit,
  target,
  id = 'figures-table',
  caption,
}: {
  series: PeriodRow[];
  unit: IndicatorUnit;
  target: number | null | undefined;
  id?: string;
  caption: string;
}) {
  const captionId = `${id}-caption`;
  return (
    <ScrollingTable captionId={captionId}>
      <table className="govuk-table govuk-table--small-text-until-tablet govuk-!-font-size-16" id={id} style={{ minWidth: '760px' }}>
        <caption className="govuk-table__caption govuk-table__caption--m" id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Period
            </th>
            <th scope="col" className="govuk-table__header">
              Ours
            </th>
            {COMPARATOR_ORDER.map((a) => (
              <th scope="col" className="govuk-table__header" key={a}>
                {AREA_LABELS[a]}
              </th>
            ))}
            <th scope="col" className="govuk-table__header">
              RAG
            </th>
            <th scope="col" className="govuk-table__header">
              Commentary
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {series.map((p) => (
            <tr className="govuk-table__row" key={`${p.periodStart}|${p.periodEnd}`} data-period={p.label}>
              <th scope="row" className="govuk-table__header" style={{ whiteSpace: 'nowrap' }}>
                {p.label}
              </th>
              <td className="govuk-table__cell" data-area="LOCAL">
                {figureText(p.local, unit)}
              </td>
              {COMPARATOR_ORDER.map((a) => (
                <td className="govuk-table__cell" key={a} data-area={a}>
                  {figureText(periodFigure(p, a), unit)}
                </td>
              ))}
              <td className="govuk-table__cell" data-column="rag">
                <IndicatorRagTag rag={p.rag} target={target} />
              </td>
              <td className="govuk-table__cell">{p.commentary || <span className="app-muted">None</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollingTable>
  );
}

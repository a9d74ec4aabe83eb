/**
 * An indicator's figures over time as a line chart: ours against statistical neighbours,
 * region and England, with the target. Drawn as SVG by Observable Plot, loaded only on the
 * pages that show a chart so the rest of the app does not carry it.
 *
 * The chart is a picture (role img) named by its caption and described in words beside it;
 * the figures themselves are in the table under it (FiguresTable), so the chart is never the
 * only way to read them. Each line differs by dash and point shape as well as colour, and
 * the legend says which is which. A suppressed or missing figure is a gap in its line, never
 * a zero.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { IndicatorUnit, Polarity, ValueArea } from '../../gql/graphql';
import { AREA_LABELS, POLARITY_WORDS, figureText, formatValue, periodFigure, type PeriodRow } from './common';

type PointShape = 'circle' | 'square' | 'triangle' | 'diamond';

interface LineStyle {
  colour: string;
  width: number;
  /** SVG stroke-dasharray; '' for a solid line. */
  dash: string;
  symbol: PointShape;
}

/** GOV.UK colours that contrast at least 3:1 with white, each with its own dash and point shape. */
const LINES: Record<ValueArea, LineStyle> = {
  LOCAL: { colour: '#0b0c0c', width: 3, dash: '', symbol: 'circle' },
  STATISTICAL_NEIGHBOURS: { colour: '#1d70b8', width: 2, dash: '8 4', symbol: 'square' },
  REGION: { colour: '#00703c', width: 2, dash: '2 3', symbol: 'triangle' },
  ENGLAND: { colour: '#4c2c92', width: 2, dash: '12 4 2 4', symbol: 'diamond' },
};
const TARGET_LINE = { colour: '#505a5f', width: 1.5, dash: '5 5' };

const AREAS: ValueArea[] = ['LOCAL', 'STATISTICAL_NEIGHBOURS', 'REGION', 'ENGLAND'];

const Y_LABELS: Record<IndicatorUnit, string> = {
  PERCENTAGE: 'Per cent',
  RATE_PER_10000: 'Per 10,000 children',
  COUNT: 'Number',
  DAYS: 'Days',
};

interface Point {
  period: string;
  area: ValueArea;
  value: number | null;
}

function pointsOf(series: PeriodRow[], area: ValueArea): Point[] {
  return series.map((p) => {
    const f = periodFigure(p, area);
    return { period: p.label, area, value: f?.value ?? null };
  });
}

/** The chart in words: what it shows, which way is better, where ours started and ended, and where the figures are. */
export function chartDescription(o: {
  series: PeriodRow[];
  unit: IndicatorUnit;
  polarity: Polarity;
  target: number | null | undefined;
}): string {
  const { series, unit } = o;
  const ours = series.filter((p) => p.local?.value !== null && p.local?.value !== undefined);
  const parts = [
    `A line chart of ${series.length} ${series.length === 1 ? 'period' : 'periods'}` +
      (series.length ? `, ${series[0].label} to ${series[series.length - 1].label}` : '') +
      `, with lines for ours, statistical neighbours, region and England${o.target !== null && o.target !== undefined ? `, and the target of ${formatValue(o.target, unit)}` : ''}.`,
    `${POLARITY_WORDS[o.polarity]}.`,
  ];
  if (ours.length > 1) {
    const first = ours[0];
    const last = ours[ours.length - 1];
    parts.push(`Ours was ${figureText(first.local, unit)} in ${first.label} and ${figureText(last.local, unit)} in ${last.label}.`);
  } else if (ours.length === 1) {
    parts.push(`Ours was ${figureText(ours[0].local, unit)} in ${ours[0].label}.`);
  }
  parts.push('A gap in a line is a figure that is suppressed or not available. Every figure is in the table under the chart.');
  return parts.join(' ');
}

export function IndicatorChart({
  name,
  series,
  unit,
  polarity,
  target,
  tableId,
}: {
  name: string;
  series: PeriodRow[];
  unit: IndicatorUnit;
  polarity: Polarity;
  target: number | null | undefined;
  /** The id of the figures table the description points to. */
  tableId: string;
}) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');

  // Redraw at the width the page gives the chart (rounded, so a scrollbar appearing does not redraw it).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(320, Math.min(960, Math.round(el.clientWidth / 20) * 20)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const key = JSON.stringify([series, unit, target, width]);
  useEffect(() => {
    if (!width) return;
    let cancelled = false;
    import('@observablehq/plot').then(
      (Plot) => {
        const el = box.current;
        if (cancelled || !el) return;
        const labels = series.map((p) => p.label);
        const marks = [
          Plot.gridY({ strokeOpacity: 0.15 }),
          Plot.axisY({ label: Y_LABELS[unit], tickFormat: unit === 'PERCENTAGE' ? (d: number) => `${d}%` : undefined }),
          Plot.axisX({ label: null, lineWidth: 9, tickSize: 0 }),
          ...(target !== null && target !== undefined
            ? [Plot.ruleY([target], { stroke: TARGET_LINE.colour, strokeWidth: TARGET_LINE.width, strokeDasharray: TARGET_LINE.dash })]
            : []),
          ...AREAS.flatMap((area) => {
            const s = LINES[area];
            const data = pointsOf(series, area);
            return [
              // Null values break the line: a suppressed or missing figure is a gap, not a zero.
              Plot.line(data, {
                x: 'period',
                y: 'value',
                stroke: s.colour,
                strokeWidth: s.width,
                strokeDasharray: s.dash || undefined,
              }),
              Plot.dot(
                data.filter((d) => d.value !== null),
                { x: 'period', y: 'value', symbol: s.symbol, fill: s.colour, stroke: 'white', strokeWidth: 1, r: area === 'LOCAL' ? 5 : 4 },
              ),
            ];
          }),
        ];
        const svg = Plot.plot({
          width,
          height: 340,
          marginLeft: 60,
          marginBottom: 50,
          marginTop: 30,
          style: { fontSize: '14px', fontFamily: 'inherit', overflow: 'visible' },
          x: { type: 'point', domain: labels, padding: 0.4 },
          y: { nice: true, grid: false },
          marks,
        });
        // A picture, named and described by the text around it; its parts are not read one by one.
        svg.querySelectorAll('[aria-label], [aria-description], [aria-hidden]').forEach((n) => {
          n.removeAttribute('aria-label');
          n.removeAttribute('aria-description');
          n.removeAttribute('aria-hidden');
        });
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-labelledby', titleId);
        svg.setAttribute('aria-describedby', descId);
        svg.setAttribute('focusable', 'false');
        el.replaceChildren(svg);
        setState('drawn');
      },
      () => !cancelled && setState('failed'),
    );
    return () => {
      cancelled = true;
    };
    // `key` stands for the figures and the width: redraw only when they change.
  }, [key]);

  return (
    <figure className="govuk-!-margin-0 govuk-!-margin-bottom-6" data-testid="indicator-chart">
      <figcaption>
        <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={titleId}>
          {name}: ours against comparators over time
        </h2>
        <p className="govuk-body" id={descId}>
          {chartDescription({ series, unit, polarity, target })}
        </p>
      </figcaption>
      <Legend hasTarget={target !== null && target !== undefined} target={target} unit={unit} series={series} />
      <div ref={box} style={{ width: '100%' }} />
      {state === 'loading' && <p className="govuk-body">Loading…</p>}
      {state === 'failed' && (
        <p className="govuk-body">
          The chart could not be drawn.{' '}
          <a className="govuk-link" href={`#${tableId}`}>
            The figures are in the table
          </a>
          .
        </p>
      )}
    </figure>
  );
}

/** A sample of a line's look, for the legend. */
function Swatch({ colour, width, dash, symbol }: { colour: string; width: number; dash: string; symbol?: PointShape }) {
  const shape =
    symbol === 'circle' ? (
      <circle cx="20" cy="8" r="5" fill={colour} stroke="white" />
    ) : symbol === 'square' ? (
      <rect x="15.5" y="3.5" width="9" height="9" fill={colour} stroke="white" />
    ) : symbol === 'triangle' ? (
      <polygon points="20,2 26,13 14,13" fill={colour} stroke="white" />
    ) : symbol === 'diamond' ? (
      <polygon points="20,2 26,8 20,14 14,8" fill={colour} stroke="white" />
    ) : null;
  return (
    <svg
      width="40"
      height="16"
      viewBox="0 0 40 16"
      aria-hidden="true"
      focusable="false"
      style={{ verticalAlign: 'middle', marginRight: 8 }}
    >
      <line x1="0" y1="8" x2="40" y2="8" stroke={colour} strokeWidth={width} strokeDasharray={dash || undefined} />
      {shape}
    </svg>
  );
}

function Legend({
  hasTarget,
  target,
  unit,
  series,
}: {
  hasTarget: boolean;
  target: number | null | undefined;
  unit: IndicatorUnit;
  series: PeriodRow[];
}) {
  return (
    <ul
      className="govuk-list govuk-!-font-size-16"
      aria-label="Key to the chart"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px' }}
    >
      {AREAS.map((a) => {
        const none = !series.some((p) => typeof periodFigure(p, a)?.value === 'number');
        return (
          <li key={a} className="govuk-!-margin-bottom-0">
            <Swatch {...LINES[a]} />
            {AREA_LABELS[a]}
            {none ? ' (no figures)' : ''}
          </li>
        );
      })}
      {hasTarget && target !== null && target !== undefined && (
        <li className="govuk-!-margin-bottom-0">
          <Swatch {...TARGET_LINE} />
          Target: {formatValue(target, unit)}
        </li>
      )}
    </ul>
  );
}

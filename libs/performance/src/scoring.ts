import { Polarity } from '@pbw/commitments';
import { Rag } from '@pbw/workplans';

/**
 * Figures are compared at four decimal places: numeric values arrive as JavaScript numbers,
 * and 66.7 - 0.1 must still equal 66.6 at a tolerance edge.
 */
const round = (n: number): number => Math.round(n * 10_000) / 10_000;

/**
 * RAG of a value against its target. Green: the target met or beaten. Amber: short of it by no
 * more than the tolerance (the edge itself is amber). Red: further off. No target or no value: none.
 */
export function ragOf(value: number | null, target: number | null, tolerance: number, polarity: Polarity): Rag | null {
  if (value === null || target === null) return null;
  // How far the value falls short of the target, in the indicator's unit; zero or less is met.
  const shortfall = round(polarity === Polarity.HIGHER_IS_BETTER ? target - value : value - target);
  if (shortfall <= 0) return Rag.GREEN;
  if (shortfall <= round(tolerance)) return Rag.AMBER;
  return Rag.RED;
}

export enum Trend {
  IMPROVING = 'IMPROVING',
  WORSENING = 'WORSENING',
  NO_CHANGE = 'NO_CHANGE',
  /** One of the two figures is missing (suppressed, not yet published, or no earlier period). */
  NOT_COMPARABLE = 'NOT_COMPARABLE',
}

/** Direction of travel from an earlier figure to a later one, good or bad by the indicator's polarity. */
export function trendOf(earlier: number | null | undefined, later: number | null | undefined, polarity: Polarity): Trend {
  if (earlier === null || earlier === undefined || later === null || later === undefined) return Trend.NOT_COMPARABLE;
  const diff = round(later) - round(earlier);
  if (diff === 0) return Trend.NO_CHANGE;
  const up = diff > 0;
  return up === (polarity === Polarity.HIGHER_IS_BETTER) ? Trend.IMPROVING : Trend.WORSENING;
}

export enum Comparison {
  BETTER = 'BETTER',
  WORSE = 'WORSE',
  SAME = 'SAME',
  NOT_COMPARABLE = 'NOT_COMPARABLE',
}

/** Ours against a comparator's figure for the same period. */
export function compareWith(ours: number | null | undefined, theirs: number | null | undefined, polarity: Polarity): Comparison {
  const t = trendOf(theirs, ours, polarity);
  return t === Trend.IMPROVING
    ? Comparison.BETTER
    : t === Trend.WORSENING
      ? Comparison.WORSE
      : t === Trend.NO_CHANGE
        ? Comparison.SAME
        : Comparison.NOT_COMPARABLE;
}

/** Words for a trend, so a screen reader and a printed pack say what the arrow means. */
export const TREND_WORDS: Record<Trend, string> = {
  IMPROVING: 'Improving',
  WORSENING: 'Getting worse',
  NO_CHANGE: 'No change',
  NOT_COMPARABLE: 'Not comparable',
};

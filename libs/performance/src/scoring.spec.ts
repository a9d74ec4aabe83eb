import { Polarity } from '@pbw/commitments';
import { Rag } from '@pbw/workplans';
import { Comparison, TREND_WORDS, Trend, compareWith, ragOf, trendOf } from './scoring';

const H = Polarity.HIGHER_IS_BETTER;
const L = Polarity.LOWER_IS_BETTER;
const { GREEN, AMBER, RED } = Rag;

describe('ragOf', () => {
  it.each([
    // Higher is better: target 80, tolerance 5, so 75 is the last amber figure.
    ['higher, well above the target', 95, 80, 5, H, GREEN],
    ['higher, exactly on the target', 80, 80, 5, H, GREEN],
    ['higher, a hair under the target', 79.9999, 80, 5, H, AMBER],
    ['higher, inside the tolerance', 77, 80, 5, H, AMBER],
    ['higher, exactly at the tolerance edge', 75, 80, 5, H, AMBER],
    ['higher, just past the tolerance edge', 74.99, 80, 5, H, RED],
    ['higher, far below', 10, 80, 5, H, RED],
    // Lower is better: target 53 (per 10,000), tolerance 4, so 57 is the last amber figure.
    ['lower, well below the target', 40, 53, 4, L, GREEN],
    ['lower, exactly on the target', 53, 53, 4, L, GREEN],
    ['lower, a hair over the target', 53.0001, 53, 4, L, AMBER],
    ['lower, inside the tolerance', 55, 53, 4, L, AMBER],
    ['lower, exactly at the tolerance edge', 57, 53, 4, L, AMBER],
    ['lower, just past the tolerance edge', 57.01, 53, 4, L, RED],
    ['lower, far above (92 against 53)', 92, 53, 4, L, RED],
    // Decimals that floating point gets wrong without care: 66.7 - 66.6 is 0.10000000000000853.
    ['higher, decimal edge 66.6 against 66.7 ± 0.1', 66.6, 66.7, 0.1, H, AMBER],
    ['higher, decimal just past the edge', 66.59, 66.7, 0.1, H, RED],
    ['higher, decimal on the target', 66.7, 66.7, 0.1, H, GREEN],
    ['lower, decimal edge 66.8 against 66.7 ± 0.1', 66.8, 66.7, 0.1, L, AMBER],
    ['lower, decimal just past the edge', 66.81, 66.7, 0.1, L, RED],
    ['lower, decimal edge 0.3 against 0.2 ± 0.1', 0.3, 0.2, 0.1, L, AMBER],
    ['higher, decimal edge 0.1 against 0.3 ± 0.2', 0.1, 0.3, 0.2, H, AMBER],
    // With no tolerance, anything short of the target is red.
    ['higher, zero tolerance, on target', 80, 80, 0, H, GREEN],
    ['higher, zero tolerance, just short', 79.99, 80, 0, H, RED],
    ['lower, zero tolerance, on target', 10, 10, 0, L, GREEN],
    ['lower, zero tolerance, just over', 10.01, 10, 0, L, RED],
    // Zero and negatives are figures like any other, never "no value".
    ['higher, a value of zero', 0, 1, 0.5, H, RED],
    ['lower, a value of zero', 0, 1, 0.5, L, GREEN],
    ['lower, a target of zero met', 0, 0, 2, L, GREEN],
    ['lower, a target of zero missed by the tolerance', 2, 0, 2, L, AMBER],
    ['higher, negatives', -3, -2, 1, H, AMBER],
  ])('%s', (_what, value, target, tolerance, polarity, rag) => {
    expect(ragOf(value, target, tolerance, polarity)).toBe(rag);
  });

  it('has no RAG without a target or without a figure (a suppressed one included)', () => {
    for (const polarity of [H, L]) {
      expect(ragOf(50, null, 5, polarity)).toBeNull();
      expect(ragOf(null, 50, 5, polarity)).toBeNull();
      expect(ragOf(null, null, 0, polarity)).toBeNull();
    }
  });
});

describe('trendOf', () => {
  it.each([
    ['higher is better, up', 60, 65, H, Trend.IMPROVING],
    ['higher is better, down', 65, 60, H, Trend.WORSENING],
    ['lower is better, up', 53, 64, L, Trend.WORSENING],
    ['lower is better, down', 92, 88, L, Trend.IMPROVING],
    ['higher, equal', 70, 70, H, Trend.NO_CHANGE],
    ['lower, equal', 70, 70, L, Trend.NO_CHANGE],
    ['a change floating point blurs still counts', 0.1 + 0.2, 0.31, H, Trend.IMPROVING],
    ['equal once floating point is set aside', 0.1 + 0.2, 0.3, L, Trend.NO_CHANGE],
    ['from zero', 0, 1, H, Trend.IMPROVING],
    ['to zero', 1, 0, L, Trend.IMPROVING],
    ['a small decimal step, lower is better', 66.7, 66.6, L, Trend.IMPROVING],
  ])('%s', (_what, earlier, later, polarity, trend) => {
    expect(trendOf(earlier, later, polarity)).toBe(trend);
  });

  it('is not comparable when either figure is missing', () => {
    for (const polarity of [H, L]) {
      expect(trendOf(null, 5, polarity)).toBe(Trend.NOT_COMPARABLE);
      expect(trendOf(5, null, polarity)).toBe(Trend.NOT_COMPARABLE);
      expect(trendOf(undefined, 5, polarity)).toBe(Trend.NOT_COMPARABLE);
      expect(trendOf(5, undefined, polarity)).toBe(Trend.NOT_COMPARABLE);
      expect(trendOf(null, null, polarity)).toBe(Trend.NOT_COMPARABLE);
      // Zero is a figure, not a missing one.
      expect(trendOf(0, 0, polarity)).toBe(Trend.NO_CHANGE);
    }
  });

  it('says every trend in words', () => {
    expect(TREND_WORDS).toEqual({
      IMPROVING: 'Improving',
      WORSENING: 'Getting worse',
      NO_CHANGE: 'No change',
      NOT_COMPARABLE: 'Not comparable',
    });
  });
});

describe('compareWith', () => {
  it.each([
    // Ours 92 looked-after children per 10,000 against statistical neighbours' 53: worse, lower being better.
    ['lower is better, ours higher', 92, 53, L, Comparison.WORSE],
    ['lower is better, ours lower', 53, 64, L, Comparison.BETTER],
    ['higher is better, ours higher', 88, 81, H, Comparison.BETTER],
    ['higher is better, ours lower', 70, 81, H, Comparison.WORSE],
    ['the same', 64, 64, H, Comparison.SAME],
    ['the same, lower is better', 64, 64, L, Comparison.SAME],
    ['decimals', 66.6, 66.7, H, Comparison.WORSE],
  ])('%s', (_what, ours, theirs, polarity, comparison) => {
    expect(compareWith(ours, theirs, polarity)).toBe(comparison);
  });

  it('is not comparable when either figure is missing', () => {
    for (const polarity of [H, L]) {
      expect(compareWith(null, 5, polarity)).toBe(Comparison.NOT_COMPARABLE);
      expect(compareWith(5, null, polarity)).toBe(Comparison.NOT_COMPARABLE);
      expect(compareWith(undefined, 5, polarity)).toBe(Comparison.NOT_COMPARABLE);
      expect(compareWith(5, undefined, polarity)).toBe(Comparison.NOT_COMPARABLE);
    }
  });
});

import { Polarity } from './commitments.entities';
import { progressOf } from './progress';

const H = Polarity.HIGHER_IS_BETTER;
const L = Polarity.LOWER_IS_BETTER;
const p = (baseline: number | null, target: number | null, currentValue: number | null, polarity = H) =>
  progressOf({ baseline, target, currentValue, polarity });

describe('progressOf', () => {
  it.each([
    ['higher is better, part-way', 4, 12, 8, H, 50, false],
    ['lower is better, part-way', 30, 10, 25, L, 25, false],
    ['higher, at the baseline', 4, 12, 4, H, 0, false],
    ['higher, gone backwards', 4, 12, 2, H, 0, false],
    ['lower, gone backwards', 30, 10, 35, L, 0, false],
    ['higher, exactly on target', 4, 12, 12, H, 100, true],
    ['higher, beyond the target', 4, 12, 20, H, 100, true],
    ['lower, exactly on target', 30, 10, 10, L, 100, true],
    ['lower, beyond the target', 30, 10, 5, L, 100, true],
    ['a third of the way, rounded down', 0, 3, 1, H, 33, false],
    ['decimals', 0.5, 1.5, 0.8, H, 30, false],
    ['negative numbers', -10, 10, 0, H, 50, false],
    ['almost there is not 100', 0, 1000, 999.9, H, 99, false],
  ])('%s', (_what, baseline, target, value, polarity, percent, targetMet) => {
    expect(p(baseline, target, value, polarity)).toEqual({ percent, targetMet });
  });

  it('a zero-width range is all or nothing', () => {
    expect(p(10, 10, 10, H)).toEqual({ percent: 100, targetMet: true });
    expect(p(10, 10, 9, H)).toEqual({ percent: 0, targetMet: false });
    expect(p(10, 10, 9, L)).toEqual({ percent: 100, targetMet: true });
    expect(p(10, 10, 11, L)).toEqual({ percent: 0, targetMet: false });
  });

  it('a target already met at the baseline is all or nothing, in the commitment’s direction', () => {
    // Higher is better, but the target (5) is below the baseline (10): met while the value stays at 5 or more.
    expect(p(10, 5, 7, H)).toEqual({ percent: 100, targetMet: true });
    expect(p(10, 5, 4, H)).toEqual({ percent: 0, targetMet: false });
    // Lower is better, target above the baseline.
    expect(p(5, 10, 8, L)).toEqual({ percent: 100, targetMet: true });
    expect(p(5, 10, 12, L)).toEqual({ percent: 0, targetMet: false });
  });

  it('is null until there is a baseline, a target and a value', () => {
    expect(p(null, 10, 5)).toBeNull();
    expect(p(0, null, 5)).toBeNull();
    expect(p(0, 10, null)).toBeNull();
  });
});

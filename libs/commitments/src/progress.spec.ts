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
    ['lower, almost there is not 100', 1000, 0, 0.1, L, 99, false],
    ['whole per cent, rounded down, not up', 0, 3, 2, H, 66, false],
    // 0.29 * 100 is 28.999999999999996 in floating point: still 29.
    ['a decimal that floating point puts just under a whole number', 0, 1, 0.29, H, 29, false],
    ['lower is better, decimals', 2.5, 1, 2, L, 33, false],
    ['lower is better, negative numbers', -2, -10, -6, L, 50, false],
    ['higher is better, all negative', -30, -10, -25, H, 25, false],
    ['lower, beyond the target into negatives', 5, 0, -3, L, 100, true],
    ['higher, far backwards', 4, 12, -1000, H, 0, false],
    ['large measures', 0, 1e12, 5e11, H, 50, false],
    ['a hair short of the target is not 100', 0, 1, 1 - 1e-12, H, 99, false],
    ['lower, a hair short of the target is not 100', 1, 0, 1e-12, L, 99, false],
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

  it('a zero-width range at zero or below zero is all or nothing too', () => {
    expect(p(0, 0, 0, H)).toEqual({ percent: 100, targetMet: true });
    expect(p(0, 0, -0.5, H)).toEqual({ percent: 0, targetMet: false });
    expect(p(-3, -3, -3, L)).toEqual({ percent: 100, targetMet: true });
    expect(p(-3, -3, -2.9, L)).toEqual({ percent: 0, targetMet: false });
  });

  it('a target already met is met exactly at the target, in either direction', () => {
    expect(p(10, 5, 5, H)).toEqual({ percent: 100, targetMet: true });
    expect(p(10, 5, 4.99, H)).toEqual({ percent: 0, targetMet: false });
    expect(p(5, 10, 10, L)).toEqual({ percent: 100, targetMet: true });
    expect(p(5, 10, 10.01, L)).toEqual({ percent: 0, targetMet: false });
  });

  it('is 100 only when the target is met, and never outside 0 to 100', () => {
    for (const [baseline, target, polarity] of [
      [0, 7, H],
      [7, 0, L],
      [-3.5, 2.25, H],
      [2.25, -3.5, L],
    ] as const) {
      for (let value = -20; value <= 20; value += 0.25) {
        const r = p(baseline, target, value, polarity);
        const met = polarity === H ? value >= target : value <= target;
        expect({ baseline, target, value, r }).toEqual({
          baseline,
          target,
          value,
          r: { percent: met ? 100 : expect.any(Number), targetMet: met },
        });
        expect(r!.percent).toBeGreaterThanOrEqual(0);
        expect(r!.percent).toBeLessThanOrEqual(met ? 100 : 99);
        expect(Number.isInteger(r!.percent)).toBe(true);
      }
    }
  });

  it('is null until there is a baseline, a target and a value', () => {
    expect(p(null, 10, 5)).toBeNull();
    expect(p(0, null, 5)).toBeNull();
    expect(p(0, 10, null)).toBeNull();
    expect(p(null, null, null, L)).toBeNull();
    // Zero is a value, not a missing one.
    expect(p(0, 10, 0)).toEqual({ percent: 0, targetMet: false });
    expect(p(10, 0, 0, L)).toEqual({ percent: 100, targetMet: true });
  });
});

import { Polarity } from './commitments.entities';

export interface Progress {
  /** 0 to 100, whole: how far the latest value has come from the baseline towards the target. */
  percent: number;
  /** The latest value meets or beats the target, in the commitment's direction. */
  targetMet: boolean;
}

/**
 * Progress from baseline to target for either polarity. Null when any of the three values
 * is missing. When the target is no further on than the baseline (a zero-width range, or
 * a target already met when the commitment was made) the range has nothing to measure, so
 * progress is all or nothing: 100 if the latest value meets the target, else 0. Going
 * backwards shows 0, and beating the target shows 100.
 */
export function progressOf(c: {
  baseline: number | null;
  target: number | null;
  currentValue: number | null;
  polarity: Polarity;
}): Progress | null {
  const { baseline, target, currentValue: value } = c;
  if (baseline === null || target === null || value === null) return null;
  const higher = c.polarity === Polarity.HIGHER_IS_BETTER;
  const targetMet = higher ? value >= target : value <= target;
  const width = higher ? target - baseline : baseline - target;
  if (width <= 0) return { percent: targetMet ? 100 : 0, targetMet };
  const gained = higher ? value - baseline : baseline - value;
  const percent = Math.floor(Math.min(100, Math.max(0, (gained / width) * 100)) + 1e-9);
  return { percent: targetMet ? 100 : Math.min(percent, 99), targetMet };
}

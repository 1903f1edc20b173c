import type { SortedSample } from './sample.js';

/**
 * Tolerance, relative to the total weight, under which a cumulative weight share counts as equal
 * to p (so that 0.1 + 0.2 "equals" 0.3 and the rule below takes the next value).
 */
export const SHARE_TOLERANCE = 1e-12;

/**
 * Position of the p-quantile among the first `count` elements of a sorted sample: the smallest i
 * whose cumulative weight share strictly exceeds p (C_i / C_count > p). When a share equals p
 * exactly the next value is taken; p = 1 (nothing exceeds it) gives the largest value. −1 if count
 * is 0. Binary search, O(log n).
 */
export function quantileIndex(s: SortedSample, p: number, count = s.values.length): number {
  if (count <= 0) return -1;
  const total = s.cumWeight[count - 1]!;
  const target = p * total + SHARE_TOLERANCE * total;
  let lo = 0;
  let hi = count - 1;
  if (s.cumWeight[hi]! <= target) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumWeight[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Weighted p-quantile (0 ≤ p ≤ 1): the smallest value whose cumulative weight share exceeds p — the
 * rule of the EU-SILC indicator package laeken, except that laeken averages two values when a share
 * equals p exactly, where this takes the next one. null for an empty sample.
 */
export function weightedQuantile(s: SortedSample, p: number, count = s.values.length): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability ${p} is outside [0, 1]`);
  const i = quantileIndex(s, p, count);
  return i < 0 ? null : s.values[i]!;
}

/** Number of leading elements strictly below x (the sample is sorted). */
export function countBelow(s: SortedSample, x: number): number {
  let lo = 0;
  let hi = s.values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

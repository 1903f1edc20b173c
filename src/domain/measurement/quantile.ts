import type { SortedSample } from './sample.js';

/**
 * Position of the p-quantile among the first `count` elements of a sorted sample: the smallest i
 * whose cumulative weight share C_i / C_count strictly exceeds p — laeken 0.5.2's `weightedQuantile`,
 * `x[min(which(cumsum(w) / sum(w) > p))]`, with the share computed as that same quotient so that a
 * share equal to p (1, 2, 3, 4 at p = 0.5) takes the next value, and rounding falls as in R (weights
 * 0.1, 0.2, 0.7: the share 0.1 + 0.2 = 0.30000000000000004 exceeds 0.3). p = 1 (nothing exceeds it)
 * gives the largest value. −1 if count is 0. Binary search, O(log n).
 */
export function quantileIndex(s: SortedSample, p: number, count = s.values.length): number {
  if (count <= 0) return -1;
  const total = s.cumWeight[count - 1]!;
  let lo = 0;
  let hi = count - 1;
  if (!(s.cumWeight[hi]! / total > p)) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s.cumWeight[mid]! / total > p) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Weighted p-quantile (0 ≤ p ≤ 1): the smallest value whose cumulative weight share exceeds p, the
 * rule of the EU-SILC indicator package laeken (`weightedQuantile`; its branch averaging two values
 * when a share equals p is unreachable, so its median of 1, 2, 3, 4 is 3, as here). Always an
 * observed value. null for an empty sample.
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

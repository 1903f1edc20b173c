import { countBelow, weightedQuantile } from './quantile.js';
import type { SortedSample } from './sample.js';

/** Relative poverty lines as shares of the median, keyed as in the CLI output. */
export const RELATIVE_SHARES = { p40: 0.4, p50: 0.5, p60: 0.6 } as const;
export type RelativeKey = keyof typeof RELATIVE_SHARES;

export interface RelativePoverty {
  /** Weighted median equivalised income. */
  median: number | null;
  lines: Record<RelativeKey, number | null>;
  /** At-risk-of-poverty rate: weighted share strictly below each line. */
  arpr: Record<RelativeKey, number | null>;
  /** Relative median poverty gap at the 60 % line: (line − median of those below) / line. */
  rmpg: number | null;
}

const KEYS = Object.keys(RELATIVE_SHARES) as RelativeKey[];
const each = <T>(f: (k: RelativeKey) => T) =>
  Object.fromEntries(KEYS.map((k) => [k, f(k)])) as Record<RelativeKey, T>;

/**
 * Lines at 40/50/60 % of the weighted median (the quantile rule of quantile.ts), the share below
 * each, and the relative median poverty gap at 60 % (laeken's rmpg, as a fraction). The gap is null
 * when nobody is below the 60 % line or the line is not positive.
 */
export function relativePovertySorted(s: SortedSample): RelativePoverty {
  const median = weightedQuantile(s, 0.5);
  if (median === null) return { median, lines: each(() => null), arpr: each(() => null), rmpg: null };
  const lines = each((k) => RELATIVE_SHARES[k] * median);
  const below = each((k) => countBelow(s, lines[k]));
  const arpr = each((k) => (below[k] === 0 ? 0 : s.cumWeight[below[k] - 1]! / s.total));
  const line60 = lines.p60;
  const medianPoor = weightedQuantile(s, 0.5, below.p60);
  const rmpg = medianPoor === null || !(line60 > 0) ? null : (line60 - medianPoor) / line60;
  return { median, lines, arpr, rmpg };
}

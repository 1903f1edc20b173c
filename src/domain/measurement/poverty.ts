import { assertPositiveLine } from './errors.js';
import { giniSorted } from './inequality.js';
import { positiveWeights, sortSample, type Weighted } from './sample.js';

/**
 * Who is poor against the line z: 'below' (y < z: the default; laeken's `arpr`, Eurostat, the World
 * Bank's handbook) or 'at-or-below' (y ≤ z: the `convey` package's `svyfgt` for the `survey`
 * designs). Only the headcount side moves: a person exactly at the line has a gap of 0.
 */
export const POOR_IF = ['below', 'at-or-below'] as const;
export type PoorIf = (typeof POOR_IF)[number];

/** Poor by the rule: y < z, or y ≤ z. */
export const isPoor = (y: number, line: number, poorIf: PoorIf) =>
  poorIf === 'below' ? y < line : y <= line;

/** Absolute poverty against a line z; poor means income strictly below z unless told otherwise. null = undefined. */
export interface AbsolutePoverty {
  /** FGT α = 0: weighted share of persons below the line. */
  headcount: number | null;
  /** FGT α = 1: mean of (z − y)/z over everyone, 0 for the non-poor. */
  povertyGap: number | null;
  /** FGT α = 2: mean of ((z − y)/z)². */
  squaredGap: number | null;
  /** Watts: mean of ln(z/y) over the poor (0 for the non-poor). */
  watts: number | null;
  /** Sen: H · [I + (1 − I) · G_p]. */
  sen: number | null;
}

/**
 * Foster–Greer–Thorbecke P_α = (1/W) Σ_{yᵢ<z} wᵢ ((z − yᵢ)/z)^α for α ≥ 0. Incomes are used as they
 * are: a negative income has a normalised gap above 1. null for an empty population.
 */
export function fgt(
  values: Float64Array,
  weights: Float64Array,
  line: number,
  alpha: number,
  poorIf: PoorIf = 'below',
): number | null {
  assertPositiveLine(line);
  if (!(alpha >= 0)) throw new RangeError(`FGT alpha must be ≥ 0, got ${alpha}`);
  const s = positiveWeights(values, weights);
  let w = 0;
  let sum = 0;
  for (let i = 0; i < s.values.length; i++) {
    const wi = s.weights[i]!;
    const y = s.values[i]!;
    w += wi;
    if (isPoor(y, line, poorIf)) sum += alpha === 0 ? wi : wi * Math.pow((line - y) / line, alpha);
  }
  return w > 0 ? sum / w : null;
}

/** The poor with their weights, in input order. */
function poorOf({ values, weights }: Weighted, line: number, count: number, poorIf: PoorIf): Weighted {
  const v = new Float64Array(count);
  const w = new Float64Array(count);
  for (let i = 0, j = 0; i < values.length; i++) {
    if (!isPoor(values[i]!, line, poorIf)) continue;
    v[j] = values[i]!;
    w[j++] = weights[i]!;
  }
  return { values: v, weights: w };
}

/**
 * Sen index, large-population form S = H · [I + (1 − I) · G_p] (Sen 1976; Haughton & Khandker
 * 2009, ch. 4): H the headcount ratio, I = (z − μ_p)/z the income-gap ratio of the poor, G_p the
 * weighted Gini among the poor. 0 when nobody is poor. When the poor's mean income is 0 (every
 * poor income zero) I = 1 and the term (1 − I)·G_p vanishes: S = H — so S = 1 when every income is
 * zero, the maximum of Sen's index (Sen 1976, axiom of the index's range), although G_p itself is
 * undefined there. null when the poor's mean income is negative (G_p undefined and I > 1).
 */
function senFromParts(
  sample: Weighted,
  line: number,
  h: number,
  poor: { count: number; weight: number; poorIf: PoorIf },
): number | null {
  if (poor.count === 0) return 0;
  const sorted = sortSample(poorOf(sample, line, poor.count, poor.poorIf));
  let income = 0;
  for (let i = 0; i < sorted.values.length; i++) income += sorted.weights[i]! * sorted.values[i]!;
  if (income === 0) return h;
  const gp = poor.count === 1 ? 0 : giniSorted(sorted);
  if (gp === null) return null;
  const gapRatio = (line - income / poor.weight) / line;
  return h * (gapRatio + (1 - gapRatio) * gp);
}

/**
 * Headcount, poverty gap, squared gap, Watts and Sen in one pass (plus a sort of the poor only for
 * Sen's Gini). Watts is Infinity when a poor person has zero income, null when one has a negative
 * income. Zero weights are dropped; everything is null for an empty population.
 */
export function absolutePoverty(
  values: Float64Array,
  weights: Float64Array,
  line: number,
  poorIf: PoorIf = 'below',
): AbsolutePoverty {
  assertPositiveLine(line);
  const s = positiveWeights(values, weights);
  let w = 0;
  let poorW = 0;
  let gap = 0;
  let gap2 = 0;
  let watts = 0;
  let negative = false;
  let poorCount = 0;
  for (let i = 0; i < s.values.length; i++) {
    const wi = s.weights[i]!;
    const y = s.values[i]!;
    w += wi;
    if (!isPoor(y, line, poorIf)) continue;
    const g = (line - y) / line;
    poorCount++;
    poorW += wi;
    gap += wi * g;
    gap2 += wi * g * g;
    if (y > 0) watts += wi * Math.log(line / y);
    else if (y === 0) watts = Infinity;
    else negative = true;
  }
  if (!(w > 0)) return { headcount: null, povertyGap: null, squaredGap: null, watts: null, sen: null };
  const headcount = poorW / w;
  return {
    headcount,
    povertyGap: gap / w,
    squaredGap: gap2 / w,
    watts: negative ? null : watts / w,
    sen: senFromParts(s, line, headcount, { count: poorCount, weight: poorW, poorIf }),
  };
}

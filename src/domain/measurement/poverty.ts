import { assertPositiveLine } from './errors.js';
import { giniSorted } from './inequality.js';
import { positiveWeights, sortSample, type Weighted } from './sample.js';

/** Absolute poverty against a line z; poor means income strictly below z. null = undefined. */
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
export function fgt(values: Float64Array, weights: Float64Array, line: number, alpha: number): number | null {
  assertPositiveLine(line);
  if (!(alpha >= 0)) throw new RangeError(`FGT alpha must be ≥ 0, got ${alpha}`);
  const s = positiveWeights(values, weights);
  let w = 0;
  let sum = 0;
  for (let i = 0; i < s.values.length; i++) {
    const wi = s.weights[i]!;
    const y = s.values[i]!;
    w += wi;
    if (y < line) sum += alpha === 0 ? wi : wi * Math.pow((line - y) / line, alpha);
  }
  return w > 0 ? sum / w : null;
}

/** The poor (y < line) with their weights, in input order. */
function poorOf({ values, weights }: Weighted, line: number, count: number): Weighted {
  const v = new Float64Array(count);
  const w = new Float64Array(count);
  for (let i = 0, j = 0; i < values.length; i++) {
    if (values[i]! >= line) continue;
    v[j] = values[i]!;
    w[j++] = weights[i]!;
  }
  return { values: v, weights: w };
}

/**
 * Sen index, large-population form S = H · [I + (1 − I) · G_p] (Sen 1976; Haughton & Khandker
 * 2009, ch. 4): H the headcount ratio, I = (z − μ_p)/z the income-gap ratio of the poor, G_p the
 * weighted Gini among the poor. 0 when nobody is poor; null when the Gini of the poor is undefined
 * (their mean income ≤ 0).
 */
function senFromParts(
  sample: Weighted,
  line: number,
  h: number,
  poorCount: number,
  poorW: number,
): number | null {
  if (poorCount === 0) return 0;
  const poor = sortSample(poorOf(sample, line, poorCount));
  let income = 0;
  for (let i = 0; i < poor.values.length; i++) income += poor.weights[i]! * poor.values[i]!;
  const gp = poorCount === 1 ? 0 : giniSorted(poor);
  if (gp === null) return null;
  const gapRatio = (line - income / poorW) / line;
  return h * (gapRatio + (1 - gapRatio) * gp);
}

/**
 * Headcount, poverty gap, squared gap, Watts and Sen in one pass (plus a sort of the poor only for
 * Sen's Gini). Watts is Infinity when a poor person has zero income, null when one has a negative
 * income. Zero weights are dropped; everything is null for an empty population.
 */
export function absolutePoverty(values: Float64Array, weights: Float64Array, line: number): AbsolutePoverty {
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
    if (y >= line) continue;
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
    sen: senFromParts(s, line, headcount, poorCount, poorW),
  };
}

import { quantileIndex } from './quantile.js';
import { positiveWeights, sortSample, type SortedSample, type Weighted } from './sample.js';

/**
 * How S80/S20 is computed (docs/measures.md): 'eurostat' = R laeken's `qsr` (the EU-SILC
 * indicator), the default; 'lorenz' = read off the Lorenz curve (Jingzhun's earlier convention).
 */
export const S80S20_CONVENTIONS = ['eurostat', 'lorenz'] as const;
export type S80S20Convention = (typeof S80S20_CONVENTIONS)[number];
export const DEFAULT_S80S20: S80S20Convention = 'eurostat';

/** Inequality of a (weighted) income distribution. null = undefined for this sample (see docs/measures.md). */
export interface Inequality {
  gini: number | null;
  s80s20: number | null;
  /** The convention `s80s20` follows. */
  s80s20Convention: S80S20Convention;
  theil: number | null;
  mld: number | null;
}

/**
 * Weighted Gini on a sorted sample, the formula of laeken (as a fraction, not ×100):
 * G = (2 Σ wᵢxᵢCᵢ − Σ wᵢ²xᵢ) / (W · Σ wᵢxᵢ) − 1, Cᵢ the inclusive cumulative weight. It is the
 * population Gini (mean absolute difference / twice the mean) with weights as frequencies, and does
 * not depend on the order of ties. Incomes are used as they are (negative ones can push it above 1);
 * null when the total income is not positive or the sample is empty.
 */
export function giniSorted(s: SortedSample): number | null {
  let a = 0;
  let b = 0;
  let y = 0;
  for (let i = 0; i < s.values.length; i++) {
    const wx = s.weights[i]! * s.values[i]!;
    a += wx * s.cumWeight[i]!;
    b += wx * s.weights[i]!;
    y += wx;
  }
  if (!(y > 0)) return null;
  return Math.max(0, (2 * a - b) / (s.total * y) - 1);
}

/**
 * Income held by the poorest (from = 'bottom') or richest (from = 'top') `share` of the weight; the
 * observation straddling the boundary contributes the part of its weight inside it.
 */
function lorenzIncome(s: SortedSample, share: number, from: 'bottom' | 'top'): number {
  const n = s.values.length;
  const target = share * s.total;
  let income = 0;
  let taken = 0;
  for (let k = 0; k < n; k++) {
    const i = from === 'bottom' ? k : n - 1 - k;
    const w = s.weights[i]!;
    if (taken + w >= target) return income + (target - taken) * s.values[i]!;
    income += w * s.values[i]!;
    taken += w;
  }
  return income;
}

/** top ÷ bottom; Infinity when the bottom holds nothing and the top something; else null. */
function ratio(top: number, bottom: number): number | null {
  if (bottom > 0) return top / bottom;
  if (bottom === 0 && top > 0) return Infinity;
  return null;
}

/**
 * S80/S20, Lorenz convention: income of the richest 20 % of persons over income of the poorest 20 %,
 * read off the Lorenz curve — the observation straddling a 20 % boundary contributes the part of its
 * weight inside it, so ties and a single observation behave (all incomes equal → 1). Infinity when
 * the poorest 20 % hold nothing and the richest hold something; null when the bottom share is
 * negative or the sample empty.
 */
export function quintileShareRatioLorenzSorted(s: SortedSample): number | null {
  if (s.values.length === 0) return null;
  return ratio(lorenzIncome(s, 0.2, 'top'), lorenzIncome(s, 0.2, 'bottom'));
}

/**
 * S80/S20, Eurostat convention as R laeken 0.5.2 computes it (`qsr` → `quintileRatio`): with q₁, q₄
 * the weighted 20 % and 80 % quantiles (`incQuintile`, the rule of quantile.ts), Σ wy over y > q₄
 * divided by Σ wy over y ≤ q₁. Ties at a cut-off all fall on one side, so on small or tied samples
 * the groups are not 20 % each. Where nobody is above q₄ (every income at most q₄: equal incomes, one
 * observation, or five unit-weight ones) laeken returns 0 (NaN if the bottom holds nothing); a ratio
 * of the richest to the poorest is not 0, so this returns null. Infinity and null as in `ratio`.
 */
export function quintileShareRatioEurostatSorted(s: SortedSample): number | null {
  const n = s.values.length;
  if (n === 0) return null;
  const q1 = s.values[quantileIndex(s, 0.2)]!;
  const q4 = s.values[quantileIndex(s, 0.8)]!;
  let bottom = 0;
  let top = 0;
  for (let i = 0; i < n && s.values[i]! <= q1; i++) bottom += s.weights[i]! * s.values[i]!;
  for (let i = n - 1; i >= 0 && s.values[i]! > q4; i--) top += s.weights[i]! * s.values[i]!;
  if (!(s.values[n - 1]! > q4)) return null;
  return ratio(top, bottom);
}

/** S80/S20 by the given convention (default: Eurostat, laeken's `qsr`). */
export function quintileShareRatioSorted(
  s: SortedSample,
  convention: S80S20Convention = DEFAULT_S80S20,
): number | null {
  return convention === 'lorenz' ? quintileShareRatioLorenzSorted(s) : quintileShareRatioEurostatSorted(s);
}

/**
 * Theil T = (1/W) Σ wᵢ (xᵢ/μ) ln(xᵢ/μ) and mean log deviation MLD = (1/W) Σ wᵢ ln(μ/xᵢ).
 * A zero income adds 0 to Theil T (x ln x → 0) and makes MLD infinite. Both are null when any income
 * is negative or the mean is not positive (logarithms of negative numbers are undefined).
 */
export function theilAndMld({ values, weights }: Weighted): { theil: number | null; mld: number | null } {
  let w = 0;
  let y = 0;
  let xlnx = 0;
  let lnx = 0;
  let zeros = false;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    const wi = weights[i]!;
    if (x < 0) return { theil: null, mld: null };
    w += wi;
    y += wi * x;
    if (x === 0) zeros = true;
    else {
      const l = Math.log(x);
      xlnx += wi * x * l;
      lnx += wi * l;
    }
  }
  if (!(y > 0)) return { theil: null, mld: null };
  const lnMean = Math.log(y / w);
  const theil = Math.max(0, xlnx / y - lnMean);
  const mld = zeros ? Infinity : Math.max(0, lnMean - lnx / w);
  return { theil, mld };
}

/** All four inequality measures on a sorted sample (sort once, reuse). */
export function inequalitySorted(s: SortedSample, s80s20: S80S20Convention = DEFAULT_S80S20): Inequality {
  return {
    gini: giniSorted(s),
    s80s20: quintileShareRatioSorted(s, s80s20),
    s80s20Convention: s80s20,
    ...theilAndMld(s),
  };
}

/** Inequality of values with weights (zero weights dropped, negative weights rejected). */
export function inequality(
  values: Float64Array,
  weights: Float64Array,
  s80s20: S80S20Convention = DEFAULT_S80S20,
): Inequality {
  return inequalitySorted(sortSample(positiveWeights(values, weights)), s80s20);
}

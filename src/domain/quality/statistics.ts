import { chiSquarePValue, lnGamma } from '../measurement/chi-square.js';
import { conformityOf, NIGRINI_MAD, type BenfordDigits, type Conformity } from '../measurement/benford.js';

/**
 * The test statistics of the fabrication signals (docs/quality.md): exact binomial and Poisson
 * upper tails, the heaping test at the poverty line, the edit-burst test before an evaluation date
 * and the Benford test from digit counts. Pure functions of numbers.
 */

const lnChoose = (n: number, k: number) => lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly in logs (accurate for tiny tails). */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(lnChoose(n, i) + i * lp + (n - i) * lq);
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Poisson(λ), the upper tail summed term by term (accurate for tiny tails). */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  if (k <= lambda) {
    // the lower part is the smaller sum here
    let lower = 0;
    for (let i = 0; i < k; i++) lower += Math.exp(-lambda + i * Math.log(lambda) - lnGamma(i + 1));
    return Math.max(0, 1 - lower);
  }
  let sum = 0;
  for (let i = k; ; i++) {
    const term = Math.exp(-lambda + i * Math.log(lambda) - lnGamma(i + 1));
    sum += term;
    if (term < sum * 1e-15 || i > k + 10_000) break;
  }
  return Math.min(1, sum);
}

export interface HeapingInput {
  /** Exit-year per-capita incomes in [line, line × 1.1). */
  low: number;
  /** … in the neighbouring band [line × 1.1, line × 1.2). */
  high: number;
}

export interface HeapingRule {
  /** Share of the low band under a smooth density (equal-width bands: 0.5). */
  expectedShare: number;
  maxP: number;
  minRatio: number;
  minN: number;
}

export const HEAPING_RULE: HeapingRule = { expectedShare: 0.5, maxP: 0.01, minRatio: 1.5, minN: 10 };

export interface HeapingResult {
  n: number;
  low: number;
  high: number;
  share: number | null;
  z: number | null;
  p: number | null;
  /** (low + ½) / (high + ½): the excess of the band just above the line over its neighbour. */
  ratio: number;
  flagged: boolean;
}

/**
 * Heaping just above the line: of the n exit-year incomes in the two bands, `low` lie in the band
 * just above the line. Under a smooth density low ~ Binomial(n, p0); one-sided exact p = P(X ≥ low),
 * z = (low − n p0) / √(n p0 (1 − p0)). Flagged when n ≥ minN, p < maxP and ratio > minRatio.
 */
export function heapingTest(x: HeapingInput, rule: HeapingRule = HEAPING_RULE): HeapingResult {
  const n = x.low + x.high;
  const ratio = (x.low + 0.5) / (x.high + 0.5);
  if (n === 0) return { n, low: x.low, high: x.high, share: null, z: null, p: null, ratio, flagged: false };
  const p0 = rule.expectedShare;
  const z = (x.low - n * p0) / Math.sqrt(n * p0 * (1 - p0));
  const p = binomialUpperTail(x.low, n, p0);
  const flagged = n >= rule.minN && p < rule.maxP && ratio > rule.minRatio;
  return { n, low: x.low, high: x.high, share: x.low / n, z, p, ratio, flagged };
}

export interface BurstInput {
  /** Edits in the window of `windowDays` just before the evaluation date. */
  inWindow: number;
  /** Edits in the `baselineDays` before the window. */
  baseline: number;
  windowDays: number;
  baselineDays: number;
}

export interface BurstRule {
  maxP: number;
  minRatio: number;
  minEdits: number;
}

export const BURST_RULE: BurstRule = { maxP: 0.001, minRatio: 3, minEdits: 10 };

export interface BurstResult {
  k: number;
  /** Expected edits in the window at the baseline rate, (baseline + 1) × windowDays / baselineDays. */
  lambda: number;
  ratio: number;
  p: number;
  flagged: boolean;
}

/**
 * An edit burst: k edits in the window against the actor's baseline rate. λ uses baseline + 1 (one
 * pseudo-edit) so that an account with no history is not infinitely surprising. p = P(X ≥ k),
 * X ~ Poisson(λ). Flagged when k ≥ minEdits, p < maxP and k / λ > minRatio.
 */
export function burstTest(x: BurstInput, rule: BurstRule = BURST_RULE): BurstResult {
  const lambda = ((x.baseline + 1) * x.windowDays) / x.baselineDays;
  const k = x.inWindow;
  const p = poissonUpperTail(k, lambda);
  const ratio = k / lambda;
  return { k, lambda, ratio, p, flagged: k >= rule.minEdits && p < rule.maxP && ratio > rule.minRatio };
}

export interface BenfordRule {
  digits: BenfordDigits;
  /** No verdict below this many values. */
  minN: number;
}

export const BENFORD_RULE: BenfordRule = { digits: 1, minN: 100 };

export interface BenfordCountsResult {
  n: number;
  mad: number | null;
  chi2: number | null;
  p: number | null;
  conformity: Conformity | null;
  /** Nonconformity by Nigrini's MAD class with n ≥ minN. */
  flagged: boolean;
}

/**
 * Benford test from counts of leading digits (index 0 = digit 1, or 10 for two digits): MAD against
 * log10(1 + 1/d) with Nigrini's classes (src/domain/measurement/benford.ts), chi-square for reference.
 */
export function benfordFromCounts(
  counts: readonly number[],
  rule: BenfordRule = BENFORD_RULE,
): BenfordCountsResult {
  const low = rule.digits === 1 ? 1 : 10;
  const k = 9 * low;
  if (counts.length !== k) throw new RangeError(`expected ${k} digit counts, got ${counts.length}`);
  const n = counts.reduce((s, c) => s + c, 0);
  if (n === 0) return { n, mad: null, chi2: null, p: null, conformity: null, flagged: false };
  let mad = 0;
  let chi2 = 0;
  counts.forEach((c, j) => {
    const e = Math.log10(1 + 1 / (j + low));
    mad += Math.abs(c / n - e) / k;
    chi2 += (c - n * e) ** 2 / (n * e);
  });
  const conformity = conformityOf(mad, rule.digits);
  return {
    n,
    mad,
    chi2,
    p: chiSquarePValue(chi2, k - 1),
    conformity,
    flagged: n >= rule.minN && conformity === 'nonconformity',
  };
}

export const benfordBound = (digits: BenfordDigits) => NIGRINI_MAD[digits][2];

export interface JumpRule {
  /** Relative rise of per-capita income, e.g. 1 = +100 %. */
  minRise: number;
  /** Absolute rise, yuan per person. */
  minYuan: number;
}

export const JUMP_RULE: JumpRule = { minRise: 1, minYuan: 3000 };

/**
 * A year-on-year jump: per-capita income up by more than minRise (relative) AND more than minYuan.
 * The SQL of the check (src/modules/quality/repository.ts) applies the same two inequalities.
 */
export function isJump(previous: number, current: number, rule: JumpRule = JUMP_RULE): boolean {
  return current > previous * (1 + rule.minRise) && current - previous > rule.minYuan;
}

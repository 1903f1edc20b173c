import { chiSquarePValue } from './chi-square.js';
import { MeasureInputError } from './errors.js';

export type BenfordDigits = 1 | 2;
export type Conformity = 'close' | 'acceptable' | 'marginal' | 'nonconformity';

export interface BenfordResult {
  digits: BenfordDigits;
  /** Values tested. */
  n: number;
  /** Values left out: ≤ 0 (first digit), < 10 (first two digits). */
  excluded: number;
  /** Leading digit (1–9) or leading two digits (10–99) of each cell, from the smallest. */
  leading: number[];
  observed: number[];
  expected: number[];
  chi2: number | null;
  df: number;
  pValue: number | null;
  /** Mean absolute deviation between observed and Benford proportions. */
  mad: number | null;
  conformity: Conformity | null;
}

/** Nigrini's MAD bounds (Nigrini 2012): close, acceptable, marginally acceptable conformity. */
export const NIGRINI_MAD: Record<BenfordDigits, readonly [number, number, number]> = {
  1: [0.006, 0.012, 0.015],
  2: [0.0012, 0.0018, 0.0022],
};

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k); // exact doubles up to 1e22

/** Leading digits by the shortest decimal representation (what the user typed). */
function leadingFromString(x: number, digits: BenfordDigits): number {
  const s = x.toExponential(); // e.g. "1.2345e+3", "5e+1"
  const first = s.charCodeAt(0) - 48;
  if (digits === 1) return first;
  return 10 * first + (s[1] === '.' ? s.charCodeAt(2) - 48 : 0);
}

/**
 * Leading one or two digits of x > 0. Fast path for 10^(digits−1) ≤ x < 1e15: integer division by
 * an exact power of ten, corrected by exact comparisons; the string path otherwise.
 */
export function leadingDigits(x: number, digits: BenfordDigits): number {
  const e = Math.floor(Math.log10(x)) - (digits - 1);
  if (e < 0 || e > 14 || !(x < 1e15)) return leadingFromString(x, digits);
  const p = POW10[e]!;
  let d = Math.floor(x / p);
  if (d * p > x) d--;
  else if ((d + 1) * p <= x) d++;
  const low = digits === 1 ? 1 : 10;
  return d >= low && d < 10 * low ? d : leadingFromString(x, digits);
}

export function conformityOf(mad: number, digits: BenfordDigits): Conformity {
  const [close, acceptable, marginal] = NIGRINI_MAD[digits];
  if (mad <= close) return 'close';
  if (mad <= acceptable) return 'acceptable';
  if (mad <= marginal) return 'marginal';
  return 'nonconformity';
}

/**
 * Benford test on the first digit (digits = 1, df = 8) or the first two digits (digits = 2, 10–99,
 * df = 89). Expected proportion of leading d: log10(1 + 1/d). chi2 = Σ (O − E)² / E with E = n·p;
 * MAD = mean over the 9 or 90 digits of |O/n − p|. Values ≤ 0 (and < 10 for two digits) are
 * excluded and counted; everything is null when no value is left.
 */
export function benford(values: Float64Array, digits: BenfordDigits = 1): BenfordResult {
  const low = digits === 1 ? 1 : 10;
  const k = 9 * low;
  const counts = new Float64Array(k);
  const min = digits === 1 ? 0 : 10;
  let excluded = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isFinite(x)) throw new MeasureInputError('must be a finite number', 'values', i);
    if (digits === 1 ? x <= min : x < min) excluded++;
    else counts[leadingDigits(x, digits) - low]!++;
  }
  const n = values.length - excluded;
  const leading = Array.from({ length: k }, (_, j) => j + low);
  const expected = leading.map((d) => Math.log10(1 + 1 / d));
  const observed = Array.from(counts, (c) => (n > 0 ? c / n : 0));
  const base = { digits, n, excluded, leading, observed, expected, df: k - 1 };
  if (n === 0) return { ...base, chi2: null, pValue: null, mad: null, conformity: null };
  let chi2 = 0;
  let mad = 0;
  expected.forEach((p, j) => {
    chi2 += (counts[j]! - n * p) ** 2 / (n * p);
    mad += Math.abs(observed[j]! - p) / k;
  });
  return { ...base, chi2, pValue: chiSquarePValue(chi2, k - 1), mad, conformity: conformityOf(mad, digits) };
}

/**
 * The matched difference of one outcome over strata, with a normal-approximation 95 % interval
 * (docs/what-worked.md). Pure.
 *
 * difference = Σ w_s (ȳ_T,s − ȳ_C,s), w_s = n_T,s / Σ n_T (the treated households' strata weights).
 * Variance: each group's variance over all its matched households (around the group's own mean, n − 1),
 * which includes the differences between strata and so errs wide — the pooled within-stratum variance
 * is zero when every event falls in a stratum of one and would give an interval of no width;
 * Var = Σ w_s² (σ_T² / n_T,s + σ_C² / n_C,s); interval = difference ± 1.96 √Var.
 */

/** Count, sum and sum of squares of an outcome in one group of one stratum. */
export interface Acc {
  n: number;
  sum: number;
  sq: number;
}
export const newAcc = (): Acc => ({ n: 0, sum: 0, sq: 0 });

export interface StratumPair {
  t: Record<string, Acc>;
  c: Record<string, Acc>;
}

export interface Estimate {
  /** Treated and comparison households (episodes) with this outcome defined, in strata with both. */
  treated: number;
  comparison: number;
  /** Weighted means (the comparison group re-weighted to the treated households' strata). */
  treatedMean: number | null;
  comparisonMean: number | null;
  difference: number | null;
  /** 95 % interval of the difference; null when a group's variance cannot be estimated. */
  low: number | null;
  high: number | null;
  /** Fewer than the smallest group shown on one side (or the whole cell hidden): no figures. */
  hidden: boolean;
}

const Z95 = 1.959963984540054;

/** The variance of one group over all its strata together, or null with fewer than two households. */
function groupVariance(accs: readonly Acc[]): number | null {
  let n = 0;
  let sum = 0;
  let sq = 0;
  for (const a of accs) {
    n += a.n;
    sum += a.sum;
    sq += a.sq;
  }
  return n > 1 ? Math.max(0, sq - (sum * sum) / n) / (n - 1) : null;
}

export function estimate(
  strata: readonly StratumPair[],
  outcome: string,
  minCell: number,
  cellHidden = false,
): Estimate {
  const pairs = strata
    .map((s) => ({ t: s.t[outcome]!, c: s.c[outcome]! }))
    .filter((p) => p.t.n > 0 && p.c.n > 0);
  const treated = pairs.reduce((a, p) => a + p.t.n, 0);
  const comparison = pairs.reduce((a, p) => a + p.c.n, 0);
  const none = { treatedMean: null, comparisonMean: null, difference: null, low: null, high: null };
  if (cellHidden || treated < minCell || comparison < minCell || treated === 0)
    return { treated, comparison, ...none, hidden: true };
  let tMean = 0;
  let cMean = 0;
  for (const p of pairs) {
    const w = p.t.n / treated;
    tMean += (w * p.t.sum) / p.t.n;
    cMean += (w * p.c.sum) / p.c.n;
  }
  const vT = groupVariance(pairs.map((p) => p.t));
  const vC = groupVariance(pairs.map((p) => p.c));
  let se: number | null = null;
  if (vT !== null && vC !== null) {
    let v = 0;
    for (const p of pairs) {
      const w = p.t.n / treated;
      v += w * w * (vT / p.t.n + vC / p.c.n);
    }
    se = Math.sqrt(v);
  }
  const difference = tMean - cMean;
  return {
    treated,
    comparison,
    treatedMean: tMean,
    comparisonMean: cMean,
    difference,
    low: se === null ? null : difference - Z95 * se,
    high: se === null ? null : difference + Z95 * se,
    hidden: false,
  };
}

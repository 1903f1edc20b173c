import { binomialUpperTail, poissonUpperTail } from './statistics.js';

/**
 * Statistics of the integrity signals (docs/quality.md): multiple testing, near-copy families,
 * round numbers against the region, a shared factor, village jump rates, pooled heaping, fixed
 * programme amounts. Pure functions of numbers.
 */

/**
 * Benjamini–Hochberg: which of the p-values are discoveries at false-discovery rate q
 * (Benjamini & Hochberg 1995, step-up: the largest k with p(k) ≤ k q / m; p(1..k) rejected).
 */
export function benjaminiHochberg(ps: readonly number[], q: number): boolean[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  let k = 0;
  order.forEach((o, j) => {
    if (o.p <= ((j + 1) * q) / m) k = j + 1;
  });
  const out = new Array<boolean>(m).fill(false);
  for (let j = 0; j < k; j++) out[order[j]!.i] = true;
  return out;
}

/** Two values agree within a relative tolerance (zero only with zero). */
export const within = (a: number, b: number, tol: number) =>
  a === b || (a !== 0 && b !== 0 && Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b)));

export interface VectorRow {
  id: string;
  /** The reported items (wage, business, production cost, property), and the household size. */
  items: readonly number[];
  size: number;
}

export interface NearCopyFamily {
  ids: string[];
  /** Pairs of the family agreeing on every item within the tolerance. */
  pairs: number;
}

export interface NearCopyResult {
  families: NearCopyFamily[];
  /** Matching pairs expected by chance: C(n,2) × Π_j (share of pairs agreeing on item j). */
  expectedPairs: number;
  observedPairs: number;
}

/**
 * Near copies in one village-year: households whose every item agrees within `tol` (and, with
 * `sameSize`, of the same size: copies are often written onto households of another size). Sorted by the first non-zero item so that only neighbours within the tolerance are
 * compared (the bucketing); families are the connected groups. Chance: the items taken as
 * independent, each pair agrees on item j with the share q_j of all pairs that agree on it.
 */
export function nearCopies(
  rows: readonly VectorRow[],
  tol: number,
  minNonZero: number,
  sameSize = false,
): NearCopyResult {
  const eligible = rows.filter((r) => r.items.filter((v) => v > 0).length >= minNonZero);
  const n = eligible.length;
  const key = (r: VectorRow) => r.items.reduce((s, v) => s + v, 0);
  const sorted = [...eligible].sort((a, b) => key(a) - key(b));
  const parent = new Map<string, string>(sorted.map((r) => [r.id, r.id]));
  const find = (x: string): string => {
    let p = parent.get(x)!;
    while (p !== parent.get(p)) p = parent.get(p)!;
    parent.set(x, p);
    return p;
  };
  const edges: [string, string][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length; j++) {
      const b = sorted[j]!;
      if (key(b) > key(a) * (1 + tol) + 1) break;
      if ((sameSize && a.size !== b.size) || !a.items.every((v, k) => within(v, b.items[k]!, tol))) continue;
      edges.push([a.id, b.id]);
      parent.set(find(a.id), find(b.id));
    }
  }
  const groups = new Map<string, NearCopyFamily>();
  for (const [a] of edges) groups.set(find(a), { ids: [], pairs: 0 });
  for (const r of sorted) groups.get(find(r.id))?.ids.push(r.id);
  for (const [a] of edges) groups.get(find(a))!.pairs++;
  const families = [...groups.values()].map((f) => ({ ids: f.ids.sort(), pairs: f.pairs }));
  const observed = edges.length;
  const dims = eligible[0]?.items.length ?? 0;
  let expected = (n * (n - 1)) / 2;
  for (let k = 0; k < dims && n > 1; k++) {
    const vals = eligible.map((r) => r.items[k]!).sort((a, b) => a - b);
    let agree = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n && within(vals[i]!, vals[j]!, tol); j++) agree++;
    expected *= agree / ((n * (n - 1)) / 2);
  }
  const sizes = new Map<number, number>();
  for (const r of eligible) sizes.set(r.size, (sizes.get(r.size) ?? 0) + 1);
  const sizePairs = [...sizes.values()].reduce((s, c) => s + (c * (c - 1)) / 2, 0);
  if (n > 1 && sameSize) expected *= sizePairs / ((n * (n - 1)) / 2);
  return { families, expectedPairs: expected, observedPairs: observed };
}

/** p of a family: P(X ≥ its pairs) with X ~ Poisson(expected pairs of the village-year). */
export const familyP = (pairs: number, expected: number) => poissonUpperTail(pairs, Math.max(expected, 1e-9));

/** Round-number levels: a value is "round at L" when it is a multiple of L. */
export const ROUND_LEVELS = [100, 500, 1000] as const;

export interface RoundRule {
  /** Flag only when the group's share of multiples of 500 reaches this … */
  minShare500: number;
  /** … and is at least this many times the region's. */
  minRatio: number;
  minN: number;
}

export const ROUND_RULE: RoundRule = { minShare500: 0.5, minRatio: 2, minN: 40 };

export interface RoundResult {
  n: number;
  share: Record<number, number>;
  regionShare: Record<number, number>;
  /** One-sided exact binomial p at 500 against the region's share. */
  p: number;
  effect: boolean;
}

/** Shares of round values of a group against the rest of the region (counts per level). */
export function roundNumberTest(
  group: { n: number; round: Record<number, number> },
  region: { n: number; round: Record<number, number> },
  rule: RoundRule = ROUND_RULE,
): RoundResult {
  const restN = region.n - group.n;
  const share: Record<number, number> = {};
  const regionShare: Record<number, number> = {};
  for (const l of ROUND_LEVELS) {
    share[l] = group.n ? (group.round[l] ?? 0) / group.n : 0;
    regionShare[l] = restN > 0 ? ((region.round[l] ?? 0) - (group.round[l] ?? 0)) / restN : 0;
  }
  const p0 = Math.min(0.999, Math.max(regionShare[500]!, 1 / 500));
  const p = group.n ? binomialUpperTail(group.round[500] ?? 0, group.n, p0) : 1;
  const effect = group.n >= rule.minN && share[500]! >= rule.minShare500 && share[500]! >= rule.minRatio * p0;
  return { n: group.n, share, regionShare, p, effect };
}

/** Terminal digits: last non-zero digit counts (1–9) against the region's, chi-square statistic. */
export function terminalDigitChi2(
  group: readonly number[],
  region: readonly number[],
): { n: number; chi2: number } {
  const n = group.reduce((s, c) => s + c, 0);
  const rn = region.reduce((s, c) => s + c, 0) - n;
  let chi2 = 0;
  group.forEach((c, d) => {
    const e = rn > 0 ? (n * Math.max(region[d]! - c, 0.5)) / rn : n / 9;
    chi2 += (c - e) ** 2 / e;
  });
  return { n, chi2 };
}

export interface RatioRow {
  id: string;
  ratio: number;
}

export interface SharedFactorResult {
  k: number;
  n: number;
  low: number;
  high: number;
  /** Region share in the window (the null probability of one household falling in it). */
  p0: number;
  /** Scan p: n × P(X ≥ k), X ~ Binomial(n, p0) (a Bonferroni bound over the windows tried). */
  p: number;
  ids: string[];
}

/**
 * A shared factor: the most households of a village whose year-on-year ratio lies in one window
 * [r, r × (1 + width)], against the share of the region's ratios in that window. Ratios within
 * ±0.5 % of 1 (figures carried over) are not scanned. When `rows` are the village's households whose
 * items moved together and `regionRatios` all of the region's, p0 bounds the null probability of
 * "together and in the window" from above (conservative), and `population` (the village's
 * households with a ratio) is the n of the binomial.
 */
export function sharedFactorScan(
  rows: readonly RatioRow[],
  regionRatios: readonly number[],
  width: number,
  population = 0,
): SharedFactorResult | null {
  const rs = rows
    .filter((r) => r.ratio > 0 && Math.abs(r.ratio - 1) > 0.005)
    .sort((a, b) => a.ratio - b.ratio);
  const reg = [...regionRatios].filter((r) => r > 0 && Math.abs(r - 1) > 0.005).sort((a, b) => a - b);
  if (rs.length < 3 || reg.length === 0) return null;
  let best: SharedFactorResult | null = null;
  let j = 0;
  for (let i = 0; i < rs.length; i++) {
    const lo = rs[i]!.ratio;
    const hi = lo * (1 + width);
    while (j < rs.length && rs[j]!.ratio <= hi) j++;
    const k = j - i;
    if (best && k <= best.k) continue;
    const inRegion = countIn(reg, lo, hi) - k;
    const p0 = Math.max(inRegion, 0.5) / Math.max(reg.length - rs.length, 1);
    best = { k, n: rs.length, low: lo, high: hi, p0, p: 0, ids: rs.slice(i, j).map((r) => r.id) };
  }
  // the households tried: `population` when the rows are a subset of the village (those whose items
  // moved together), so that n counts every household that could have fallen in the window
  if (best) best.n = Math.max(best.n, population);
  if (best) best.p = Math.min(1, best.n * binomialUpperTail(best.k, best.n, Math.min(best.p0, 0.999)));
  return best;
}

/**
 * Whether every item of a household moved by one ratio: each item of the year (wage, business,
 * production cost, property) within `tol` (relative) or `yuan` (absolute, for rounding) of `ratio` ×
 * its value the year before, with at least two items non-zero. A fabricated factor scales every
 * figure; honest items move apart (a harvest, a month more of migrant work, a fixed dividend).
 */
export function movedTogether(
  prev: readonly number[],
  cur: readonly number[],
  ratio: number,
  tol = 0.05,
  yuan = 100,
): boolean {
  if (prev.filter((v) => v > 0).length < 2) return false;
  return prev.every((v, k) => Math.abs(cur[k]! - ratio * v) <= Math.max(tol * ratio * v, yuan));
}

function countIn(sorted: readonly number[], lo: number, hi: number): number {
  const lower = (x: number, strict: boolean) => {
    let a = 0;
    let b = sorted.length;
    while (a < b) {
      const m = (a + b) >> 1;
      if (strict ? sorted[m]! <= x : sorted[m]! < x) a = m + 1;
      else b = m;
    }
    return a;
  };
  return lower(hi, true) - lower(lo, false);
}

/**
 * Pooled heaping of one village: of its exits in [line, line × (1 + wide)) over all years, `low`
 * lie in [line, line × (1 + narrow)); p0 is the share of the low band among the rest of the
 * region's exits in the wide band (its own distribution), floored at the share a flat density
 * gives (narrow / wide). One-sided exact binomial p = P(X ≥ low | n, p0).
 */
export function pooledHeaping(
  low: number,
  n: number,
  regionLow: number,
  regionN: number,
  narrow: number,
  wide: number,
) {
  const flat = narrow / wide;
  const restN = regionN - n;
  const p0 = Math.min(0.95, Math.max(flat, restN > 0 ? (regionLow - low + 0.5) / (restN + 1) : flat));
  return { low, n, p0, p: n ? binomialUpperTail(low, n, p0) : 1, ratio: n ? low / n / p0 : 0 };
}

/**
 * Fixed programme amounts of one item in a village-year: a value paid to at least `minCount`
 * households and to at least `minShare` of those with a non-zero value (a dividend per household,
 * a subsidy at a standard). Such values are not reported figures and are left out of digit tests.
 */
export function fixedAmounts(values: readonly number[], minCount = 5, minShare = 0.2): Set<number> {
  const counts = new Map<number, number>();
  let nz = 0;
  for (const v of values)
    if (v > 0) {
      nz++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
  return new Set([...counts].filter(([, c]) => c >= minCount && c >= minShare * nz).map(([v]) => v));
}

/** Expected MAD of a sample of n under perfect conformity: (1/k) Σ √(2 p(1−p) / (π n)). */
export function chanceMad(expected: readonly number[], n: number): number {
  return expected.reduce((s, p) => s + Math.sqrt((2 * p * (1 - p)) / (Math.PI * n)), 0) / expected.length;
}

import type { SampleCell, SampledVillage, Stratum } from './design.js';

/**
 * Design-based estimates of a proportion from the evaluation sample (drawSample):
 *
 * Weights. A respondent in township h, village i, second-stage stratum s gets
 * w = (N_h / n_h) × (M_is / r_is), where r_is is the number of sampled households of the cell that
 * answered this question: non-response is spread over the respondents of the same cell
 * (weighting-class adjustment, assuming answers are missing at random within a cell).
 *
 * Estimator. p̂ = Σ w·y / Σ w over the respondents of the domain (a ratio estimator).
 *
 * Variance, by Taylor linearisation of the ratio, z = w·(y − p̂) / Σw:
 * - townships where villages were sampled (n_h < N_h): villages are the primary units and the
 *   "ultimate cluster" estimator Σ_h n_h/(n_h−1) Σ_i (t_hi − t̄_h)² is used (with-replacement
 *   approximation, conservative). Townships with a single sampled village are collapsed together
 *   into one stratum; if that still leaves one village, its contribution cannot be estimated and
 *   a note says so;
 * - townships where every village was taken (n_h = N_h): villages are fixed, and each cell is a
 *   simple random sample of r of M households: M²(1 − r/M)·s²/r, s² the sample variance of
 *   (y − p̂) / Σw in the cell.
 *
 * Interval. A Wilson score interval at 95 % on the effective sample size n_eff = p̂(1−p̂)/v̂
 * (Kish's design effect), which stays inside [0, 1] and behaves near 0 — where the 2 % veto
 * thresholds are. With p̂ ∈ {0, 1} or v̂ = 0 the number of respondents is used as n_eff.
 */
export interface Observation {
  village: string;
  stratum: Stratum;
  /** 1 yes, 0 no, null not answered (unreachable, refused, not yet checked). */
  y: 0 | 1 | null;
}

export interface ProportionEstimate {
  estimate: number | null;
  se: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Respondents and, among them, the "yes" answers (unweighted). */
  respondents: number;
  positives: number;
  /** Estimated number of households the domain represents (Σ w). */
  population: number;
  /** Design effect v̂ / (p̂(1−p̂)/n); null when undefined. */
  deff: number | null;
  notes: string[];
}

const Z95 = 1.959963984540054;

export function wilson(p: number, n: number, z = Z95): [number, number] {
  if (n <= 0) return [0, 1];
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [p <= 0 ? 0 : Math.max(0, centre - half), p >= 1 ? 1 : Math.min(1, centre + half)];
}

interface Unit {
  township: string;
  village: string;
  cell: string;
  w: number;
  y: number;
}

export function estimateProportion(
  villages: readonly SampledVillage[],
  cells: readonly SampleCell[],
  observations: readonly Observation[],
  inDomain: (s: Stratum) => boolean,
): ProportionEstimate {
  const villageOf = new Map(villages.map((v) => [v.code, v]));
  const frameOf = new Map(cells.map((c) => [`${c.village}|${c.stratum}`, c.frame]));
  const answered = observations.filter((o) => o.y !== null && inDomain(o.stratum));
  const respondentsOf = new Map<string, number>();
  for (const o of answered) {
    const key = `${o.village}|${o.stratum}`;
    respondentsOf.set(key, (respondentsOf.get(key) ?? 0) + 1);
  }
  const units: Unit[] = answered.map((o) => {
    const v = villageOf.get(o.village);
    if (!v) throw new Error(`observation in village ${o.village} that is not in the sample`);
    const cell = `${o.village}|${o.stratum}`;
    const frame = frameOf.get(cell) ?? 0;
    const w = (v.townshipVillages / v.townshipSampled) * (frame / respondentsOf.get(cell)!);
    return { township: v.township, village: o.village, cell, w, y: o.y! };
  });
  const positives = units.reduce((s, u) => s + u.y, 0);
  const population = units.reduce((s, u) => s + u.w, 0);
  const empty: ProportionEstimate = {
    estimate: null,
    se: null,
    ciLow: null,
    ciHigh: null,
    respondents: 0,
    positives: 0,
    population: 0,
    deff: null,
    notes: [],
  };
  if (units.length === 0 || population <= 0) return empty;
  const p = units.reduce((s, u) => s + u.w * u.y, 0) / population;
  const notes: string[] = [];
  const variance = linearisedVariance(villages, cells, units, p, population, notes);
  const n = units.length;
  const srsVar = (p * (1 - p)) / n;
  const nEff = variance > 0 && p > 0 && p < 1 ? (p * (1 - p)) / variance : n;
  const [ciLow, ciHigh] = wilson(p, nEff);
  return {
    estimate: p,
    se: Math.sqrt(variance),
    ciLow,
    ciHigh,
    respondents: n,
    positives,
    population,
    deff: srsVar > 0 ? variance / srsVar : null,
    notes,
  };
}

function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
}

function linearisedVariance(
  villages: readonly SampledVillage[],
  cells: readonly SampleCell[],
  units: readonly Unit[],
  p: number,
  population: number,
  notes: string[],
): number {
  const certain = new Set(villages.filter((v) => v.townshipSampled >= v.townshipVillages).map((v) => v.code));
  // sampled townships: PSU totals of z (every sampled village is a PSU, answered or not)
  const psuTotal = new Map<string, number>();
  for (const v of villages) if (!certain.has(v.code)) psuTotal.set(v.code, 0);
  for (const u of units)
    if (!certain.has(u.village))
      psuTotal.set(u.village, psuTotal.get(u.village)! + (u.w * (u.y - p)) / population);
  const strata = new Map<string, number[]>();
  const single: number[] = [];
  const townshipOf = new Map(villages.map((v) => [v.code, v]));
  const byTownship = new Map<string, number[]>();
  for (const [village, t] of psuTotal) {
    const key = townshipOf.get(village)!.township;
    byTownship.set(key, [...(byTownship.get(key) ?? []), t]);
  }
  for (const [key, totals] of byTownship) {
    if (totals.length >= 2) strata.set(key, totals);
    else single.push(...totals);
  }
  if (single.length >= 2) strata.set('collapsed', single);
  else if (single.length === 1)
    notes.push('one township with a single sampled village: its sampling variance is not estimable');
  let v = 0;
  // n/(n−1) Σ (t − t̄)² = n · s²
  for (const totals of strata.values()) v += totals.length * sampleVariance(totals);
  // certainty townships: second-stage SRS variance per cell
  const frameOf = new Map(cells.map((c) => [`${c.village}|${c.stratum}`, c.frame]));
  const cellValues = new Map<string, number[]>();
  for (const u of units)
    if (certain.has(u.village)) cellValues.set(u.cell, [...(cellValues.get(u.cell) ?? []), u.y - p]);
  for (const [cell, values] of cellValues) {
    const M = frameOf.get(cell) ?? values.length;
    const r = values.length;
    if (r >= M) continue;
    v += ((M * M * (1 - r / M)) / r) * (sampleVariance(values) / (population * population));
  }
  return v;
}

import type { Groups } from './decomposition.js';
import { MeasureInputError } from './errors.js';

export type DeprivedIf = '<' | '<=' | '==';

/** One indicator: a value per unit, its weight (all weights sum to 1), and the deprivation rule. */
export interface Indicator {
  name: string;
  /** Values per unit (0/1 deprivations may come as bytes). */
  values: Float64Array | Uint8Array;
  weight: number;
  deprivedIf: DeprivedIf;
  cutoff: number;
}

export interface IndicatorResult {
  name: string;
  /** Weighted share of all units deprived in the indicator. */
  uncensored: number | null;
  /** Weighted share of all units that are poor and deprived in the indicator. */
  censored: number | null;
  /** Share of M0 due to the indicator: weight × censored ÷ M0 (shares sum to 1). */
  contribution: number | null;
}

export interface GroupMpi {
  label: string;
  population: number;
  populationShare: number | null;
  H: number | null;
  A: number | null;
  M0: number | null;
  /** Share of the total M0 due to the group: population share × M0_g ÷ M0. */
  contribution: number | null;
}

export interface MpiResult {
  n: number;
  population: number;
  H: number | null;
  A: number | null;
  M0: number | null;
  /** Adjusted poverty gap; null unless every indicator is cardinal ('<' or '<=' with cutoff > 0). */
  M1: number | null;
  /** Adjusted FGT (squared normalised gaps); same condition as M1. */
  M2: number | null;
  indicators: IndicatorResult[];
  byGroup?: GroupMpi[];
}

/** Tolerance for weights summing to 1 and for score ≥ k (so that 1/3 + 1/3 reaches k = 2/3). */
export const AF_TOLERANCE = 1e-9;

function checkSpec(indicators: readonly Indicator[], k: number, n: number): boolean {
  if (indicators.length === 0) throw new MeasureInputError('at least one indicator is needed', 'indicators');
  let sum = 0;
  for (const ind of indicators) {
    if (!(ind.weight > 0)) throw new MeasureInputError('weight must be > 0', ind.name);
    if (!Number.isFinite(ind.cutoff)) throw new MeasureInputError('cutoff must be a finite number', ind.name);
    if (ind.values.length !== n) throw new MeasureInputError(`length ${ind.values.length} ≠ ${n}`, ind.name);
    sum += ind.weight;
  }
  if (Math.abs(sum - 1) > AF_TOLERANCE)
    throw new MeasureInputError(`weights sum to ${sum}, not 1`, 'indicators');
  if (!(k > 0 && k <= 1)) throw new MeasureInputError(`must be in (0, 1], got ${k}`, 'k');
  return indicators.every((ind) => ind.deprivedIf !== '==' && ind.cutoff > 0);
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/** Unit weights checked (finite, ≥ 0); 1 for every unit when omitted. */
function unitWeightsOf(n: number, weights?: Float64Array): Float64Array {
  if (!weights) return new Float64Array(n).fill(1);
  if (weights.length !== n) throw new MeasureInputError(`length ${weights.length} ≠ ${n}`, 'weights');
  weights.forEach((w, i) => {
    if (!(w >= 0) || w === Infinity) throw new MeasureInputError('must be finite and ≥ 0', 'weights', i);
  });
  return weights;
}

/** Running sums over units; per group: weight, poor weight, Σ poor u·c. */
interface Sums {
  n: number;
  U: number;
  poorU: number;
  m0: number;
  m1: number;
  m2: number;
  uncensored: Float64Array;
  censored: Float64Array;
  groups: Float64Array;
}

/** Rules as small integers, compared inline in the loops (a closure per rule would be megamorphic). */
const RULE = { '<': 0, '<=': 1, '==': 2 } as const;
const isDeprived = (rule: number, x: number, z: number) =>
  rule === 0 ? x < z : rule === 1 ? x <= z : x === z;

/** Column pass: each unit's score c and weighted gaps, and the uncensored headcount sums. */
function scores(indicators: readonly Indicator[], u: Float64Array, uncensored: Float64Array) {
  const n = u.length;
  const c = new Float64Array(n);
  const gap = new Float64Array(n);
  const gap2 = new Float64Array(n);
  for (let j = 0; j < indicators.length; j++) {
    const { values, weight: w, cutoff: z, deprivedIf, name } = indicators[j]!;
    const rule = RULE[deprivedIf];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = values[i]!;
      if (!(x - x === 0)) throw new MeasureInputError('must be a finite number', name, i);
      if (!isDeprived(rule, x, z)) continue;
      const nx = (z - x) / z;
      c[i]! += w;
      gap[i]! += w * nx;
      gap2[i]! += w * nx * nx;
      sum += u[i]!;
    }
    uncensored[j] = sum;
  }
  return { c, gap, gap2 };
}

/** Unit pass: who is poor (score ≥ k), and the sums; locals in the loop, one object at the end. */
function accumulate(indicators: readonly Indicator[], k: number, u: Float64Array, groups?: Groups): Sums {
  const uncensored = new Float64Array(indicators.length);
  const { c, gap, gap2 } = scores(indicators, u, uncensored);
  const byGroup = new Float64Array(3 * (groups?.labels.length ?? 0));
  const codes = groups?.codes;
  const labels = groups?.labels.length ?? 0;
  const poor = new Uint8Array(u.length);
  const threshold = k - AF_TOLERANCE;
  let [n, U, poorU, m0, m1, m2] = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < u.length; i++) {
    const ui = u[i]!;
    if (ui === 0) continue; // zero weights are dropped before anything
    const code = codes ? codes[i]! : -1;
    if (codes && !(code < labels))
      throw new MeasureInputError(`group code ${code} has no label`, 'groups', i);
    n++;
    U += ui;
    if (code >= 0) byGroup[3 * code]! += ui;
    const ci = c[i]!;
    if (ci < threshold) continue; // poor: score ≥ k
    poor[i] = 1;
    poorU += ui;
    m0 += ui * ci;
    m1 += ui * gap[i]!;
    m2 += ui * gap2[i]!;
    if (code >= 0) {
      byGroup[3 * code + 1]! += ui;
      byGroup[3 * code + 2]! += ui * ci;
    }
  }
  const censored = Float64Array.from(indicators, ({ values, cutoff, deprivedIf }) => {
    const rule = RULE[deprivedIf];
    let sum = 0;
    for (let i = 0; i < u.length; i++) if (poor[i] && isDeprived(rule, values[i]!, cutoff)) sum += u[i]!;
    return sum;
  });
  return { n, U, poorU, m0, m1, m2, uncensored, censored, groups: byGroup };
}

function groupMpi(label: string, s: Sums, c: number): GroupMpi {
  const [w, poor, sc] = [s.groups[3 * c]!, s.groups[3 * c + 1]!, s.groups[3 * c + 2]!];
  // contribution: share × M0_g / M0 = (w/U)(sc/w) / (m0/U) = sc / m0
  return {
    label,
    population: w,
    populationShare: ratio(w, s.U),
    H: ratio(poor, w),
    A: ratio(sc, poor),
    M0: ratio(sc, w),
    contribution: ratio(sc, s.m0),
  };
}

/**
 * Alkire–Foster (Alkire & Foster 2011) with unit weights u (1 when omitted; zero weights dropped):
 * deprivation score cᵢ = Σ_j w_j g⁰ᵢⱼ; poor when cᵢ ≥ k. H = Σ_poor u / U;
 * A = Σ_poor u·c / Σ_poor u; M0 = H·A. M1 and M2 replace g⁰ by the normalised gap (z − x)/z and its
 * square, for cardinal indicators. Subgroups: population share, H, A, M0, contribution to M0.
 */
export function alkireFoster(
  indicators: readonly Indicator[],
  k: number,
  unitWeights?: Float64Array,
  groups?: Groups,
): MpiResult {
  const n = indicators[0]?.values.length ?? 0;
  const cardinal = checkSpec(indicators, k, n);
  if (groups && groups.codes.length !== n)
    throw new MeasureInputError(`length ${groups.codes.length} ≠ ${n}`, 'groups');
  const s = accumulate(indicators, k, unitWeightsOf(n, unitWeights), groups);
  const result: MpiResult = {
    n: s.n,
    population: s.U,
    H: ratio(s.poorU, s.U),
    A: ratio(s.m0, s.poorU),
    M0: ratio(s.m0, s.U),
    M1: cardinal ? ratio(s.m1, s.U) : null,
    M2: cardinal ? ratio(s.m2, s.U) : null,
    indicators: indicators.map((ind, j) => ({
      name: ind.name,
      uncensored: ratio(s.uncensored[j]!, s.U),
      censored: ratio(s.censored[j]!, s.U),
      contribution: ratio(ind.weight * s.censored[j]!, s.m0),
    })),
  };
  if (groups) result.byGroup = groups.labels.map((label, c) => groupMpi(label, s, c));
  return result;
}

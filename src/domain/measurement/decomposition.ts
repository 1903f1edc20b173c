import { assertPositiveLine, MeasureInputError } from './errors.js';
import { isPoor, type PoorIf } from './poverty.js';

/** Subgroups as codes 0..labels.length−1, one per element, with their labels. */
export interface Groups {
  codes: Uint32Array;
  labels: readonly string[];
}

export interface FgtTriple<T = number> {
  headcount: T;
  povertyGap: T;
  squaredGap: T;
}

export interface GroupPoverty extends FgtTriple<number | null> {
  label: string;
  /** Σ person weights in the group. */
  population: number;
  /** Group population ÷ total population. */
  populationShare: number | null;
  /** Share of each total measure due to the group: share × group measure ÷ total (null if the total is 0). */
  contribution: FgtTriple<number | null>;
}

/**
 * Additive decomposition of FGT α = 0, 1, 2 by subgroup (the FGT family is subgroup-consistent:
 * P = Σ_g s_g P_g). Rows with zero weight add nothing. Groups are reported in label order, empty
 * ones included (their measures null).
 */
export function decomposeFgt(
  values: Float64Array,
  weights: Float64Array,
  line: number,
  groups: Groups,
  poorIf: PoorIf = 'below',
): GroupPoverty[] {
  assertPositiveLine(line);
  const g = groups.labels.length;
  const sums = new Float64Array(4 * g); // per group: weight, poor weight, gap, squared gap
  for (let i = 0; i < values.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || w === Infinity) throw new MeasureInputError('must be finite and ≥ 0', 'weights', i);
    const c = groups.codes[i]!;
    if (!(c < g)) throw new MeasureInputError(`group code ${c} has no label`, 'groups', i);
    const y = values[i]!;
    if (!Number.isFinite(y)) throw new MeasureInputError('must be a finite number', 'values', i);
    sums[4 * c]! += w;
    if (!isPoor(y, line, poorIf)) continue;
    const gap = (line - y) / line;
    sums[4 * c + 1]! += w;
    sums[4 * c + 2]! += w * gap;
    sums[4 * c + 3]! += w * gap * gap;
  }
  const total = [0, 0, 0, 0];
  for (let c = 0; c < g; c++) for (let k = 0; k < 4; k++) total[k]! += sums[4 * c + k]!;
  const [W, ...totals] = total as [number, number, number, number];
  const div = (a: number, b: number) => (b > 0 ? a / b : null);
  return groups.labels.map((label, c) => {
    const [w, ...parts] = [0, 1, 2, 3].map((k) => sums[4 * c + k]!) as [number, number, number, number];
    const measure = (k: number) => div(parts[k]!, w);
    // s_g · P_g / P = (w_g/W)(part_g/w_g) / (total/W) = part_g / total
    const contribution = (k: number) => div(parts[k]!, totals[k]!);
    return {
      label,
      population: w,
      populationShare: div(w, W),
      headcount: measure(0),
      povertyGap: measure(1),
      squaredGap: measure(2),
      contribution: { headcount: contribution(0), povertyGap: contribution(1), squaredGap: contribution(2) },
    };
  });
}

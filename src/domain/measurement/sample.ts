import { MeasureInputError } from './errors.js';
import { argsortFloat64 } from './radix-sort.js';

/** Values with their weights, as parallel arrays. */
export interface Weighted {
  values: Float64Array;
  weights: Float64Array;
}

/** A weighted sample sorted ascending, with inclusive cumulative weights; total = Σ weights. */
export interface SortedSample extends Weighted {
  cumWeight: Float64Array;
  total: number;
}

/**
 * Checks lengths, finite values, and finite non-negative weights, then drops zero weights. Returns
 * the input arrays themselves when nothing is dropped (no copy). Throws MeasureInputError.
 */
export function positiveWeights(values: Float64Array, weights: Float64Array, field = 'values'): Weighted {
  if (values.length !== weights.length)
    throw new MeasureInputError(`length ${values.length} ≠ weights length ${weights.length}`, field);
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || w === Infinity) throw new MeasureInputError('must be finite and ≥ 0', 'weights', i);
    if (!Number.isFinite(values[i]!)) throw new MeasureInputError('must be a finite number', field, i);
    if (w === 0) zeros++;
  }
  if (zeros === 0) return { values, weights };
  const n = values.length - zeros;
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0, j = 0; i < values.length; i++) {
    if (weights[i]! === 0) continue;
    v[j] = values[i]!;
    w[j++] = weights[i]!;
  }
  return { values: v, weights: w };
}

/** Sorts an already-validated sample (positive weights) ascending by value. */
export function sortSample({ values, weights }: Weighted): SortedSample {
  const n = values.length;
  const order = argsortFloat64(values);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  const cum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const k = order[i]!;
    v[i] = values[k]!;
    w[i] = weights[k]!;
    total += w[i]!;
    cum[i] = total;
  }
  return { values: v, weights: w, cumWeight: cum, total };
}

/** Sum of weights, and of weights × values. */
export function weightedTotals({ values, weights }: Weighted): { weight: number; income: number } {
  let weight = 0;
  let income = 0;
  for (let i = 0; i < values.length; i++) {
    weight += weights[i]!;
    income += weights[i]! * values[i]!;
  }
  return { weight, income };
}

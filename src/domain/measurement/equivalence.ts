import { MeasureInputError } from './errors.js';

/** Household rows, parallel arrays (one element per household). */
export interface Households {
  /** Household net income (total, not per capita); may be negative. */
  income: Float64Array;
  /** Survey weight of the household (1 for a census); ≥ 0, zero drops the row. */
  weight: Float64Array;
  /** Household size, a positive integer = adults + children. */
  size: Float64Array;
  /** Members aged 14 or more. */
  adults: Float64Array;
  /** Members under 14. */
  children: Float64Array;
}

/** Person-level view of the households kept (positive weight), in input order. */
export interface Persons {
  /** Household income ÷ size. */
  perCapita: Float64Array;
  /** Household income ÷ modified OECD scale. */
  equivalised: Float64Array;
  /** Household weight × size. */
  weight: Float64Array;
  /** Index of each kept household in the input arrays. */
  rows: Uint32Array;
}

/**
 * Modified OECD equivalence scale: 1 for the first person, 0.5 for each further person aged 14+,
 * 0.3 for each child under 14. A household of children only counts its first child as 1.
 */
export function modifiedOecdScale(adults: number, children: number): number {
  return adults >= 1 ? 1 + 0.5 * (adults - 1) + 0.3 * children : 1 + 0.3 * (children - 1);
}

const isCount = (x: number) => Number.isInteger(x) && x >= 0;

/** What is wrong with household i, as [field, message], or null. Kept out of the hot loop. */
function problemOf(h: Households, i: number): [string, string] | null {
  const w = h.weight[i]!;
  const size = h.size[i]!;
  if (!Number.isFinite(h.income[i]!)) return ['income', 'must be a finite number'];
  if (!(w >= 0) || w === Infinity) return ['weight', 'must be finite and ≥ 0'];
  if (!isCount(size) || size < 1) return ['size', 'must be an integer ≥ 1'];
  if (!isCount(h.adults[i]!)) return ['adults', 'must be an integer ≥ 0'];
  if (!isCount(h.children[i]!)) return ['children', 'must be an integer ≥ 0'];
  if (h.adults[i]! + h.children[i]! !== size) return ['size', 'must equal adults + children'];
  return null;
}

/** Number of households with positive weight; throws MeasureInputError at the first bad one. */
function validate(h: Households): number {
  const { income, weight, size, adults, children } = h;
  let kept = 0;
  for (let i = 0; i < income.length; i++) {
    const w = weight[i]!;
    const a = adults[i]!;
    const c = children[i]!;
    const s = size[i]!;
    // fast test: finite income, finite w ≥ 0, whole a, c ≥ 0 with a + c = s ≥ 1
    const ok =
      income[i]! - income[i]! === 0 &&
      w >= 0 &&
      w !== Infinity &&
      a >= 0 &&
      c >= 0 &&
      a === Math.floor(a) &&
      c === Math.floor(c) &&
      a + c === s &&
      s >= 1;
    if (!ok) {
      const [field, message] = problemOf(h, i) ?? ['size', 'is invalid'];
      throw new MeasureInputError(message, field, i);
    }
    if (w > 0) kept++;
  }
  return kept;
}

/** Validates every household, drops zero weights and derives the person-level arrays. */
export function toPersons(h: Households): Persons {
  const n = h.income.length;
  for (const k of ['weight', 'size', 'adults', 'children'] as const)
    if (h[k].length !== n) throw new MeasureInputError(`length ${h[k].length} ≠ income length ${n}`, k);
  const kept = validate(h);
  const p: Persons = {
    perCapita: new Float64Array(kept),
    equivalised: new Float64Array(kept),
    weight: new Float64Array(kept),
    rows: new Uint32Array(kept),
  };
  const { income, weight, size, adults, children } = h;
  for (let i = 0, j = 0; i < n; i++) {
    const w = weight[i]!;
    if (w === 0) continue;
    const s = size[i]!;
    const a = adults[i]!;
    // modified OECD scale, inlined: see modifiedOecdScale
    const scale = a >= 1 ? 1 + 0.5 * (a - 1) + 0.3 * children[i]! : 1 + 0.3 * (children[i]! - 1);
    p.perCapita[j] = income[i]! / s;
    p.equivalised[j] = income[i]! / scale;
    p.weight[j] = w * s;
    p.rows[j++] = i;
  }
  return p;
}

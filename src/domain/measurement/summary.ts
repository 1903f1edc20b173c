import { decomposeFgt, type GroupPoverty, type Groups } from './decomposition.js';
import { MeasureInputError } from './errors.js';
import { toPersons, type Households } from './equivalence.js';
import { DEFAULT_S80S20, inequalitySorted, type Inequality, type S80S20Convention } from './inequality.js';
import { absolutePoverty, type AbsolutePoverty, type PoorIf } from './poverty.js';
import { relativePovertySorted, type RelativePoverty } from './relative.js';
import { sortSample } from './sample.js';

/** Everything `jingzhun measure` prints, for one population of households. */
export interface MeasureSummary extends AbsolutePoverty, Inequality {
  /** Households kept (positive weight). */
  n: number;
  /** Σ person weights (household weight × size). */
  population: number;
  relative: RelativePoverty;
  /** FGT decomposition by subgroup, when groups were given. */
  byGroup?: GroupPoverty[];
  /** Who counted as poor against the absolute line. */
  poorIf: PoorIf;
}

/** The conventions that have a reference alternative (docs/measures.md). */
export interface MeasureConventions {
  /** Default 'eurostat' (laeken's `qsr`). */
  s80s20?: S80S20Convention;
  /** Default 'below' (y < z). */
  poorIf?: PoorIf;
}

/**
 * Absolute poverty and its decomposition on per-capita income against `line`; relative poverty and
 * inequality on modified-OECD equivalised income; person weights throughout. Validates the rows
 * (MeasureInputError with the household index), drops zero weights, sorts the equivalised incomes
 * once and reuses the sort for the median, the lines, the gap, Gini and S80/S20.
 */
export function measureHouseholds(
  h: Households,
  line: number,
  groups?: Groups,
  conventions: MeasureConventions = {},
): MeasureSummary {
  const { s80s20 = DEFAULT_S80S20, poorIf = 'below' } = conventions;
  const p = toPersons(h);
  const poverty = absolutePoverty(p.perCapita, p.weight, line, poorIf);
  const sorted = sortSample({ values: p.equivalised, weights: p.weight });
  const summary: MeasureSummary = {
    n: p.rows.length,
    population: sorted.total,
    ...poverty,
    poorIf,
    relative: relativePovertySorted(sorted),
    ...inequalitySorted(sorted, s80s20),
  };
  if (groups) {
    if (groups.codes.length !== h.income.length)
      throw new MeasureInputError(`length ${groups.codes.length} ≠ households ${h.income.length}`, 'groups');
    const codes = new Uint32Array(p.rows.length);
    for (let i = 0; i < codes.length; i++) codes[i] = groups.codes[p.rows[i]!]!;
    summary.byGroup = decomposeFgt(p.perCapita, p.weight, line, { codes, labels: groups.labels }, poorIf);
  }
  return summary;
}

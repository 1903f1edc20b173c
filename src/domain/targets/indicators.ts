/**
 * Target indicators (任务分解) as data: the kinds are rows of `target_indicator` (migration 050)
 * with their unit, how they are split down the levels and whether they are binding; this file holds
 * how each kind's actual value is computed from the counts the registry gives (one function per
 * kind), and how progress against a target is read. Pure: the counts come from
 * src/modules/targets/indicator-repository.ts.
 */

export const INDICATOR_KINDS = [
  'exit_households',
  'exit_persons',
  'measure_households',
  'monitoring_coverage',
  'risks_removed',
  'employed_labour',
  'exited_income_growth',
  'measure_coverage',
  'dibao_linkage',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const isIndicatorKind = (k: string): k is IndicatorKind =>
  (INDICATOR_KINDS as readonly string[]).includes(k);

export type IndicatorUnit = 'households' | 'persons' | 'percent';
/** 'sum': the sub-regions' targets add up to the parent's; 'rate': each region has its own rate. */
export type Aggregation = 'sum' | 'rate';

/** What the registry gives for one region and year; each kind reads the fields it needs. */
export interface IndicatorFigures {
  /** A count (exits, persons, removals, employed members). */
  count?: number;
  /** A share: `part` of `whole` households. */
  part?: number;
  whole?: number;
  /** Income growth: total net income and persons of the year, and of the year before. */
  income?: number;
  persons?: number;
  incomeBefore?: number;
  personsBefore?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A count as recorded (0 when nothing was counted). */
export const countOf = (f: IndicatorFigures): number => f.count ?? 0;

/** A share in percent, one decimal; null without a base (no household to cover). */
export function shareOf(f: IndicatorFigures): number | null {
  if (!f.whole) return null;
  return round1(((f.part ?? 0) / f.whole) * 100);
}

/**
 * Growth of per-capita income in percent, one decimal: (income / persons) over (incomeBefore /
 * personsBefore), minus one. Null when either year has no persons or the earlier income is not
 * positive (a growth rate over zero or a loss has no meaning).
 */
export function growthOf(f: IndicatorFigures): number | null {
  if (!f.persons || !f.personsBefore || f.income === undefined || f.incomeBefore === undefined) return null;
  const before = f.incomeBefore / f.personsBefore;
  if (before <= 0) return null;
  return round1((f.income / f.persons / before - 1) * 100);
}

/** The computation of each kind's actual value. */
export const INDICATOR_VALUE: Readonly<Record<IndicatorKind, (f: IndicatorFigures) => number | null>> = {
  exit_households: countOf,
  exit_persons: countOf,
  measure_households: countOf,
  monitoring_coverage: shareOf,
  risks_removed: countOf,
  employed_labour: countOf,
  exited_income_growth: growthOf,
  measure_coverage: shareOf,
  dibao_linkage: shareOf,
};

export interface IndicatorDefinition {
  kind: IndicatorKind;
  unit: IndicatorUnit;
  aggregation: Aggregation;
  binding: boolean;
}

export type ProgressState = 'met' | 'behind' | 'tracked' | 'no_target' | 'no_data';

/**
 * Progress against a target: the percent of the target reached (one decimal; a zero target is met),
 * and a state. A non-binding kind (risk removal: never a quota) is only 'tracked'.
 */
export function progressOf(
  def: Pick<IndicatorDefinition, 'binding'>,
  actual: number | null,
  target: number | null,
): { pct: number | null; state: ProgressState } {
  if (actual === null) return { pct: null, state: target === null ? 'no_target' : 'no_data' };
  if (target === null) return { pct: null, state: 'no_target' };
  const pct = target === 0 ? 100 : round1((actual / target) * 100);
  if (!def.binding) return { pct, state: 'tracked' };
  return { pct, state: actual >= target ? 'met' : 'behind' };
}

/** Whether a split is checked by sum (counts) or each child set on its own (rates). */
export const splitBySum = (def: Pick<IndicatorDefinition, 'aggregation'>) => def.aggregation === 'sum';

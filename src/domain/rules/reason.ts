import type { DataClass } from '../visibility.js';

/** What every rule returns: its decision and the reasons a cadre reads out and an auditor checks. */
export interface Reason {
  /** Stable key, e.g. `income_below_line`, `red_line.car`. */
  criterion: string;
  /** Plain Chinese a cadre can read out to the household. */
  label_zh: string;
  label_en: string;
  value: unknown;
  threshold: unknown;
  /** Whether the criterion's test holds (for a guarantee: it is secured). */
  passed: boolean;
  /** False for a consideration that informs the decision without deciding it. */
  binding: boolean;
  /**
   * The personal data classes (visibility.ts) the reason's text, value or test reads — [] when none.
   * Static per criterion: the same for every household, so that withholding it from a role that may
   * not see a class (explanations.ts) says nothing about the household. grounds.test.ts checks
   * that every reason reading a member's health or disability declares it.
   */
  rests: readonly DataClass[];
  /**
   * Set on a binding reason that cannot be tested: the facts it lacks (missing.ts keys). Such a
   * reason has `passed: false`; the rule then decides on the reasons it can test, or returns `verify`.
   */
  missing?: string[];
}

/** Who can supply a missing fact: the village cadre at a home visit, the township, a department. */
export type FactSupplier = 'village_cadre' | 'township' | 'department';

/** A fact a rule needs and the registry does not hold (keys and labels: missing.ts). */
export interface MissingFact {
  fact: string;
  supplier: FactSupplier;
  label_zh: string;
  label_en: string;
}

export interface RuleResult<D> {
  rule: string;
  decision: D;
  reasons: Reason[];
  /** Household rules: the facts lacking for a decision (non-empty exactly when the decision is `verify`). */
  missing?: MissingFact[];
}

/** The grounds of a reason that reads no personal data class (income, housing, area figures). */
export const NO_PERSONAL_DATA: readonly DataClass[] = [];
/** The grounds of a reason that reads a member's health or disability (or a decision made from them). */
export const HEALTH_AND_DISABILITY: readonly DataClass[] = ['health', 'disability'];
export const DISABILITY: readonly DataClass[] = ['disability'];

export function reason(
  criterion: string,
  passed: boolean,
  value: unknown,
  threshold: unknown,
  label: { zh: string; en: string },
  binding = true,
  rests: readonly DataClass[] = NO_PERSONAL_DATA,
): Reason {
  return { criterion, label_zh: label.zh, label_en: label.en, value, threshold, passed, binding, rests };
}

/** Every binding reason met (an unknown one, with `missing`, is not met). */
export const bindingPassed = (reasons: readonly Reason[]): boolean =>
  reasons.every((r) => !r.binding || r.passed);

export const round2 = (n: number): number => Math.round(n * 100) / 100;

/** 12345.6 → "12,345.6" (at most two decimals, no trailing zeros). */
export function yuan(n: number): string {
  const r = round2(n);
  const [int = '0', frac = '00'] = Math.abs(r).toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const tail = frac === '00' ? '' : `.${frac.replace(/0$/, '')}`;
  return `${r < 0 ? '-' : ''}${grouped}${tail}`;
}

/** 0.0215 → "2.15%". */
export const percent = (x: number): string => `${yuan(x * 100)}%`;

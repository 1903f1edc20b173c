/**
 * Responsibility rules (谁来扶): which households need a responsible cadre, which kind of visit plan
 * applies to a household, when its next visit is due, and who may change assignments, teams and the
 * plan. Pure functions; the repository mirrors `nextVisitDue` in SQL (see docs/cadres.md).
 */

import { addDays, daysBetween } from '../calendar.js';

export const UNIT_LEVELS = ['province', 'prefecture', 'county', 'township', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const VISIT_PURPOSES = ['routine', 'policy', 'income', 'plan', 'risk', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

export const TEAM_ROLES = ['first_secretary', 'leader', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const HOUSEHOLD_KINDS = ['poor', 'monitored', 'exited'] as const;
export type HouseholdKind = (typeof HOUSEHOLD_KINDS)[number];

/**
 * Statuses (code list household_status) whose households must have a current responsible cadre:
 * registered poor (未脱贫), returned to poverty (返贫, registered poor again) and monitored (监测对象).
 */
export const NEEDS_CADRE_STATUSES = ['poor', 'returned', 'monitored'] as const;

export const needsCadre = (status: string): boolean =>
  (NEEDS_CADRE_STATUSES as readonly string[]).includes(status);

/** Statuses of each visit-plan kind; a household of another status ('none') has no visit plan. */
export const KIND_STATUSES: Record<HouseholdKind, readonly string[]> = {
  poor: ['poor', 'returned'],
  monitored: ['monitored'],
  exited: ['exited', 'risk_removed'],
};

export function householdKind(status: string): HouseholdKind | null {
  for (const k of HOUSEHOLD_KINDS) if (KIND_STATUSES[k].includes(status)) return k;
  return null;
}

export interface PlanRule {
  regionPrefix: string;
  kind: HouseholdKind;
  visitsPerYear: number;
}

/** The rule of the longest region prefix containing the village ('' = national default). */
export function ruleFor(
  rules: readonly PlanRule[],
  villageCode: string,
  kind: HouseholdKind,
): PlanRule | null {
  let best: PlanRule | null = null;
  for (const r of rules)
    if (r.kind === kind && villageCode.startsWith(r.regionPrefix))
      if (!best || r.regionPrefix.length > best.regionPrefix.length) best = r;
  return best;
}

/** Days between visits for N visits a year: ceil(365 / N). */
export const visitIntervalDays = (visitsPerYear: number): number => Math.ceil(365 / visitsPerYear);

export interface VisitDue {
  /** The day the next visit is due; null when the household was never visited (due now). */
  dueOn: string | null;
  overdue: boolean;
  /** Days past the due day (0 when not overdue; for never visited: null). */
  overdueDays: number | null;
}

/**
 * When the next visit is due: the last visit plus ceil(365 / N) days. A household never visited is
 * overdue; a plan of 0 visits a year is never overdue. `today` is 'YYYY-MM-DD'.
 */
export function nextVisitDue(lastVisit: string | null, visitsPerYear: number, today: string): VisitDue {
  if (visitsPerYear <= 0) return { dueOn: null, overdue: false, overdueDays: 0 };
  if (!lastVisit) return { dueOn: null, overdue: true, overdueDays: null };
  const dueOn = addDays(lastVisit, visitIntervalDays(visitsPerYear));
  const late = daysBetween(dueOn, today);
  return { dueOn, overdue: late > 0, overdueDays: late > 0 ? late : 0 };
}

/** A visit can be dated neither in the future nor more than a year back. */
export function visitDateProblem(visitDate: string, today: string): string | null {
  if (visitDate > today) return 'visitDate may not be in the future';
  if (visitDate < addDays(today, -366)) return 'visitDate may not be more than a year ago';
  return null;
}

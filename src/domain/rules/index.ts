/**
 * The policy rules (DOMAIN.md §4) as pure functions `(facts, params) => { rule, decision, reasons }`.
 * `HOUSEHOLD_RULES` maps each household rule's name to its function (batch evaluation and
 * `POST /api/rules/{rule}/evaluate`); village and county exit take area facts instead.
 */
import { evaluateWithDefaults } from './defaults.js';
import { dibao } from './dibao.js';
import type { HouseholdFacts } from './facts.js';
import { householdExit } from './household-exit.js';
import { identification } from './identification.js';
import { linkage } from './linkage.js';
import { monitoringCategory } from './monitoring.js';
import type { PolicyParams } from './params.js';
import type { RuleResult } from './reason.js';
import { riskRemoval } from './risk-removal.js';
import { specialHardship } from './special-hardship.js';

export const HOUSEHOLD_RULES = {
  identification,
  household_exit: householdExit,
  monitoring: monitoringCategory,
  risk_removal: riskRemoval,
  dibao,
  special_hardship: specialHardship,
  linkage,
} as const satisfies Record<string, (f: HouseholdFacts, p: PolicyParams) => RuleResult<unknown>>;

export type HouseholdRuleName = keyof typeof HOUSEHOLD_RULES;
export const HOUSEHOLD_RULE_NAMES = Object.keys(HOUSEHOLD_RULES) as HouseholdRuleName[];

/** Every household rule on one household; a decision resting on a default (defaults.ts) becomes `verify`. */
export function evaluateHousehold(f: HouseholdFacts, p: PolicyParams): RuleResult<unknown>[] {
  return HOUSEHOLD_RULE_NAMES.map((name) =>
    evaluateWithDefaults(name, (x) => HOUSEHOLD_RULES[name](x, p), f),
  );
}

export { countyExit, type CountyExitDecision, type CountyExitFacts } from './county-exit.js';
export { DEFAULT_INFO, evaluateWithDefaults, type DefaultedValue, type DefaultKey } from './defaults.js';
export { dibao, type DibaoDecision } from './dibao.js';
export { assessDibaoIncome, type DibaoAssessment } from './dibao-income.js';
export { dibaoReviewKind, type DibaoReviewKind } from './dibao-review.js';
export { exampleHousehold, exampleLast12, exampleMember, exampleYearIncome } from './example-household.js';
export * from './facts.js';
export { householdExit, type HouseholdExitDecision } from './household-exit.js';
export { identification, RED_LINE_LABELS, type IdentificationDecision } from './identification.js';
export { linkage, type LinkageGap } from './linkage.js';
export { monitoringCategory, type MonitoringCategory } from './monitoring.js';
export * from './params.js';
export type { Reason, RuleResult } from './reason.js';
export { riskRemoval, type RiskRemovalDecision } from './risk-removal.js';
export { specialHardship, type SpecialHardshipDecision } from './special-hardship.js';
export { villageExit, type AreaExitDecision, type VillageExitFacts } from './village-exit.js';

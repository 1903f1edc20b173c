import { redactResult } from '../../domain/explanations.js';
import {
  evaluateHousehold,
  HOUSEHOLD_RULES,
  type HouseholdFacts,
  type HouseholdRuleName,
  type RuleResult,
} from '../../domain/rules/index.js';
import { factsUsed, pendingReasons } from '../../domain/rules/fact-use.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { gapsFor, type GapKey } from '../facts/data-gaps.js';
import type { FactsLoader } from '../facts/loader.js';
import type { PolicyService } from '../policy/service.js';
import type { Clock } from '../../kernel/clock.js';

/** Each rule's result with the notes on inferred facts (non-binding `data.*` reasons) and pending proposals. */
export const withGaps = (
  results: RuleResult<unknown>[],
  gaps: readonly GapKey[],
  f?: HouseholdFacts,
): RuleResult<unknown>[] =>
  results.map((r) => ({
    ...r,
    reasons: [
      ...r.reasons,
      ...gapsFor(r.rule, gaps),
      ...(f ? pendingReasons(r.rule as HouseholdRuleName, f) : []),
    ],
  }));

const MEASURE_RULES = new Set(['risk_removal', 'linkage']);

/**
 * The household page's form of a result: the recorded facts the rule used (date, source), the plan
 * measures it counted (rules that read measures) and on what basis.
 */
export const explained = (r: RuleResult<unknown>, f: HouseholdFacts) => ({
  ...r,
  missing: r.missing ?? [],
  facts: factsUsed(r.rule as HouseholdRuleName, f),
  measures: MEASURE_RULES.has(r.rule)
    ? { basis: f.measureBasis ?? null, counted: [...(f.planMeasures ?? [])] }
    : null,
});

/** The evaluation date of a year: 31 December, or today for the running year. */
export const asOfFor = (year: number, today: string): string =>
  `${year}-12-31` < today ? `${year}-12-31` : today;

export function createRulesService(deps: { policy: PolicyService; facts: FactsLoader; clock: Clock }) {
  const { policy, facts, clock } = deps;
  return {
    /**
     * Every household rule on one household, as of its latest income year. The reasons resting on a
     * data class the user may not see (a member's health, disability) are withheld (explanations.ts);
     * the decisions stay. There is no unmasked view here: officers read the redacted form too.
     */
    async evaluateHousehold(user: AuthUser, id: string) {
      const h = await facts.household(id);
      if (!h) throw notFound('household', id);
      assertObjectInScope(user, h.village_code, 'household', id);
      const today = clock.today();
      const year = await facts.latestYear(id, Number(today.slice(0, 4)));
      if (year === null) return { householdId: id, year: null, asOf: null, params: null, results: [] };
      const asOf = asOfFor(year, today);
      const params = await policy.paramsFor(h.village_code, asOf);
      const [loaded] = await facts.load([h], year, asOf, () => params);
      const built = loaded?.built;
      if (!built) return { householdId: id, year, asOf, params: null, results: [] };
      return {
        householdId: id,
        year,
        asOf,
        params: {
          year: params.year,
          povertyLine: params.povertyLine,
          monitoringLine: params.monitoringLine,
          ruralDibaoStandardMonthly: params.ruralDibaoStandardMonthly,
        },
        results: withGaps(evaluateHousehold(built.facts, params), built.gaps, built.facts).map((r) =>
          explained(redactResult(r, { role: user.role }), built.facts),
        ),
      };
    },

    /**
     * One rule on facts given by the caller (nothing withheld: the caller typed every fact in), under the parameters of a region in the user's scope
     * (absent: the user's own region) and date (absent: the facts' date).
     */
    async evaluateFacts(
      user: AuthUser,
      rule: HouseholdRuleName,
      f: HouseholdFacts,
      region: string | undefined,
      date?: string,
    ) {
      const params = await policy.paramsFor(scopeFor(user, region), date ?? f.asOf);
      return HOUSEHOLD_RULES[rule](f, params) as RuleResult<unknown>;
    },
  };
}
export type RulesService = ReturnType<typeof createRulesService>;

import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { createCaseService } from '../modules/cases/service.js';
import { createFactsLoader } from '../modules/facts/loader.js';
import { confirmedRedLineHits } from '../modules/matching/red-line-source.js';
import { createPolicyService } from '../modules/policy/service.js';
import { createRulesService } from '../modules/rules/service.js';
import { createRuleRun } from '../modules/worklists/rule-run.js';
import { createWorklistService } from '../modules/worklists/service.js';
import { createSafetyNetServices } from '../modules/safety-net/index.js';
import type { Clock } from '../kernel/clock.js';
import type { AuthUser } from '../kernel/user.js';

/**
 * The policy engine's part of the composition root (part of services.ts): versioned
 * parameters, facts from the registry (red lines from confirmed department matches), rules, cases,
 * the rule run (batch evaluation) and worklists, all on one clock.
 */
export function createPolicyServices(db: Kysely<DB>, clock: Clock) {
  const policy = createPolicyService(db, clock);
  const facts = createFactsLoader(db, confirmedRedLineHits);
  const rules = createRulesService({ policy, facts, clock });
  const paramsFor = (region: string, date: string) => policy.paramsFor(region, date);
  // the safety net: an approved dibao or 特困 case enters its roll in the decision's transaction
  const safetyNet = createSafetyNetServices({ db, clock, facts, paramsFor });
  const eligibility = (user: AuthUser, householdId: string) => rules.evaluateHousehold(user, householdId);
  const cases = createCaseService({ db, policy, clock, onDecided: safetyNet.onCaseDecided, eligibility });
  const ruleRun = createRuleRun({ db, policy, facts, clock });
  const worklists = createWorklistService(db, ruleRun);
  return { policy, rules, cases, ruleRun, worklists, safetyNet };
}
export type PolicyServices = ReturnType<typeof createPolicyServices>;

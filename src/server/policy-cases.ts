import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { createCaseService } from '../modules/cases/service.js';
import { caseRoutes } from '../modules/cases/routes.js';
import { createFactsLoader } from '../modules/facts/loader.js';
import { confirmedRedLineHits } from '../modules/matching/red-line-source.js';
import { createPolicyService } from '../modules/policy/service.js';
import { policyRoutes } from '../modules/policy/routes.js';
import { createRulesService } from '../modules/rules/service.js';
import { ruleRoutes } from '../modules/rules/routes.js';
import { createEvaluationRunner } from '../modules/worklists/evaluation.js';
import { createWorklistService } from '../modules/worklists/service.js';
import { worklistRoutes } from '../modules/worklists/routes.js';
import type { ZodApp } from './http.js';

/**
 * The policy engine's part of the composition root (called from app.ts and the CLI): versioned
 * parameters, facts from the registry (red lines from confirmed department matches), rules, cases,
 * batch evaluation and worklists, all on one clock.
 */
export function createPolicyServices(db: Kysely<DB>, clock: () => Date = () => new Date()) {
  const policy = createPolicyService(db, clock);
  const facts = createFactsLoader(db, confirmedRedLineHits);
  const rules = createRulesService({ db, policy, facts, clock });
  const cases = createCaseService({ db, policy, clock });
  const evaluate = createEvaluationRunner({ db, policy, facts, clock });
  const worklists = createWorklistService(db, evaluate);
  return { policy, rules, cases, evaluate, worklists };
}
export type PolicyServices = ReturnType<typeof createPolicyServices>;

export function policyAndCaseRoutes(app: ZodApp, s: PolicyServices): void {
  policyRoutes(app, s.policy);
  ruleRoutes(app, s.rules);
  caseRoutes(app, s.cases);
  worklistRoutes(app, s.worklists);
}

import { z } from 'zod';
import type { HouseholdRuleName } from '../../domain/rules/index.js';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import {
  EvaluateQuery,
  HouseholdEvaluation,
  HouseholdFactsBody,
  RuleParams,
  RuleResultSchema,
} from './schema.js';
import type { RulesService } from './service.js';

export function ruleRoutes(app: ZodApp, rules: RulesService) {
  app.post('/api/rules/:rule/evaluate', {
    schema: {
      tags: ['rules'],
      summary:
        'Run one household rule on the household facts in the body, under the parameters of `region` on `date` (default: facts.asOf); returns the decision and every reason',
      params: RuleParams,
      querystring: EvaluateQuery,
      body: HouseholdFactsBody,
      response: { 200: RuleResultSchema, ...errorResponses },
    },
    handler: (req) => {
      const rule = req.params.rule as HouseholdRuleName;
      return rules.evaluateFacts(currentUser(req), rule, req.body, req.query.region, req.query.date);
    },
  });

  app.get('/api/households/:id/evaluation', {
    schema: {
      tags: ['rules'],
      summary:
        'Every household rule on a registry household (latest income year), with reasons in plain Chinese and notes on facts the registry lacks',
      params: z.object({ id: Id }),
      response: { 200: HouseholdEvaluation, ...errorResponses },
    },
    handler: (req) => rules.evaluateHousehold(currentUser(req), req.params.id),
  });
}

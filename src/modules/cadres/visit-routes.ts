import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import { Plan, PlanRuleBody, Visit, VisitBody, VisitPage, VisitQuery } from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];

/** Visits and the visit plan (minimum visits a year by household kind). */
export function visitRoutes(app: ZodApp, svc: CadreService) {
  app.get('/api/visits', {
    schema: {
      tags,
      summary: 'Visits in a region, of a household or of a cadre, newest first',
      querystring: VisitQuery,
      response: { 200: VisitPage, ...errorResponses },
    },
    handler: (req) => svc.visits(currentUser(req), req.query),
  });

  app.post('/api/visits', {
    schema: {
      tags,
      summary: 'Record a visit (by the signed-in cadre, or an officer for a cadre; audited)',
      body: VisitBody,
      response: { 200: Visit, ...errorResponses },
    },
    handler: (req) => svc.recordVisit(currentUser(req), req.body),
  });

  app.get('/api/visit-plan', {
    schema: {
      tags,
      summary: 'Minimum visits a year by household kind: the effective plan of a region and its rules',
      querystring: z.object({ region: RegionCode.default('') }),
      response: { 200: Plan, ...errorResponses },
    },
    handler: (req) => svc.plan(currentUser(req), req.query.region),
  });

  app.put('/api/visit-plan', {
    schema: {
      tags,
      summary: 'Set the minimum visits a year of a household kind for a region (county officer; audited)',
      body: PlanRuleBody,
      response: { 200: Plan, ...errorResponses },
    },
    handler: (req) => svc.setPlanRule(currentUser(req), req.body),
  });
}

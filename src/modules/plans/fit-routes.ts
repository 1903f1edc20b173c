import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import { GapPage, GapQuery, Summary, Year } from './schema.js';
import type { PlanService } from './service.js';

const tags = ['plans'];

/** The fit gap list and the plan figures of a region ('' or absent: the user's scope). */
export function fitRoutes(app: ZodApp, plans: PlanService) {
  app.get('/api/plans/gaps', {
    schema: {
      tags,
      summary: 'Plans of a year whose measures do not answer the causes, with the reasons',
      querystring: GapQuery,
      response: { 200: GapPage, ...errorResponses },
    },
    handler: (req) =>
      plans.gaps(currentUser(req), { ...req.query, year: req.query.year ?? plans.defaultYear() }),
  });

  app.get('/api/plans/summary', {
    schema: {
      tags,
      summary: 'Plan figures of a region and year: fit, agreement, measures by status, overdue, amount',
      querystring: z.object({ region: RegionCode.default(''), year: Year.optional() }),
      response: { 200: Summary, ...errorResponses },
    },
    handler: (req) =>
      plans.summary(currentUser(req), {
        region: req.query.region,
        year: req.query.year ?? plans.defaultYear(),
      }),
  });
}

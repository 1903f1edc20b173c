import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  AnswerBody,
  Assessment,
  IdParams,
  InspectionBody,
  InspectionList,
  Limits,
  NonEmpty,
  RegionYearQuery,
  RequestBody,
  RequestList,
} from './schema.js';
import type { BurdenService } from './service.js';

/** The registers of data requests and inspections from higher levels, and the inspection limits. */
export function registerRoutes(app: ZodApp, burden: BurdenService) {
  app.get('/api/burden/requests', {
    schema: {
      tags: ['burden'],
      summary: 'Data requests from higher levels, each assessed: which items the system already holds',
      querystring: RegionYearQuery,
      response: { 200: RequestList, ...errorResponses },
    },
    handler: (req) => burden.requests(currentUser(req), req.query.region, req.query.year),
  });

  app.post('/api/burden/requests', {
    schema: {
      tags: ['burden'],
      summary: 'Register a data request; the answer says which items the system already holds',
      body: RequestBody,
      response: {
        200: z.object({ id: z.string(), version: z.number(), assessment: Assessment }),
        ...errorResponses,
      },
    },
    handler: (req) => burden.addRequest(currentUser(req), req.body),
  });

  app.post('/api/burden/requests/:id/answer', {
    schema: {
      tags: ['burden'],
      summary:
        'Record how a data request was answered (by a generated report, by villages) or that it was declined',
      params: IdParams,
      body: AnswerBody,
      response: {
        200: z.object({ version: z.number(), status: z.string() }),
        409: errorResponses[400],
        ...errorResponses,
      },
    },
    handler: (req) => burden.answerRequest(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/burden/inspections', {
    schema: {
      tags: ['burden'],
      summary: 'Inspections of the region in a year, each flagged when beyond the configured frequency',
      querystring: RegionYearQuery,
      response: { 200: InspectionList, ...errorResponses },
    },
    handler: (req) => burden.inspections(currentUser(req), req.query.region, req.query.year),
  });

  app.post('/api/burden/inspections', {
    schema: {
      tags: ['burden'],
      summary: 'Register an inspection of a region',
      body: InspectionBody,
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => burden.addInspection(currentUser(req), req.body),
  });

  app.put('/api/burden/limits', {
    schema: {
      tags: ['burden'],
      summary:
        'Set the inspection frequency limits of your own region (a county officer: the county; the national values: a whole-country administrator); a regional setting, audited',
      body: Limits.extend({ reason: NonEmpty(500) }),
      response: { 200: Limits, ...errorResponses },
    },
    handler: (req) => {
      const { reason, ...limits } = req.body;
      return burden.setLimits(currentUser(req), limits, reason);
    },
  });
}

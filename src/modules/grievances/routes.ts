import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, RegionCode } from '../../kernel/schema.js';
import { publicGrievanceRoutes } from './public-routes.js';
import { Deadlines, ListQuery, ListResponse, OfficerView, Satisfaction, SatisfactionYear } from './schema.js';
import type { GrievanceService } from './service.js';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['grievances'];
const IdParams = z.object({ id: Id });

/** Officers' grievance routes (township and county); the public, sign-in-free ones in public-routes.ts. */
export function grievanceRoutes(app: ZodApp, grievances: GrievanceService, opts: { filePerMinute: number }) {
  app.get('/api/grievances', {
    schema: {
      tags,
      summary:
        'Grievances routed to townships in a region (filters: state, overdue, escalated); escalates overdue ones first',
      querystring: ListQuery,
      response: { 200: ListResponse, ...errors },
    },
    handler: (req) => grievances.handling.list(currentUser(req), req.query),
  });

  app.get('/api/grievances/satisfaction', {
    schema: {
      tags,
      summary:
        'Satisfaction figures of a region and year: share satisfied with grievance outcomes, mean rating of help',
      querystring: z.object({ region: RegionCode.optional(), year: SatisfactionYear }),
      response: { 200: Satisfaction, ...errors },
    },
    handler: (req) =>
      grievances.satisfaction.satisfaction(currentUser(req), req.query.region, req.query.year),
  });

  app.get('/api/grievances/deadlines', {
    schema: {
      tags,
      summary:
        'Days to acknowledge and to resolve, per kind, effective in a region (default: your scope; a regional setting)',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: Deadlines, ...errors },
    },
    handler: (req) => grievances.handling.deadlines(currentUser(req), req.query.region),
  });

  app.post('/api/grievances/escalate-overdue', {
    schema: {
      tags,
      summary: 'Escalate every overdue grievance to its county now (also runs hourly and on read)',
      response: { 200: z.object({ escalated: z.number() }), ...errors },
    },
    handler: async (req) => {
      currentUser(req);
      return { escalated: await grievances.escalation.escalateOverdue() };
    },
  });

  app.get('/api/grievances/:id', {
    schema: {
      tags,
      summary: 'One grievance with its history; ?unmask=true shows the contact phone (logged)',
      params: IdParams,
      querystring: z.object({ unmask: z.enum(['true', 'false']).optional() }),
      response: { 200: OfficerView, ...errors },
    },
    handler: (req) =>
      grievances.handling.detail(currentUser(req), req.params.id, req.query.unmask === 'true'),
  });

  app.post('/api/grievances/:id/acknowledge', {
    schema: {
      tags,
      summary: 'Acknowledge a received grievance (township officer in scope); audited',
      params: IdParams,
      body: z.object({ note: z.string().trim().max(1000).default('') }),
      response: { 200: OfficerView, ...errors },
    },
    handler: (req) => grievances.handling.acknowledge(currentUser(req), req.params.id, req.body.note),
  });

  app.post('/api/grievances/:id/resolve', {
    schema: {
      tags,
      summary: 'Resolve an acknowledged grievance with its outcome; audited',
      params: IdParams,
      body: z.object({ outcome: z.string().trim().min(1).max(4000) }),
      response: { 200: OfficerView, ...errors },
    },
    handler: (req) => grievances.handling.resolve(currentUser(req), req.params.id, req.body.outcome),
  });

  publicGrievanceRoutes(app, grievances.filing, opts);
}

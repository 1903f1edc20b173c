import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import {
  ComplainantView,
  FeedbackBody,
  Filed,
  Id,
  ListQuery,
  ListResponse,
  OfficerView,
  PublicFileBody,
  Satisfaction,
} from './schema.js';
import type { GrievanceService } from './service.js';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['grievances'];
const IdParams = z.object({ id: Id });
const TrackingParams = z.object({ code: z.string().trim().min(8).max(20) });

/** Officers' grievance routes (township and county) and the public, sign-in-free filing and tracking. */
export function grievanceRoutes(app: ZodApp, grievances: GrievanceService, opts: { filePerMinute: number }) {
  app.get('/api/grievances', {
    schema: {
      tags,
      summary:
        'Grievances routed to townships in a region (filters: state, overdue, escalated); escalates overdue ones first',
      querystring: ListQuery,
      response: { 200: ListResponse, ...errors },
    },
    handler: (req) => grievances.list(currentUser(req), req.query),
  });

  app.get('/api/grievances/satisfaction', {
    schema: {
      tags,
      summary:
        'Satisfaction figures of a region and year: share satisfied with grievance outcomes, mean rating of help',
      querystring: z.object({
        region: RegionCode.optional(),
        year: z.coerce.number().int().min(2014).max(2100),
      }),
      response: { 200: Satisfaction, ...errors },
    },
    handler: (req) => grievances.satisfaction(currentUser(req), req.query.region, req.query.year),
  });

  app.get('/api/grievances/deadlines', {
    schema: {
      tags,
      summary: 'Days to acknowledge and to resolve, per kind',
      response: {
        200: z.array(z.object({ kind: z.string(), ack_days: z.number(), resolve_days: z.number() })),
        ...errors,
      },
    },
    handler: (req) => (currentUser(req), grievances.deadlines()),
  });

  app.post('/api/grievances/escalate-overdue', {
    schema: {
      tags,
      summary: 'Escalate every overdue grievance to its county now (also runs hourly and on read)',
      response: { 200: z.object({ escalated: z.number() }), ...errors },
    },
    handler: async (req) => {
      currentUser(req);
      return { escalated: await grievances.escalateOverdue() };
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
    handler: (req) => grievances.detail(currentUser(req), req.params.id, req.query.unmask === 'true'),
  });

  app.post('/api/grievances/:id/acknowledge', {
    schema: {
      tags,
      summary: 'Acknowledge a received grievance (township officer in scope); audited',
      params: IdParams,
      body: z.object({ note: z.string().trim().max(1000).default('') }),
      response: { 200: OfficerView, ...errors },
    },
    handler: (req) => grievances.acknowledge(currentUser(req), req.params.id, req.body.note),
  });

  app.post('/api/grievances/:id/resolve', {
    schema: {
      tags,
      summary: 'Resolve an acknowledged grievance with its outcome; audited',
      params: IdParams,
      body: z.object({ outcome: z.string().trim().min(1).max(4000) }),
      response: { 200: OfficerView, ...errors },
    },
    handler: (req) => grievances.resolve(currentUser(req), req.params.id, req.body.outcome),
  });

  // ---- public: no sign-in
  app.get('/api/public/grievance-regions', {
    schema: {
      tags,
      summary: 'Public: townships of a county, or villages of a township, to file a grievance against',
      querystring: z.object({ parent: z.string().regex(/^(\d{6}|\d{9})$/) }),
      response: {
        200: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
        ...errors,
      },
    },
    handler: (req) => grievances.regionChoices(req.query.parent),
  });

  app.post('/api/public/grievances', {
    config: { rateLimit: { max: opts.filePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public: file a grievance (anonymous allowed); returns the tracking code to follow it',
      body: PublicFileBody,
      response: { 200: Filed, ...errors },
    },
    handler: (req) => grievances.filePublic(req.body),
  });

  app.get('/api/public/grievances/:code', {
    config: { rateLimit: { max: opts.filePerMinute * 3, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public: the state and outcome of a grievance by its tracking code',
      params: TrackingParams,
      response: { 200: ComplainantView, ...errors },
    },
    handler: (req) => grievances.track(req.params.code),
  });

  app.post('/api/public/grievances/:code/feedback', {
    config: { rateLimit: { max: opts.filePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: "Public: the complainant's feedback on the outcome (not satisfied may reopen once)",
      params: TrackingParams,
      body: FeedbackBody,
      response: { 200: ComplainantView, ...errors },
    },
    handler: (req) => grievances.publicFeedback(req.params.code, req.body),
  });
}

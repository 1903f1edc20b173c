import { z } from 'zod';
import { ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { GrievanceFilingService } from './filing-service.js';
import { ComplainantView, FeedbackBody, Filed, PublicFileBody, RegionChoices } from './schema.js';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['grievances'];
const TrackingParams = z.object({ code: z.string().trim().min(8).max(20) });

/** Public, sign-in-free grievance routes: region choices, filing, tracking and feedback by code. */
export function publicGrievanceRoutes(
  app: ZodApp,
  filing: GrievanceFilingService,
  opts: { filePerMinute: number },
) {
  app.get('/api/public/grievance-regions', {
    schema: {
      tags,
      summary: 'Public: townships of a county, or villages of a township, to file a grievance against',
      querystring: z.object({ parent: z.string().regex(/^(\d{6}|\d{9})$/) }),
      response: { 200: RegionChoices, ...errors },
    },
    handler: (req) => filing.regionChoices(req.query.parent),
  });

  app.post('/api/public/grievances', {
    config: { rateLimit: { max: opts.filePerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public: file a grievance (anonymous allowed); returns the tracking code to follow it',
      body: PublicFileBody,
      response: { 200: Filed, ...errors },
    },
    handler: (req) => filing.filePublic(req.body),
  });

  app.get('/api/public/grievances/:code', {
    config: { rateLimit: { max: opts.filePerMinute * 3, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public: the state and outcome of a grievance by its tracking code',
      params: TrackingParams,
      response: { 200: ComplainantView, ...errors },
    },
    handler: (req) => filing.track(req.params.code),
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
    handler: (req) => filing.publicFeedback(req.params.code, req.body),
  });
}

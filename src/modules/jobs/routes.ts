import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, RegionCode } from '../../kernel/schema.js';
import type { JobService } from './service.js';

const Kind = z.enum(['evaluation', 'quality']);
const Job = z.object({
  id: z.string(),
  kind: Kind,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  year: z.number().nullable(),
  status: z.enum(['running', 'done', 'failed', 'interrupted']),
  step: z.string().nullable(),
  done: z.number(),
  total: z.number(),
  resultId: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
  message: z.string().nullable(),
  startedBy: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const tags = ['jobs'];

/** Batch work in the background: the batch evaluation and the quality checks, with progress. */
export function jobRoutes(app: ZodApp, jobs: JobService) {
  app.post('/api/jobs', {
    schema: {
      tags,
      summary:
        'Start the batch evaluation (county officer and above) or the quality checks (township officer and above) of a region in the background; 409 names a job already running on the region',
      body: z.object({
        kind: Kind,
        region: RegionCode.default(''),
        year: z.number().int().min(2000).max(2100).optional(),
      }),
      response: { 202: Job, ...errorResponses, 409: ErrorBody },
    },
    handler: async (req, reply) => reply.code(202).send(await jobs.start(currentUser(req), req.body)),
  });

  app.get('/api/jobs', {
    schema: {
      tags,
      summary: 'The latest background jobs of a region in scope, newest first (a running one included)',
      querystring: z.object({ region: RegionCode.default(''), kind: Kind.optional() }),
      response: { 200: z.object({ items: z.array(Job) }), ...errorResponses },
    },
    handler: (req) => jobs.list(currentUser(req), req.query),
  });

  app.get('/api/jobs/:id', {
    schema: {
      tags,
      summary:
        'One background job: status, progress (done of total, the step under way) and the run it wrote',
      params: z.object({ id: Id }),
      response: { 200: Job, ...errorResponses },
    },
    handler: (req) => jobs.get(currentUser(req), req.params.id),
  });
}

import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, Page, PageSize, RegionCode } from '../../kernel/schema.js';
import {
  FlagPage,
  FlagQuery,
  Flag,
  ImportReport,
  ListPage,
  ReviewBody,
  Summary,
  UploadQuery,
} from './schema.js';
import type { MatchingService } from './service.js';
import { withUploadedFile } from '../../kernel/upload.js';

export function matchingRoutes(app: ZodApp, matching: MatchingService) {
  // The upload takes the file as the raw body; the parser lives in this plugin only.
  void app.register(async (scoped) => {
    scoped.addContentTypeParser('application/octet-stream', (_req, payload, done) => done(null, payload));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/matching/lists', {
      schema: {
        tags: ['matching'],
        summary:
          'Import a department list (body: the CSV or XLSX file as application/octet-stream) and match it',
        querystring: UploadQuery,
        response: { 200: ImportReport, ...errorResponses },
      },
      handler: (req) => {
        const user = currentUser(req);
        matching.assertMayImport(user, req.query.region);
        return withUploadedFile(req.body, req.query.filename, (file) =>
          matching.importFile(user, file, req.query),
        );
      },
    });
  });

  app.get('/api/matching/lists', {
    schema: {
      tags: ['matching'],
      summary: 'Department lists imported for regions overlapping your scope, newest first',
      querystring: z.object({ page: Page, pageSize: PageSize(100, 20) }),
      response: { 200: ListPage, ...errorResponses },
    },
    handler: (req) => matching.lists(currentUser(req), req.query.page, req.query.pageSize),
  });

  app.get('/api/matching/flags', {
    schema: {
      tags: ['matching'],
      summary:
        'The review queue: flags raised by department lists in a region (ID numbers masked unless unmask)',
      querystring: FlagQuery,
      response: { 200: FlagPage, ...errorResponses },
    },
    handler: (req) => matching.flags(currentUser(req), { ...req.query, unmask: req.query.unmask === 'true' }),
  });

  app.get('/api/matching/summary', {
    schema: {
      tags: ['matching'],
      summary: 'Flags in a region counted by list kind, match type and status',
      querystring: z.object({ region: RegionCode.default('') }),
      response: { 200: Summary, ...errorResponses },
    },
    handler: (req) => matching.summary(currentUser(req), req.query.region),
  });

  app.post('/api/matching/flags/:id/review', {
    schema: {
      tags: ['matching'],
      summary: 'Confirm or dismiss a pending flag with a reason (township officer and above; audited)',
      params: z.object({ id: Id }),
      body: ReviewBody,
      response: { 200: Flag, ...errorResponses, 409: ErrorBody },
    },
    handler: (req) => matching.review(currentUser(req), req.params.id, req.body.decision, req.body.reason),
  });

  app.get('/api/households/:id/flags', {
    schema: {
      tags: ['matching'],
      summary: 'Flags of one household (all statuses), newest first',
      params: z.object({ id: Id }),
      response: { 200: z.object({ items: z.array(Flag) }), ...errorResponses },
    },
    handler: (req) => matching.householdFlags(currentUser(req), req.params.id),
  });
}

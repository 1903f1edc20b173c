import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  BatchNoticePdfQuery,
  BatchNoticeQuery,
  BatchNoticeResponse,
  Supervision,
  SupervisionQuery,
} from './schema.js';
import type { NoticeService } from './notices.js';

/** What notices print besides their households, and the batch notice of a round (docs/printing.md). */
export function printingRoutes(app: ZodApp, notices: NoticeService) {
  app.get('/api/notices/supervision', {
    schema: {
      tags: ['printing'],
      summary:
        "The supervision lines every public notice prints: the county's hotline (policy parameter supervisionHotline, or the national default) and 12317",
      querystring: SupervisionQuery,
      response: { 200: Supervision, ...errorResponses },
    },
    handler: (req) => notices.supervision(currentUser(req), req.query.region),
  });

  app.get('/api/notices/batch', {
    schema: {
      tags: ['printing'],
      summary:
        "Batch public notices of a village's or township's round: every household whose case of the kind is in its notice period now, one notice per stage and issuer",
      querystring: BatchNoticeQuery,
      response: { 200: BatchNoticeResponse, ...errorResponses },
    },
    handler: (req) => notices.batch(currentUser(req), req.query),
  });

  app.get('/api/notices/batch/pdf', {
    schema: {
      tags: ['printing'],
      summary:
        "The batch public notices of a village's or township's round as one A4 PDF (a sheet per round)",
      querystring: BatchNoticePdfQuery,
    },
    handler: async (req, reply) => {
      const file = await notices.batchPdf(currentUser(req), req.query);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
}

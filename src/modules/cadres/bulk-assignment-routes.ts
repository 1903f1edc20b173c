import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, IsoDate } from '../../kernel/schema.js';
import type { CadreService } from './service.js';

const BulkAssignBody = z.object({
  householdIds: z.array(Id).min(1).max(500),
  cadreId: Id,
  startDate: IsoDate.optional(),
  reason: z.string().trim().min(2, 'a reason is required').max(500),
});
const BulkAssignResult = z.object({
  cadreId: z.string(),
  cadreName: z.string(),
  startDate: z.string(),
  assigned: z.number(),
  unchanged: z.number(),
  items: z.array(
    z.object({
      householdId: z.string(),
      householdNo: z.string(),
      outcome: z.enum(['assigned', 'handover', 'same']),
    }),
  ),
});

/** Bulk assignment of a responsible cadre to the households selected in a list. */
export function bulkAssignmentRoutes(app: ZodApp, svc: CadreService) {
  app.post('/api/households/cadre/bulk', {
    schema: {
      tags: ['responsibility'],
      summary:
        'Assign one responsible cadre to up to 500 households at once (township officer and above): one transaction, each assignment audited; an error names its row and nothing is written',
      body: BulkAssignBody,
      response: { 200: BulkAssignResult, ...errorResponses, 409: ErrorBody },
    },
    handler: (req) => svc.bulkAssign(currentUser(req), req.body),
  });
}

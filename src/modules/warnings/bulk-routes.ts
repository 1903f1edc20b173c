import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import type { WarningService } from './service.js';

/** Bulk review of the warning worklist: dismiss, or confirm (open monitoring cases for), the selected households. */
export function warningBulkRoutes(app: ZodApp, warnings: WarningService) {
  app.post('/api/warnings/dismiss', {
    schema: {
      tags: ['warnings'],
      summary:
        'Dismiss the open signals of up to 500 selected households with one reason; one transaction, each household audited; an error names its row',
      body: z
        .object({
          householdIds: z.array(Id).min(1).max(500),
          reason: z.string().trim().min(2, 'a reason is required').max(500),
        })
        .refine((b) => new Set(b.householdIds).size === b.householdIds.length, {
          message: 'a household is listed twice',
          path: ['householdIds'],
        }),
      response: {
        200: z.object({
          households: z.number(),
          signals: z.number(),
          items: z.array(z.object({ householdId: z.string(), signals: z.array(z.string()) })),
        }),
        ...errorResponses,
        409: ErrorBody,
      },
    },
    handler: (req) => warnings.dismissMany(currentUser(req), req.body.householdIds, req.body.reason),
  });

  app.post('/api/warnings/confirm', {
    schema: {
      tags: ['warnings'],
      summary:
        'Confirm the warnings of up to 500 selected households: a monitoring case opened for each and its open signals marked with it; one transaction, each household audited; an error names its row',
      body: z
        .object({
          householdIds: z.array(Id).min(1).max(500),
          note: z.string().trim().min(1).max(500).optional(),
        })
        .refine((b) => new Set(b.householdIds).size === b.householdIds.length, {
          message: 'a household is listed twice',
          path: ['householdIds'],
        }),
      response: {
        200: z.object({
          households: z.number(),
          signals: z.number(),
          items: z.array(
            z.object({ householdId: z.string(), caseId: z.string(), signals: z.array(z.string()) }),
          ),
        }),
        ...errorResponses,
        409: ErrorBody,
      },
    },
    handler: (req) => warnings.confirmMany(currentUser(req), req.body.householdIds, req.body.note),
  });
}

import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Page, PageSize, RegionCode, Year } from '../../kernel/schema.js';
import type { PlanService } from './service.js';

const Filters = z.object({
  region: RegionCode.optional(),
  year: Year.optional(),
  status: z.enum(['draft', 'agreed', 'declined', 'none']).optional(),
  cause: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
  measureType: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
const Text = z.object({ zh: z.string(), en: z.string() });
const Item = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  headName: z.string().nullable(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  householdStatus: z.string(),
  causes: z.array(z.string()),
  planId: z.string().nullable(),
  planStatus: z.string(),
  agreedAt: z.string().nullable(),
  measures: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      nameZh: z.string().nullable(),
      nameEn: z.string().nullable(),
      type: z.string(),
      status: z.string(),
      deadline: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  overdue: z.number(),
  gaps: z.array(z.object({ kind: z.string(), cause: z.string().nullable(), message: Text })),
});
const tags = ['plans'];

/** The full 一户一策 list with filters, and its export. */
export function planListRoutes(app: ZodApp, plans: PlanService) {
  app.get('/api/plans', {
    schema: {
      tags,
      summary:
        "Every household's plan of a year in a region (measures, status, gaps), filtered by plan status, cause, measure type and overdue measures",
      querystring: Filters.extend({ page: Page, pageSize: PageSize(200, 20) }),
      response: {
        200: z.object({
          year: z.number(),
          region: z.string(),
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
          items: z.array(Item),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => plans.planList(currentUser(req), req.query),
  });

  app.get('/api/plans/export', {
    schema: {
      tags,
      summary: 'The filtered 一户一策 list as an XLSX workbook',
      querystring: Filters,
      response: { 200: z.unknown().describe('the XLSX file'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await plans.planListXlsx(currentUser(req), req.query);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          `attachment; filename="plans.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  });
}

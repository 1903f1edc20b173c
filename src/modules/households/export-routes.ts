import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { HouseholdExportService } from './export-service.js';
import { ListQuery } from './schema.js';

const ExportQuery = ListQuery.pick({ region: true, status: true, type: true, cause: true, q: true }).extend({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  layout: z.enum(['list', 'roster']).default('list'),
  unmask: z.enum(['true', 'false']).default('false'),
});

export function householdExportRoutes(app: ZodApp, exports: HouseholdExportService) {
  app.get('/api/households/export', {
    schema: {
      tags: ['households'],
      summary:
        'Export the filtered household list as CSV (UTF-8 with BOM) or XLSX, one row per household (`list`) or per member (`roster`, 花名册); the report states region, filters, time, user and the audit chain head hash. `unmask=true` is logged.',
      querystring: ExportQuery,
      response: { 200: z.unknown().describe('the CSV or XLSX file'), ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await exports.start(currentUser(req), {
        ...req.query,
        unmask: req.query.unmask === 'true',
      });
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.stream);
    },
  });
}

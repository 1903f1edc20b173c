import { DATA_ITEMS } from '../../domain/burden/catalogue.js';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { registerRoutes } from './register-routes.js';
import { Catalogue, Meter, RegionYearQuery, ReportParams, ReportPdfQuery, ReportTable } from './schema.js';
import type { BurdenService } from './service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The burden meter and the standard reports; the registers are in register-routes.ts. */
export function burdenRoutes(app: ZodApp, burden: BurdenService) {
  app.get('/api/burden', {
    schema: {
      tags: ['burden'],
      summary:
        'The burden meter: forms filled and fields entered by level, against reports and figures the system derived',
      querystring: RegionYearQuery,
      response: { 200: Meter, ...errorResponses },
    },
    handler: (req) => burden.meter(currentUser(req), req.query.region, req.query.year),
  });

  app.get('/api/burden/catalogue', {
    schema: {
      tags: ['burden'],
      summary:
        'Data items a higher level may request (and the report that holds each), and the standard reports',
      response: { 200: Catalogue, ...errorResponses },
    },
    handler: (req) => {
      currentUser(req);
      return { items: [...DATA_ITEMS], reports: burden.reportKinds() };
    },
  });

  app.get('/api/reports/:kind', {
    schema: {
      tags: ['burden'],
      summary:
        'A standard report generated from the registry (print view data), with the audit head hash; logged',
      params: ReportParams,
      querystring: RegionYearQuery,
      response: { 200: ReportTable, ...errorResponses },
    },
    handler: async (req) =>
      (await burden.report(currentUser(req), req.params.kind, { ...req.query, format: 'print' })).table,
  });

  app.get('/api/reports/:kind/xlsx', {
    schema: {
      tags: ['burden'],
      summary: 'A standard report as XLSX, with its provenance and the audit head hash; logged',
      params: ReportParams,
      querystring: RegionYearQuery,
    },
    handler: async (req, reply) => {
      const q = { ...req.query, format: 'xlsx' as const };
      const { file } = await burden.report(currentUser(req), req.params.kind, q);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${file!.filename}"`)
        .header('cache-control', 'no-store')
        .send(file!.body);
    },
  });

  app.get('/api/reports/:kind/pdf', {
    schema: {
      tags: ['burden'],
      summary:
        'A standard report as PDF (A4, official sign-off lines, Chinese or English paper), with the audit head hash; logged',
      params: ReportParams,
      querystring: ReportPdfQuery,
    },
    handler: async (req, reply) => {
      const q = { ...req.query, format: 'pdf' as const };
      const { file } = await burden.report(currentUser(req), req.params.kind, q);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${file!.filename}"`)
        .header('cache-control', 'no-store')
        .send(file!.body);
    },
  });

  registerRoutes(app, burden);
}

import { z } from 'zod';
import { DATA_ITEMS } from '../../domain/burden/catalogue.js';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { BurdenService } from './service.js';

const Year = z.coerce.number().int().min(2014).max(2100);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const Level = z.enum(['national', 'province', 'prefecture', 'county', 'township', 'other']);
const Id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const NonEmpty = (max: number) => z.string().trim().min(1).max(max);

const Assessment = z.object({
  held: z.array(z.object({ item: z.string(), report: z.string() })),
  notHeld: z.array(z.string()),
  discouraged: z.array(z.string()),
  unknown: z.array(z.string()),
  reports: z.array(z.string()),
  answerableFromSystem: z.boolean(),
});

const ReportTable = z.object({
  kind: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  region: z.string(),
  regionName: z.string(),
  year: z.number(),
  columns: z.array(
    z.object({ key: z.string(), zh: z.string(), en: z.string(), numeric: z.boolean().optional() }),
  ),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  totals: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  generatedAt: z.string(),
  generatedBy: z.string(),
  headHash: z.string(),
});

const LevelCounts = z.object({
  village: z.number(),
  township: z.number(),
  county: z.number(),
  national: z.number(),
  household: z.number(),
  system: z.number(),
});
const Asked = z.object({ fillings: z.number(), fields: z.number() });

const Meter = z.object({
  region: z.string(),
  year: z.number(),
  forms: z.array(
    z.object({
      id: z.string(),
      zh: z.string(),
      en: z.string(),
      fieldsPerFilling: z.number(),
      byLevel: LevelCounts,
      fillings: z.number(),
      fields: z.number(),
    }),
  ),
  asked: z.object({
    village: Asked,
    township: Asked,
    county: Asked,
    national: Asked,
    household: Asked,
    system: Asked,
  }),
  derived: z.object({
    reports: z.array(
      z.object({
        kind: z.string(),
        zh: z.string(),
        en: z.string(),
        generated: z.number(),
        cells: z.number(),
      }),
    ),
    reportCells: z.number(),
    evaluationRuns: z.number(),
    ruleDecisions: z.number(),
    figures: z.number(),
  }),
  grassrootsFields: z.number(),
  derivedPerField: z.number().nullable(),
});

const Limits = z.object({
  perYear: z.number().int().min(1).max(100),
  daysPerYear: z.number().int().min(1).max(365),
});

export function burdenRoutes(app: ZodApp, burden: BurdenService) {
  app.get('/api/burden', {
    schema: {
      tags: ['burden'],
      summary:
        'The burden meter: forms filled and fields entered by level, against reports and figures the system derived',
      querystring: z.object({ region: RegionCode.optional(), year: Year }),
      response: { 200: Meter, ...errorResponses },
    },
    handler: (req) => burden.meter(currentUser(req), req.query.region, req.query.year),
  });

  app.get('/api/burden/catalogue', {
    schema: {
      tags: ['burden'],
      summary:
        'Data items a higher level may request (and the report that holds each), and the standard reports',
      response: {
        200: z.object({
          items: z.array(
            z.object({ id: z.string(), zh: z.string(), en: z.string(), report: z.string().nullable() }),
          ),
          reports: z.array(z.object({ kind: z.string(), zh: z.string(), en: z.string() })),
        }),
        ...errorResponses,
      },
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
      params: z.object({ kind: z.enum(['statistics', 'targets', 'funds']) }),
      querystring: z.object({ region: RegionCode.optional(), year: Year }),
      response: { 200: ReportTable, ...errorResponses },
    },
    handler: async (req) =>
      (await burden.report(currentUser(req), req.params.kind, { ...req.query, format: 'print' })).table,
  });

  app.get('/api/reports/:kind/xlsx', {
    schema: {
      tags: ['burden'],
      summary: 'A standard report as XLSX, with its provenance and the audit head hash; logged',
      params: z.object({ kind: z.enum(['statistics', 'targets', 'funds']) }),
      querystring: z.object({ region: RegionCode.optional(), year: Year }),
    },
    handler: async (req, reply) => {
      const { file } = await burden.report(currentUser(req), req.params.kind, {
        ...req.query,
        format: 'xlsx',
      });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${file!.filename}"`)
        .header('cache-control', 'no-store')
        .send(file!.body);
    },
  });

  app.get('/api/burden/requests', {
    schema: {
      tags: ['burden'],
      summary: 'Data requests from higher levels, each assessed: which items the system already holds',
      querystring: z.object({ region: RegionCode.optional(), year: Year }),
      response: {
        200: z.array(
          z.object({
            id: z.string(),
            region: z.string(),
            requester: z.string(),
            requesterLevel: z.string(),
            title: z.string(),
            items: z.array(z.string()),
            receivedOn: z.string(),
            dueOn: z.string().nullable(),
            status: z.string(),
            responseNote: z.string().nullable(),
            version: z.number(),
            assessment: Assessment,
          }),
        ),
        ...errorResponses,
      },
    },
    handler: (req) => burden.requests(currentUser(req), req.query.region, req.query.year),
  });

  app.post('/api/burden/requests', {
    schema: {
      tags: ['burden'],
      summary: 'Register a data request; the answer says which items the system already holds',
      body: z.object({
        region: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/),
        requester: NonEmpty(200),
        requesterLevel: Level,
        title: NonEmpty(300),
        items: z.array(z.string()).min(1, 'name at least one data item'),
        receivedOn: IsoDate,
        dueOn: IsoDate.nullable().optional(),
      }),
      response: {
        200: z.object({ id: z.string(), version: z.number(), assessment: Assessment }),
        ...errorResponses,
      },
    },
    handler: (req) => burden.addRequest(currentUser(req), req.body),
  });

  app.post('/api/burden/requests/:id/answer', {
    schema: {
      tags: ['burden'],
      summary:
        'Record how a data request was answered (by a generated report, by villages) or that it was declined',
      params: z.object({ id: Id }),
      body: z.object({
        version: z.number().int().min(1),
        status: z.enum(['answered_by_report', 'answered_by_villages', 'declined']),
        note: z.string().max(1000),
      }),
      response: {
        200: z.object({ version: z.number(), status: z.string() }),
        409: errorResponses[400],
        ...errorResponses,
      },
    },
    handler: (req) => burden.answerRequest(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/burden/inspections', {
    schema: {
      tags: ['burden'],
      summary: 'Inspections of the region in a year, each flagged when beyond the configured frequency',
      querystring: z.object({ region: RegionCode.optional(), year: Year }),
      response: {
        200: z.object({
          limits: Limits,
          items: z.array(
            z.object({
              id: z.string(),
              region: z.string(),
              inspector: z.string(),
              inspectorLevel: z.string(),
              purpose: z.string(),
              startOn: z.string(),
              days: z.number(),
              note: z.string().nullable(),
              nth: z.number(),
              daysSoFar: z.number(),
              overCount: z.boolean(),
              overDays: z.boolean(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => burden.inspections(currentUser(req), req.query.region, req.query.year),
  });

  app.post('/api/burden/inspections', {
    schema: {
      tags: ['burden'],
      summary: 'Register an inspection of a region',
      body: z.object({
        region: z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/),
        inspector: NonEmpty(200),
        inspectorLevel: Level,
        purpose: NonEmpty(300),
        startOn: IsoDate,
        days: z.number().int().min(1).max(60),
        note: z.string().max(1000).nullable().optional(),
      }),
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => burden.addInspection(currentUser(req), req.body),
  });

  app.put('/api/burden/limits', {
    schema: {
      tags: ['burden'],
      summary: 'Set the inspection frequency limits (county officer and above; audited)',
      body: Limits.extend({ reason: NonEmpty(500) }),
      response: { 200: Limits, ...errorResponses },
    },
    handler: (req) => {
      const { reason, ...limits } = req.body;
      return burden.setLimits(currentUser(req), limits, reason);
    },
  });
}

import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id, Page, PageSize, RegionCode } from '../../kernel/schema.js';
import type { QualityService } from './service.js';

const Text = z.object({ zh: z.string(), en: z.string() });
const Check = z.object({
  id: z.string(),
  kind: z.enum(['rule', 'signal']),
  severity: z.enum(['high', 'medium', 'low']),
  title: Text,
  description: Text,
  statistic: Text,
  fix: Text,
  implementation: z.enum(['sql', 'statistic']),
  params: z.record(z.string(), z.number()),
});
const Stat = z.record(z.string(), z.unknown());
const Flagged = z.object({ group: z.string(), statistic: Stat });
const RunResult = z.object({
  runId: z.string(),
  findings: z.number(),
  checks: z.array(
    z.object({
      id: z.string(),
      findings: z.number(),
      households: z.number(),
      tested: z.number().optional(),
      flagged: z.array(Flagged).optional(),
    }),
  ),
});
const Run = z.object({
  id: z.string(),
  regionCode: z.string(),
  trigger: z.string(),
  actorName: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  findings: z.number(),
});
const Summary = z.object({
  region: z.string(),
  run: Run.nullable(),
  checks: z.array(
    z.object({ id: z.string(), findings: z.number(), households: z.number(), tested: z.number().nullable() }),
  ),
  children: z.array(
    z.object({ code: z.string(), name: z.string(), counts: z.record(z.string(), z.number()) }),
  ),
});
const Finding = z.object({
  id: z.string(),
  checkId: z.string(),
  householdId: z.string().nullable(),
  householdNo: z.string().nullable(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  subject: z.string().nullable(),
  detail: Stat,
  statistic: Stat.nullable(),
  /** The reviewer's decision on this finding (kept across runs), or null while unreviewed. */
  review: z
    .object({
      decision: z.enum(['confirmed', 'dismissed']),
      reason: z.string().nullable(),
      reviewedBy: z.string(),
      reviewedAt: z.string(),
    })
    .nullable(),
});

export function qualityRoutes(app: ZodApp, quality: QualityService) {
  app.get('/api/quality/checks', {
    schema: {
      tags: ['quality'],
      summary: 'The catalogue of data-quality checks and fabrication signals (statistic, threshold, fix)',
      response: { 200: z.object({ items: z.array(Check) }), ...errorResponses },
    },
    handler: (req) => {
      currentUser(req);
      return { items: [...quality.catalogue()] };
    },
  });

  app.get('/api/quality/summary', {
    schema: {
      tags: ['quality'],
      summary: 'Findings per check in a region and its child regions, from the latest run covering it',
      querystring: z.object({ region: RegionCode.default('') }),
      response: { 200: Summary, ...errorResponses },
    },
    handler: (req) => quality.summary(currentUser(req), req.query.region),
  });

  app.get('/api/quality/findings', {
    schema: {
      tags: ['quality'],
      summary: 'Drill-down: the findings of the latest run in a region, optionally of one check',
      querystring: z.object({
        region: RegionCode.default(''),
        check: z.string().max(64).optional(),
        page: Page,
        pageSize: PageSize(200, 50),
      }),
      response: {
        200: z.object({ total: z.number(), runId: z.string().nullable(), items: z.array(Finding) }),
        ...errorResponses,
      },
    },
    handler: (req) => quality.findings(currentUser(req), req.query),
  });

  app.post('/api/quality/findings/review', {
    schema: {
      tags: ['quality'],
      summary:
        'Review selected findings at once: confirm, or dismiss with a reason (township officer and above); one transaction, each audited; an error names its row',
      body: z.object({
        findingIds: z.array(Id).min(1).max(500),
        decision: z.enum(['confirmed', 'dismissed']),
        reason: z.string().max(500).optional(),
      }),
      response: {
        200: z.object({ reviewed: z.number(), decision: z.enum(['confirmed', 'dismissed']) }),
        ...errorResponses,
      },
    },
    handler: (req) => quality.review(currentUser(req), req.body),
  });

  app.post('/api/quality/runs', {
    schema: {
      tags: ['quality'],
      summary: 'Run every check over a region now (township officer and above; one audit event per run)',
      body: z.object({ region: RegionCode.default('') }),
      response: { 200: RunResult, ...errorResponses },
    },
    handler: (req) => quality.run(currentUser(req), req.body.region),
  });
}

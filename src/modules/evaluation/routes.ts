import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { CountyCode, Id, Page, PageSize, RegionCode, VillageCode, Version } from '../../kernel/schema.js';
import { STRATA } from '../../domain/evaluation/design.js';
import type { EvaluationService } from './service.js';

const Count = (max: number) => z.coerce.number().int().min(0).max(max);

const DrawBody = z.object({
  region: CountyCode,
  year: z.coerce.number().int().min(2014).max(2100),
  villagesPerTownship: Count(100).refine((n) => n >= 1, 'must be at least 1'),
  exitedPerVillage: Count(1000),
  otherPerVillage: Count(1000),
  seed: z.string().trim().min(1).max(64).optional(),
  note: z.string().max(500).optional(),
});

const Estimate = z.object({
  estimate: z.number().nullable(),
  se: z.number().nullable(),
  ciLow: z.number().nullable(),
  ciHigh: z.number().nullable(),
  respondents: z.number(),
  positives: z.number(),
  population: z.number(),
  deff: z.number().nullable(),
  notes: z.array(z.string()),
});
const Estimates = z.object({ wrongExit: Estimate, omission: Estimate, approval: Estimate });

const CheckBody = z.object({
  version: Version.min(1),
  checkStatus: z.enum(['checked', 'unreachable']),
  wronglyExited: z.boolean().nullable().optional(),
  eligibleUnregistered: z.boolean().nullable().optional(),
  approves: z.boolean().nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});

const SampleSummary = z.object({
  id: z.string(),
  region: z.string(),
  regionName: z.string(),
  year: z.number(),
  seed: z.string(),
  villagesPerTownship: z.number(),
  exitedPerVillage: z.number(),
  otherPerVillage: z.number(),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  households: z.number(),
  /** visited: checked or found unreachable */
  done: z.number(),
  /** checked (an answer): the households the estimates count */
  checked: z.number(),
});

export function evaluationRoutes(app: ZodApp, evaluation: EvaluationService) {
  app.post('/api/evaluation/samples', {
    schema: {
      tags: ['evaluation'],
      summary:
        'Draw a third-party evaluation sample of a county: villages by township, then exited households, every vulnerable household outside the registry, and other outside households',
      body: DrawBody,
      response: {
        200: z.object({
          id: z.string(),
          villages: z.number(),
          households: z.number(),
          byStratum: z.record(z.string(), z.number()),
          seed: z.string(),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => evaluation.draw(currentUser(req), req.body),
  });

  app.get('/api/evaluation/samples', {
    schema: {
      tags: ['evaluation'],
      summary: 'Evaluation samples of the region (default: the user scope; a township sees its county)',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: z.array(SampleSummary), ...errorResponses },
    },
    handler: (req) => evaluation.list(currentUser(req), req.query.region),
  });

  app.get('/api/evaluation/samples/:id', {
    schema: {
      tags: ['evaluation'],
      summary: 'One sample: its design and sampled villages',
      params: z.object({ id: Id }),
      response: {
        200: z.object({
          id: z.string(),
          region: z.string(),
          regionName: z.string(),
          year: z.number(),
          seed: z.string(),
          villagesPerTownship: z.number(),
          exitedPerVillage: z.number(),
          otherPerVillage: z.number(),
          note: z.string().nullable(),
          villages: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              townshipCode: z.string(),
              townshipName: z.string(),
              townshipVillages: z.number(),
              townshipSampled: z.number(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => evaluation.get(currentUser(req), req.params.id),
  });

  app.get('/api/evaluation/samples/:id/households', {
    schema: {
      tags: ['evaluation'],
      summary: 'Sampled households within the user scope, with their field checks',
      params: z.object({ id: Id }),
      querystring: z.object({
        village: VillageCode.optional(),
        stratum: z.enum(STRATA).optional(),
        status: z.enum(['pending', 'checked', 'unreachable']).optional(),
        page: Page,
        pageSize: PageSize(200, 50),
      }),
      response: {
        200: z.object({
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
          items: z.array(
            z.object({
              householdId: z.string(),
              householdNo: z.string(),
              headName: z.string(),
              householdStatus: z.string(),
              householdType: z.string(),
              villageCode: z.string(),
              villageName: z.string(),
              stratum: z.string(),
              weight: z.number(),
              checkStatus: z.string(),
              wronglyExited: z.boolean().nullable(),
              eligibleUnregistered: z.boolean().nullable(),
              approves: z.boolean().nullable(),
              note: z.string().nullable(),
              checkedAt: z.string().nullable(),
              version: z.number(),
            }),
          ),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => evaluation.households(currentUser(req), req.params.id, req.query),
  });

  app.put('/api/evaluation/samples/:id/households/:householdId', {
    schema: {
      tags: ['evaluation'],
      summary:
        'Record the field check of a sampled household (optimistic concurrency on version; 409 E_CONFLICT when stale)',
      params: z.object({ id: Id, householdId: Id }),
      body: CheckBody,
      response: {
        200: z.object({ version: z.number(), checkStatus: z.string() }),
        409: errorResponses[400],
        ...errorResponses,
      },
    },
    handler: (req) =>
      evaluation.recordCheck(currentUser(req), req.params.id, req.params.householdId, req.body),
  });

  app.get('/api/evaluation/samples/:id/estimates', {
    schema: {
      tags: ['evaluation'],
      summary:
        'Design-based 错退率, 漏评率 and approval with 95% intervals (overall and by township) and the county-exit verdict, or decision "insufficient" while fewer than 80% of the sampled households of a group of strata (exited; outside the registry) are checked or a sampled village has no checked household (`coverage`)',
      params: z.object({ id: Id }),
      response: {
        200: z.object({
          overall: Estimates,
          townships: z.array(Estimates.extend({ code: z.string(), name: z.string() })),
          verdict: z.object({
            rule: z.string(),
            /** may_exit, not_yet, vetoed — or insufficient while the checks do not cover the design */
            decision: z.string(),
            /** while insufficient: what the checks so far would say (not a verdict) */
            pending: z.string().optional(),
            reasons: z.array(
              z.object({
                criterion: z.string(),
                label_zh: z.string(),
                label_en: z.string(),
                value: z.unknown(),
                threshold: z.unknown(),
                passed: z.boolean(),
                binding: z.boolean(),
                conclusive: z.boolean().nullable(),
                ciLow: z.number().nullable(),
                ciHigh: z.number().nullable(),
              }),
            ),
          }),
          incidence: z.object({ poorPersons: z.number(), ruralPopulation: z.number() }),
          coverage: z.object({
            enough: z.boolean(),
            minShare: z.number(),
            groups: z.array(
              z.object({
                group: z.enum(['exited', 'outside']),
                sampled: z.number(),
                checked: z.number(),
                share: z.number().nullable(),
                enough: z.boolean(),
              }),
            ),
            villages: z.object({ sampled: z.number(), withCheck: z.number() }),
          }),
          progress: z.object({ total: z.number(), checked: z.number(), unreachable: z.number() }),
          feedback: z.object({
            grievances: z.number(),
            withFeedback: z.number(),
            shareSatisfied: z.number().nullable(),
            ratings: z.number(),
            meanRating: z.number().nullable(),
          }),
          thresholds: z.object({
            wrongExitRate: z.number(),
            omissionRate: z.number(),
            minApproval: z.number(),
          }),
        }),
        ...errorResponses,
      },
    },
    handler: (req) => evaluation.estimates(currentUser(req), req.params.id),
  });
}

import { z } from 'zod';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';
import { ReasonSchema } from '../rules/schema.js';

const Key = z.string().regex(/^[a-z_]{2,40}$/);

export const WorklistQuery = z.object({
  region: RegionCode.optional(),
  rule: Key.optional(),
  decision: Key.optional(),
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const WorklistResponse = z.object({
  run: z
    .object({
      id: z.string(),
      year: z.number(),
      regionPrefix: z.string(),
      asOf: z.string(),
      finishedAt: z.string().nullable(),
      households: z.number(),
      items: z.number(),
      startedBy: z.string(),
    })
    .nullable(),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  counts: z.array(z.object({ rule: z.string(), decision: z.string(), n: z.number() })),
  items: z.array(
    z.object({
      id: z.string(),
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string(),
      householdStatus: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      rule: z.string(),
      decision: z.string(),
      reasons: z.array(ReasonSchema),
      caseKind: z.string().nullable(),
      caseId: z.string().nullable(),
      caseState: z.string().nullable(),
    }),
  ),
});

export const RunBody = z.object({
  year: z.number().int().min(2000).max(2100),
  region: RegionCode.default(''),
});

export const RunResponse = z.object({
  runId: z.string(),
  year: z.number(),
  region: z.string(),
  asOf: z.string(),
  households: z.number(),
  evaluated: z.number(),
  withoutIncomeRow: z.number(),
  items: z.number(),
  decisions: z.record(z.string(), z.record(z.string(), z.number())),
  worklist: z.record(z.string(), z.record(z.string(), z.number())),
  standardBelowLine: z.array(z.string()),
  /** Decisions not taken, by the missing fact that blocked them (a decision lacking two facts counts for each). */
  blockedBy: z.record(z.string(), z.number()),
  toVerify: z.number(),
  ruleMs: z.number(),
  totalMs: z.number(),
});

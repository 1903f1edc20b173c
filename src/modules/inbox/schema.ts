import { z } from 'zod';
import { INBOX_KINDS } from '../../domain/inbox/items.js';
import { NEXT_KINDS } from '../../domain/inbox/next-steps.js';
import { Id } from '../../kernel/schema.js';

const Counts = z.object(
  Object.fromEntries(INBOX_KINDS.map((k) => [k, z.number()])) as Record<
    (typeof INBOX_KINDS)[number],
    z.ZodNumber
  >,
);

export const InboxItemSchema = z.object({
  kind: z.enum(INBOX_KINDS),
  id: z.string(),
  householdId: z.string().nullable(),
  householdNo: z.string().nullable(),
  headName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  due: z.string().nullable(),
  detail: z.record(z.string(), z.string()),
  title_zh: z.string(),
  title_en: z.string(),
  workingDaysLeft: z.number().nullable(),
  overdue: z.boolean(),
  urgent: z.boolean(),
  link: z.string(),
});

export const InboxCountsResponse = z.object({
  today: z.string(),
  total: z.number(),
  urgent: z.number(),
  overdue: z.number(),
  counts: Counts,
});

export const InboxResponse = InboxCountsResponse.extend({ items: z.array(InboxItemSchema) });

export const NextStepSchema = z.object({
  kind: z.enum(NEXT_KINDS),
  title_zh: z.string(),
  title_en: z.string(),
  due: z.string().nullable(),
  link: z.string(),
});

export const NextQuery = z.object({
  households: z
    .string()
    .regex(/^\d{1,18}(,\d{1,18}){0,199}$/, 'a comma-separated list of at most 200 household ids'),
});

export const NextResponse = z.object({ households: z.record(z.string(), z.array(NextStepSchema)) });

export const HouseholdParams = z.object({ id: Id });
export const HouseholdNextResponse = z.object({ steps: z.array(NextStepSchema) });

export const RunRulesResponse = z.object({
  runId: z.string().nullable(),
  region: z.string(),
  year: z.number(),
});

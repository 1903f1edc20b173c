import { z } from 'zod';
import { GRIEVANCE_KINDS, GRIEVANCE_STATES } from '../../domain/grievances/lifecycle.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';

export const Kind = z.enum(GRIEVANCE_KINDS);
export const State = z.enum(GRIEVANCE_STATES);
const Iso = z.string();
const Ref = z.object({ code: z.string(), name: z.string() });
const Overdue = z.enum(['ack_overdue', 'resolve_overdue']).nullable();
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

/** A year of satisfaction figures. */
export const SatisfactionYear = z.coerce.number().int().min(2014).max(2100);

export const Description = z.string().trim().min(5, 'say what happened (at least 5 characters)').max(2000);

export const RegionChoices = z.array(z.object({ code: z.string(), name: z.string(), level: z.number() }));

export const Deadlines = z.array(
  z.object({ kind: z.string(), ack_days: z.number(), resolve_days: z.number() }),
);

export const PublicFileBody = z.object({
  kind: Kind,
  regionCode: z
    .string()
    .regex(/^(\d{9}|\d{12})$/, 'must be a township (9 digits) or village (12 digits) code'),
  description: Description,
  anonymous: z.boolean().default(false),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[\d+\- ]{7,20}$/, 'must be a phone number')
    .optional(),
});

export const FeedbackBody = z.object({
  satisfied: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
  reopen: z.boolean().optional(),
});

export const ComplainantView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  kind: z.string(),
  state: State,
  region: Ref,
  description: z.string(),
  filedAt: Iso,
  ackDueAt: Iso,
  resolveDueAt: Iso,
  acknowledgedAt: Iso.nullable(),
  resolvedAt: Iso.nullable(),
  outcome: z.string().nullable(),
  feedback: z.enum(['satisfied', 'not_satisfied']).nullable(),
  escalated: z.boolean(),
  overdue: Overdue,
  canGiveFeedback: z.boolean(),
  canReopen: z.boolean(),
  events: z.array(z.object({ action: z.string(), at: Iso })),
});

export const Filed = z.object({ trackingCode: z.string(), ackDueAt: Iso, resolveDueAt: Iso });

export const ListQuery = z.object({
  region: RegionCode.optional(),
  state: State.optional(),
  overdue: bool.optional(),
  escalated: bool.optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const ListResponse = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      channel: z.string(),
      kind: z.string(),
      state: z.string(),
      region: Ref,
      township: Ref,
      householdNo: z.string().nullable(),
      summary: z.string(),
      filedAt: Iso,
      ackDueAt: Iso,
      resolveDueAt: Iso,
      escalated: z.boolean(),
      feedback: z.string().nullable(),
      overdue: Overdue,
    }),
  ),
});

export const OfficerView = z.object({
  id: z.string(),
  trackingCode: z.string(),
  channel: z.enum(['portal', 'public']),
  kind: z.string(),
  state: State,
  region: Ref,
  township: Ref,
  household: z.object({ id: z.string(), householdNo: z.string() }).nullable(),
  description: z.string(),
  anonymous: z.boolean(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  filedAt: Iso,
  ackDueAt: Iso,
  resolveDueAt: Iso,
  acknowledgedAt: Iso.nullable(),
  resolvedAt: Iso.nullable(),
  outcome: z.string().nullable(),
  feedback: z.string().nullable(),
  feedbackComment: z.string().nullable(),
  reopenCount: z.number(),
  escalatedAt: Iso.nullable(),
  escalationReason: z.string().nullable(),
  overdue: Overdue,
  canAct: z.boolean(),
  events: z.array(z.object({ action: z.string(), at: Iso, actor: z.string(), note: z.string().nullable() })),
});

const SatisfactionLine = z.object({
  code: z.string(),
  name: z.string(),
  grievances: z.number(),
  resolved: z.number(),
  withFeedback: z.number(),
  satisfied: z.number(),
  shareSatisfied: z.number().nullable(),
  ratings: z.number(),
  meanRating: z.number().nullable(),
});

export const Satisfaction = z.object({
  region: z.string(),
  year: z.number(),
  total: SatisfactionLine,
  byRegion: z.array(SatisfactionLine),
});

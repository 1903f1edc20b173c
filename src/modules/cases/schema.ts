import { z } from 'zod';
import { Id, Page, PageSize, RegionCode, IsoDate } from '../../kernel/schema.js';

const Name = z.string().trim().max(40);
const count = z.number().int().min(0).max(100_000);

export const CaseKind = z.enum(['identification', 'exit', 'monitoring', 'dibao', 'tekun']);

/** What the person firing a step records (src/domain/cases/types.ts `FirePayload`) and the county's decision. */
export const CasePayload = z.object({
  vote: z.object({ total: count, present: count, for: count, against: count }).optional(),
  notice: z
    .object({
      start: IsoDate,
      end: IsoDate,
      objections: z
        .array(
          z.object({
            text: z.string().trim().min(1).max(1000),
            resolved: z.boolean(),
            resolution: z.string().trim().max(1000).optional(),
          }),
        )
        .max(50)
        .default([]),
    })
    .optional(),
  signatures: z
    .array(z.object({ who: z.enum(['household', 'collector', 'reviewer']), name: Name }))
    .max(10)
    .optional(),
  dataConsent: z.object({ by: Name, signedOn: IsoDate }).optional(),
  note: z.string().trim().max(4000).optional(),
  staff: z.array(Name).max(20).optional(),
  homeVisit: z.object({ date: IsoDate, visitors: z.array(Name).max(20) }).optional(),
  lateReason: z.string().trim().max(2000).optional(),
  decision: z
    .object({
      category: z.enum(['unstable', 'marginal', 'sudden']).optional(),
      risks: z.array(z.string().max(40)).max(5).optional(),
      /** dibao approval: the category (absent: by the rule) and the member covered alone (单人户). */
      dibaoCategory: z.enum(['A', 'B', 'C', 'full', 'partial']).optional(),
      singleMemberId: Id.optional(),
      /** 特困 approval: support mode and care level. */
      supportMode: z.enum(['centralised', 'dispersed']).optional(),
      careLevel: z.enum(['self_care', 'partly_dependent', 'fully_dependent']).optional(),
    })
    .optional(),
});

export const OpenBody = z.object({
  kind: CaseKind,
  householdId: Id,
  payload: CasePayload.default({}),
  /** Open although the rules find the household ineligible or cannot decide (else 409 with the reasons). */
  confirmIneligible: z.boolean().optional(),
  data: z
    .object({
      staffRelative: z.boolean().optional(),
      channel: z.enum(['self_report', 'cadre_screening', 'department_warning', 'worklist']).optional(),
      worklistItemId: Id.optional(),
    })
    .default({}),
});

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ListQuery = z.object({
  region: RegionCode.optional(),
  kind: CaseKind.optional(),
  state: z
    .string()
    .regex(/^[a-z_]{2,30}$/)
    .optional(),
  overdue: bool.optional(),
  open: bool.optional(),
  householdId: Id.optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const CaseParams = z.object({ id: Id });
export const ActionParams = z.object({ id: Id, action: z.string().regex(/^[a-z_]{2,40}$/) });

const ListItem = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  closed: z.boolean(),
  householdId: z.string(),
  householdNo: z.string(),
  headName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  openedAt: z.string(),
  updatedAt: z.string(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().nullable(),
  overdue: z.boolean(),
  outcomeReason: z.string().nullable(),
});

export const ListResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(ListItem),
});

export const CaseDetail = ListItem.extend({
  household: z.object({
    id: z.string(),
    householdNo: z.string(),
    headName: z.string(),
    status: z.string(),
    householdType: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
  }),
  closedAt: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  states: z.array(z.string()),
  finalStates: z.array(z.string()),
  initial: z.string(),
  deadline: z.object({ due: z.string(), daysLeft: z.number(), overdue: z.boolean() }).nullable(),
  timeline: z.array(
    z.object({
      seq: z.number(),
      at: z.string(),
      action: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      actor: z.object({ name: z.string(), role: z.string(), scopeLevel: z.string() }),
      payload: z.record(z.string(), z.unknown()),
      returned: z.unknown(),
      late: z.unknown(),
    }),
  ),
  actions: z.array(
    z.object({
      action: z.string(),
      to: z.string(),
      roles: z.array(z.string()),
      level: z.string(),
      requires: z.array(z.record(z.string(), z.unknown())),
      extra: z.array(z.string()),
      allowed: z.boolean(),
    }),
  ),
  noticeDefaults: z.object({ start: z.string(), end: z.string(), minDays: z.number() }).nullable(),
  hasNotice: z.boolean(),
});

const Text = z.object({ zh: z.string(), en: z.string() });

export const NoticeResponse = z.object({
  caseId: z.string(),
  kind: z.string(),
  stage: z.string(),
  title: Text,
  decision: Text,
  place: z.object({ villageCode: z.string(), village: z.string(), township: z.string(), county: z.string() }),
  households: z.array(
    z.object({
      householdNo: z.string(),
      headName: z.string(),
      size: z.number(),
      memberNames: z.array(z.string()),
    }),
  ),
  period: z.object({ start: z.string(), end: z.string(), days: z.number(), minDays: z.number() }),
  objection: Text,
  issuer: Text,
  current: z.boolean(),
});

import { z } from 'zod';
import { CHANNELS, DISASTER_KINDS, REPORT_KINDS } from '../../domain/warnings/kinds.js';
import { Id, Page, PageSize, RegionCode, VillageCode, IsoDate } from '../../kernel/schema.js';
import { ReasonSchema } from '../rules/schema.js';

export const HouseholdParams = z.object({ id: Id });

export const WorklistQuery = z.object({
  region: RegionCode.optional(),
  channel: z.enum(CHANNELS).optional(),
  minScore: z.coerce.number().min(0).max(100).optional(),
  status: z.enum(['open', 'case_opened', 'dismissed']).default('open'),
  page: Page,
  pageSize: PageSize(200, 20),
});

const Contribution = ReasonSchema.extend({
  points: z.number(),
  signalId: z.string().nullable(),
  channel: z.string().nullable(),
});

export const WorklistResponse = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  channelCounts: z.record(z.string(), z.number()),
  items: z.array(
    z.object({
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      householdStatus: z.string(),
      score: z.number(),
      topReasons: z.array(Contribution),
      channels: z.array(z.string()),
      kinds: z.array(z.string()),
      signals: z.number(),
      latestObservedOn: z.string(),
      status: z.string(),
      caseId: z.string().nullable(),
    }),
  ),
});

export const Signal = z.object({
  id: z.string(),
  channel: z.string(),
  kind: z.string(),
  observedOn: z.string(),
  detail: z.record(z.string(), z.unknown()),
  source: z.string().nullable(),
  status: z.string(),
  resolvedReason: z.string().nullable(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
});

export const HouseholdWarnings = z.object({
  householdId: z.string(),
  score: z.number(),
  contributions: z.array(Contribution),
  vulnerability: z.object({
    noLabour: z.boolean(),
    /** null: withheld from a role that may not see a member's health (visibility.ts). */
    seriousIllness: z.boolean().nullable(),
    /** null: withheld from a role that may not see a member's health and disability. */
    disability: z.boolean().nullable(),
    elderlyAlone: z.boolean(),
  }),
  signals: z.array(Signal),
});

export const ScreeningBody = z.object({
  householdId: Id,
  kind: z.enum(REPORT_KINDS),
  observedOn: IsoDate.optional(),
  estimatedLoss: z.number().min(0).max(10_000_000).optional(),
  note: z.string().trim().max(2000).optional(),
});

export const SelfReportBody = z.object({
  householdId: Id,
  kind: z.enum(REPORT_KINDS),
  description: z.string().trim().min(1).max(2000),
  observedOn: IsoDate,
  clientKey: z
    .uuid()
    .optional()
    .describe('made on the device (offline outbox): the same key again answers the report already stored'),
});

export const Created = z.object({ id: z.string() });

export const OpenCaseBody = z.object({ note: z.string().trim().max(4000).optional() });
export const OpenCaseResponse = z.object({ caseId: z.string(), signals: z.array(z.string()) });

export const DismissBody = z.object({
  reason: z.string().trim().min(2, 'a reason is required').max(2000),
  signalIds: z.array(Id).min(1, 'name at least one signal, or leave the list out').max(500).optional(),
});
export const DismissResponse = z.object({ signals: z.array(z.string()) });

export const DeriveBody = z.object({ region: RegionCode.optional() });
export const DeriveResponse = z.object({
  region: z.string(),
  created: z.object({
    medicalBill: z.number(),
    flags: z.number(),
    disasterArea: z.number(),
    income: z.number(),
  }),
  evaluationRunId: z.string().nullable(),
  ms: z.number(),
});

export const DisasterAreaBody = z.object({
  villageCodes: z.array(VillageCode).min(1).max(500),
  kind: z.enum(DISASTER_KINDS),
  startedOn: IsoDate,
  endedOn: IsoDate.optional(),
  severity: z.enum(['minor', 'moderate', 'severe']).default('moderate'),
  source: z.string().trim().max(200).optional(),
  note: z.string().trim().max(2000).optional(),
});
export const DisasterAreaQuery = z.object({ region: RegionCode.optional() });
export const DisasterAreaList = z.array(
  z.object({
    id: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    kind: z.string(),
    startedOn: z.string(),
    endedOn: z.string().nullable(),
    severity: z.string(),
    source: z.string().nullable(),
    note: z.string().nullable(),
  }),
);

import { z } from 'zod';
import {
  ASSET_STATUSES,
  FUND_SOURCES,
  LINKAGE_TYPES,
  OPERATING_STATUSES,
  PROJECT_TYPES,
} from '../../domain/projects/kinds.js';
import { Id, IsoDate, RegionCode, Year, Amount } from '../../kernel/schema.js';

export const IdParam = z.object({ id: Id });
export const Ok = z.object({ ok: z.literal(true) });
export const Created = z.object({ id: z.string() });

export const ProjectListQuery = z.object({
  region: RegionCode.optional(),
  filter: z.enum(['idle', 'bonsai']).optional(),
});
export const ProjectItem = z.object({
  id: z.string(),
  name: z.string(),
  projectType: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  startYear: z.number(),
  completedOn: z.string().nullable(),
  operator: z.string().nullable(),
  linkages: z.array(z.string()),
  allocated: z.number(),
  disbursed: z.number(),
  beneficiaries: z.number(),
  benefitLastYear: z.number(),
  latestStatus: z.string().nullable(),
  latestCheckedOn: z.string().nullable(),
  costPerBeneficiary: z.number().nullable(),
  peerMedian: z.number().nullable(),
  costRatio: z.number().nullable(),
  bonsai: z.boolean(),
  idle: z.array(z.string()),
});
export const ProjectList = z.object({
  items: z.array(ProjectItem),
  counts: z.object({ all: z.number(), idle: z.number(), bonsai: z.number() }),
  funds: z.object({ allocated: z.number(), disbursed: z.number() }),
  concentration: z.object({
    hhi: z.number(),
    villages: z.number(),
    top: z.array(
      z.object({ villageCode: z.string(), villageName: z.string(), funds: z.number(), share: z.number() }),
    ),
  }),
});
export const ProjectDetail = ProjectItem.extend({
  linkageNote: z.string(),
  version: z.number(),
  indicators: z.array(
    z.object({ id: z.string(), name: z.string(), targetValue: z.number(), unit: z.string() }),
  ),
  funds: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      year: z.number(),
      allocated: z.number(),
      disbursed: z.number(),
    }),
  ),
  beneficiaryList: z.array(
    z.object({
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string(),
      status: z.string(),
      linkageType: z.string(),
      benefits: z.record(z.string(), z.number()),
    }),
  ),
  followups: z.array(
    z.object({
      id: z.string(),
      checkedOn: z.string(),
      operatingStatus: z.string(),
      assetStatus: z.string(),
      incomePersists: z.boolean(),
      revivalPlan: z.string().nullable(),
      note: z.string().nullable(),
      recordedBy: z.string(),
    }),
  ),
});
/** Indicators and linkages default to empty so that the service names what is missing (E_REQUIREMENT). */
export const NewProjectBody = z.object({
  name: z.string().trim().min(1).max(200),
  projectType: z.enum(PROJECT_TYPES),
  villageCode: RegionCode.min(12),
  startYear: Year,
  operator: z.string().max(200).nullable().optional(),
  indicators: z
    .array(
      z.object({
        name: z.string().max(200).default(''),
        targetValue: Amount().nullable().default(null),
        unit: z.string().max(40).default(''),
      }),
    )
    .max(50)
    .default([]),
  linkages: z.array(z.enum(LINKAGE_TYPES)).max(5).default([]),
  linkageNote: z.string().max(2000).default(''),
});
export const FundBody = z.object({
  source: z.enum(FUND_SOURCES),
  year: Year,
  allocated: Amount(),
  disbursed: Amount().default(0),
});
export const BeneficiaryBody = z.object({ householdId: Id, linkageType: z.enum(LINKAGE_TYPES) });
export const BenefitBody = z.object({ householdId: Id, year: Year, amount: Amount(12, 2) });
export const CompleteBody = z.object({ completedOn: IsoDate });
export const FollowUpBody = z.object({
  checkedOn: IsoDate,
  operatingStatus: z.enum(OPERATING_STATUSES),
  assetStatus: z.enum(ASSET_STATUSES),
  incomePersists: z.boolean(),
  revivalPlan: z.string().max(2000).optional(),
  newOperator: z.string().max(200).optional(),
  note: z.string().max(2000).optional(),
});

/** The dashboard's delivery figures (pairs, targets and projects together). */
export const SummaryQuery = z.object({ region: RegionCode.optional(), year: Year.optional() });
export const AssistanceSummary = z.object({
  year: z.number(),
  targets: z.array(
    z.object({
      indicator: z.string(),
      target: z.number().nullable(),
      actual: z.number().nullable(),
      pct: z.number().nullable(),
    }),
  ),
  funds: z.object({ allocated: z.number(), disbursed: z.number(), pct: z.number().nullable() }),
  projects: z.object({ all: z.number(), idle: z.number(), bonsai: z.number() }),
});

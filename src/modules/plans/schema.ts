import { z } from 'zod';
import { codesOf } from '../../domain/code-lists.js';
import {
  AGREEMENT_METHODS,
  BATCHES,
  CONDITIONS,
  LABOUR_RULES,
  MEASURE_STATUSES,
  PLAN_STATUSES,
} from '../../domain/plans/catalogue.js';
import { MEASURE_TYPES } from '../../domain/rules/facts.js';
import { IsoDate, Page, PageSize, RegionCode, Year as RegistryYear, Version } from '../../kernel/schema.js';

/** A plan year: plans began with the targeted poverty alleviation of 2013. */
export const Year = RegistryYear.min(2013);
const Text = (max: number) => z.string().max(max);
const Cause = z.enum(codesOf('poverty_cause') as [string, ...string[]]);
const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const CatalogueEntry = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  batch: z.enum(BATCHES),
  measureType: z.string(),
  causes: z.array(z.string()).readonly(),
  conditions: z.array(z.string()).readonly(),
  labour: z.enum(LABOUR_RULES),
  fundingSource: z.string().nullable(),
  defaultAmount: z.number().nullable(),
  responsibleUnit: z.string().nullable(),
  months: z.number(),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
});

const CatalogueFields = {
  nameZh: Text(60).min(1),
  nameEn: Text(120).min(1),
  batch: z.enum(BATCHES),
  measureType: z.enum(MEASURE_TYPES),
  causes: z.array(Cause).max(20),
  conditions: z.array(z.enum(CONDITIONS)).max(4),
  labour: z.enum(LABOUR_RULES),
  fundingSource: Text(100).nullable(),
  defaultAmount: z.number().min(0).max(10_000_000).nullable(),
  responsibleUnit: Text(100).nullable(),
  months: z.number().int().min(1).max(60),
  sort: z.number().int().min(0).max(100_000),
  active: z.boolean(),
};

export const CatalogueCreate = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _ (2–40)'),
  ...CatalogueFields,
  conditions: CatalogueFields.conditions.default([]),
  labour: CatalogueFields.labour.default('any'),
  fundingSource: CatalogueFields.fundingSource.default(null),
  defaultAmount: CatalogueFields.defaultAmount.default(null),
  responsibleUnit: CatalogueFields.responsibleUnit.default(null),
  months: CatalogueFields.months.default(12),
  sort: CatalogueFields.sort.default(1000),
  active: CatalogueFields.active.default(true),
  reason: Text(500).optional(),
});

export const CatalogueUpdate = z
  .object(CatalogueFields)
  .partial()
  .extend({ version: Version, reason: Text(500).optional() });

export const FitProblem = z.object({
  kind: z.enum(['cause_unanswered', 'no_development', 'no_social_security', 'no_measures']),
  cause: z.string().optional(),
  message: Bilingual,
});

export const Measure = z.object({
  id: z.string(),
  catalogueCode: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  measureType: z.string(),
  batch: z.string(),
  fundingSource: z.string().nullable(),
  amount: z.number().nullable(),
  responsibleUnit: z.string().nullable(),
  startDate: z.string().nullable(),
  deadline: z.string().nullable(),
  status: z.enum(MEASURE_STATUSES),
  outcome: z.string().nullable(),
  version: z.number(),
  overdue: z.boolean(),
});

export const Plan = z.object({
  id: z.string(),
  householdId: z.string(),
  year: z.number(),
  status: z.enum(PLAN_STATUSES),
  agreedBy: z.string().nullable(),
  agreedAt: z.string().nullable(),
  agreementMethod: z.enum(AGREEMENT_METHODS).nullable(),
  declineReason: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  measures: z.array(Measure),
  fit: z.object({
    fits: z.boolean(),
    problems: z.array(FitProblem),
    answered: z.array(z.object({ cause: z.string(), main: z.boolean(), by: z.array(z.string()) })),
  }),
});

export const PlanView = z.object({
  year: z.number(),
  years: z.array(z.number()),
  canEdit: z.boolean(),
  household: z.object({
    id: z.string(),
    householdNo: z.string(),
    headName: z.string().nullable(),
    villageCode: z.string(),
    status: z.string(),
    mainCause: z.string().nullable(),
    otherCauses: z.array(z.string()),
    ableToWork: z.number(),
    planned: z.boolean(),
    presentMembers: z.array(z.string()),
  }),
  plan: Plan.nullable(),
});

export const GenerateBody = z.object({ year: Year, reason: Text(500).optional() });

const MeasureFields = {
  fundingSource: Text(100).nullable().optional(),
  amount: z.number().min(0).max(10_000_000).nullable().optional(),
  responsibleUnit: Text(100).nullable().optional(),
  startDate: IsoDate.nullable().optional(),
  deadline: IsoDate.nullable().optional(),
  outcome: Text(1000).nullable().optional(),
};

export const AddMeasureBody = z.object({
  version: Version,
  catalogueCode: z.string().min(1),
  ...MeasureFields,
  startDate: IsoDate.optional(),
  deadline: IsoDate.optional(),
  reason: Text(500).optional(),
});

export const UpdateMeasureBody = z.object({
  version: Version,
  status: z.enum(MEASURE_STATUSES).optional(),
  ...MeasureFields,
  reason: Text(500).optional(),
});

export const AgreementBody = z.object({
  version: Version,
  agreed: z.boolean(),
  by: Text(50).min(1),
  method: z.enum(AGREEMENT_METHODS).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  declineReason: Text(500).optional(),
});

export const GapQuery = z.object({
  region: RegionCode.default(''),
  year: Year.optional(),
  problem: z.enum(['cause_unanswered', 'no_development', 'no_social_security', 'no_measures']).optional(),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const GapPage = z.object({
  year: z.number(),
  region: z.string(),
  plans: z.number(),
  fitting: z.number(),
  withoutPlan: z.number(),
  byProblem: z.record(z.string(), z.number()),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(
    z.object({
      planId: z.string(),
      householdId: z.string(),
      householdNo: z.string(),
      headName: z.string().nullable(),
      villageCode: z.string(),
      villageName: z.string().nullable(),
      householdStatus: z.string(),
      mainCause: z.string().nullable(),
      planStatus: z.string(),
      problems: z.array(FitProblem),
    }),
  ),
});

export const Summary = z.object({
  year: z.number(),
  region: z.string(),
  plans: z.number(),
  fitting: z.number(),
  notFitting: z.number(),
  withoutPlan: z.number(),
  draft: z.number(),
  agreed: z.number(),
  declined: z.number(),
  measures: z.object({
    planned: z.number(),
    in_progress: z.number(),
    completed: z.number(),
    cancelled: z.number(),
  }),
  overdue: z.number(),
  amount: z.number(),
});

const Card = z.object({
  householdId: z.string(),
  householdNo: z.string(),
  headName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.string(),
  householdType: z.string(),
  monitoringCategory: z.string().nullable(),
  mainCause: z.string().nullable(),
  otherCauses: z.array(z.string()),
  size: z.number(),
  members: z.array(
    z.object({
      name: z.string(),
      relation: z.string(),
      sex: z.string(),
      age: z.number().nullable(),
      idNumber: z.string().nullable(),
      education: z.string().nullable(),
      studentStatus: z.string().nullable(),
      labourCapacity: z.string().nullable(),
    }),
  ),
  plan: z
    .object({
      year: z.number(),
      status: z.string(),
      agreedBy: z.string().nullable(),
      agreedAt: z.string().nullable(),
      agreementMethod: z.string().nullable(),
      declineReason: z.string().nullable(),
      fits: z.boolean(),
    })
    .nullable(),
  measures: z.array(
    z.object({
      nameZh: z.string(),
      nameEn: z.string(),
      batch: z.string(),
      amount: z.number().nullable(),
      responsibleUnit: z.string().nullable(),
      startDate: z.string().nullable(),
      deadline: z.string().nullable(),
      status: z.string(),
    }),
  ),
  cadres: z.array(z.object({ name: z.string(), workUnit: z.string(), phone: z.string().nullable() })),
  policies: z.array(z.object({ code: z.string(), zh: z.string(), en: z.string(), who: z.array(z.string()) })),
});

export const Cards = z.object({
  year: z.number(),
  village: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  generatedAt: z.string(),
  generatedBy: z.string(),
  headHash: z.string(),
  cards: z.array(Card),
});

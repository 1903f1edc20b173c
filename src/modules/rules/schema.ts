import { z } from 'zod';
import { CODE_LISTS } from '../../domain/code-lists.js';
import {
  HEALTH_CODES,
  HOUSE_GRADES,
  HOUSEHOLD_RULE_NAMES,
  LABOUR_CAPACITIES,
  MEASURE_TYPES,
  STUDENT_STATUSES,
} from '../../domain/rules/index.js';
import { IsoDate, RegionCode, MoneyValue } from '../../kernel/schema.js';

/** `HouseholdFacts` (src/domain/rules/facts.ts) as a request body. */
const money = MoneyValue;
const codes = <L extends keyof typeof CODE_LISTS>(list: L) =>
  z.enum(CODE_LISTS[list].map((c) => c.code) as [string, ...string[]]);

const Member = z.object({
  id: z.string().min(1).max(40),
  age: z.number().int().min(0).max(130),
  sex: z.enum(['1', '2']),
  relation: z.string().max(40),
  studentStatus: z.enum(STUDENT_STATUSES).nullable(),
  health: z.enum(HEALTH_CODES),
  disabilityGrade: z.number().int().min(1).max(4).nullable(),
  labourCapacity: z.enum(LABOUR_CAPACITIES),
  insurance: z.object({
    basicMedical: z.boolean(),
    criticalIllness: z.boolean(),
    medicalAssistance: z.boolean(),
  }),
  dibao: z.boolean(),
  tekun: z.boolean(),
  status: z.enum(['present', 'deceased', 'moved_out']),
  earnings12m: money,
  employmentCost12m: money,
});

const RED_LINES = [
  'car',
  'commercial_housing',
  'company',
  'public_employee',
  'village_cadre',
  'split_household',
  'absent_over_year',
] as const;

export const HouseholdFactsBody = z.object({
  asOf: IsoDate,
  status: codes('household_status'),
  householdType: codes('household_type'),
  registeredPoorYear: z.number().int().min(1980).max(2100).nullable(),
  members: z.array(Member).min(1).max(40),
  income: z.object({
    year: z.number().int().min(2000).max(2100),
    size: z.number().int().min(1).max(40),
    wages: money,
    business: money,
    productionCost: money,
    property: money,
    transfers: money,
    eligibleMedicalCost: money,
  }),
  previousPerCapita: z
    .array(z.object({ year: z.number().int().min(1900).max(2100), perCapita: money }))
    .max(30),
  // null: not recorded — a rule that needs it answers `verify` with the missing fact
  last12Months: z
    .object({
      size: z.number().int().min(1).max(40),
      netIncome: money,
      eligibleMedicalCost: money,
      previousNetIncome: money.nullable(),
      rigidSpending: money.nullable(),
      assistanceReceived: money,
    })
    .nullable(),
  housing: z.object({
    grade: z.enum(HOUSE_GRADES).nullable(),
    relocated: z.boolean(),
    rebuilt: z.boolean().nullable(),
  }),
  safeWater: z.boolean(),
  foodClothingSecure: z.boolean().nullable(),
  redLineHits: z
    .array(
      z.object({
        key: z.enum(RED_LINES),
        source: z.string().max(100),
        memberId: z.string().nullable(),
        writtenException: z.string().max(200).nullable(),
      }),
    )
    .max(50)
    .nullable(),
  monitoring: z.object({
    since: IsoDate.nullable(),
    measuresApplied: z.number().int().min(0),
    monthsAboveLine: z.number().int().min(0).nullable(),
    rigidSpendingResolved: z.boolean().nullable(),
    newRisk: z.boolean().nullable(),
  }),
  measures: z.array(z.enum(MEASURE_TYPES)).max(20),
  shockEvidence: z.array(z.string().max(500)).max(20),
  dibao: z.object({
    obligedSupport12m: money.nullable(),
    deductible12m: z.object({ medical: money, disability: money, schooling: money }),
    assetsWithinLimits: z.boolean().nullable(),
    spendingWithinLimits: z.boolean().nullable(),
  }),
  legalSupporters: z
    .array(z.object({ relation: z.string().max(40), able: z.boolean() }))
    .max(20)
    .nullable(),
});

export const ReasonSchema = z.object({
  criterion: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  value: z.unknown(),
  threshold: z.unknown(),
  passed: z.boolean(),
  binding: z.boolean(),
  /** A binding reason that cannot be tested: the facts it lacks. */
  missing: z.array(z.string()).optional(),
});

/** A fact the rule needs and the registry does not hold, and who can supply it. */
export const MissingFactSchema = z.object({
  fact: z.string(),
  supplier: z.enum(['village_cadre', 'township', 'department']),
  label_zh: z.string(),
  label_en: z.string(),
});

export const RuleResultSchema = z.object({
  rule: z.string(),
  decision: z.unknown(),
  reasons: z.array(ReasonSchema),
  /** Non-empty exactly when the rule cannot decide (`verify`). */
  missing: z.array(MissingFactSchema).optional(),
});

const FactUseSchema = z.object({
  kind: z.string(),
  label_zh: z.string(),
  label_en: z.string(),
  observedOn: z.string().nullable(),
  source: z.string(),
  source_zh: z.string(),
  sourceRef: z.string().nullable(),
});

const PlanMeasureSchema = z.object({
  id: z.string(),
  catalogueCode: z.string(),
  type: z.string(),
  status: z.string(),
  startDate: z.string().nullable(),
  deadline: z.string().nullable(),
});

/** A result on the household page: the facts used (date, source) and the plan measures counted. */
export const ExplainedResultSchema = RuleResultSchema.extend({
  missing: z.array(MissingFactSchema),
  facts: z.array(FactUseSchema),
  measures: z
    .object({ basis: z.enum(['plan', 'inferred']).nullable(), counted: z.array(PlanMeasureSchema) })
    .nullable(),
});

export const RuleParams = z.object({ rule: z.enum(HOUSEHOLD_RULE_NAMES as [string, ...string[]]) });

export const EvaluateQuery = z.object({
  region: RegionCode.optional(),
  date: IsoDate.optional(),
});

export const HouseholdEvaluation = z.object({
  householdId: z.string(),
  year: z.number().nullable(),
  asOf: z.string().nullable(),
  params: z
    .object({
      year: z.number(),
      povertyLine: z.number(),
      monitoringLine: z.number(),
      ruralDibaoStandardMonthly: z.number(),
    })
    .nullable(),
  results: z.array(ExplainedResultSchema),
});

import { z } from 'zod';
import { codesOf } from '../../domain/code-lists.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';

const codeOf = (list: Parameters<typeof codesOf>[0]) => z.enum(codesOf(list) as [string, ...string[]]);
const n = z.number().nullable();
const s = z.string().nullable();

export const ListQuery = z.object({
  region: RegionCode.default(''),
  status: codeOf('household_status').optional(),
  type: codeOf('household_type').optional(),
  cause: codeOf('poverty_cause').optional(),
  q: z.string().trim().min(1).max(40).optional(),
  sort: z.enum(['household_no', 'head_name', 'size', 'per_capita_income', 'status']).default('household_no'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: Page,
  pageSize: PageSize(200, 20),
});

export const ListItem = z.object({
  id: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string(),
  headName: z.string(),
  headIdNumber: z.string(),
  size: z.number(),
  status: z.string(),
  householdType: z.string(),
  mainCause: s,
  perCapitaIncome: n,
  incomeYear: n,
});

export const ListResponse = z.object({
  total: z.number(),
  /** A broad search counts up to `total` (1000) matches: there are more ("1000+"). */
  totalCapped: z.boolean(),
  page: z.number(),
  pageSize: z.number(),
  items: z.array(ListItem),
});

const HouseholdDetail = z.object({
  id: z.string(),
  householdNo: z.string(),
  villageCode: z.string(),
  groupNo: n,
  address: s,
  phone: s,
  bankName: s,
  bankAccount: s,
  idStandard: s,
  householdType: z.string(),
  status: z.string(),
  statusDate: s,
  registeredYear: n,
  exitYear: n,
  monitoringCategory: s,
  mainCause: s,
  otherCauses: z.array(z.string()),
  size: z.number(),
  headName: s,
  landCultivatedMu: n,
  landForestMu: n,
  houseAreaM2: n,
  houseStructure: s,
  houseYear: n,
  houseGrade: s,
  relocated: z.boolean(),
  electricity: z.boolean(),
  fuel: s,
  safeWater: z.boolean(),
  sanitaryToilet: z.boolean(),
  pavedAccess: z.boolean(),
  roadDistanceKm: n,
  marketDistanceKm: n,
  coopMember: z.boolean(),
  enterpriseTie: z.boolean(),
  industryType: s,
  version: z.number(),
});

const MemberRow = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string(),
  idNumber: s,
  birthDate: s,
  age: n,
  relation: z.string(),
  ethnicity: s,
  education: s,
  studentStatus: s,
  outOfSchoolReason: s,
  health: s,
  disabilityGrade: n,
  labourCapacity: s,
  migrantPlace: s,
  migrantMonths: n,
  migrantMonthlyWage: n,
  welfareJobMonths: n,
  insBasicMedical: z.boolean(),
  insCriticalIllness: z.boolean(),
  insMedicalAssistance: z.boolean(),
  insPension: z.boolean(),
  isDibao: z.boolean(),
  isTekun: z.boolean(),
  memberStatus: z.string(),
});

const YearRow = z.object({
  year: z.number(),
  size: z.number(),
  status: z.string(),
  wageIncome: z.number(),
  businessIncome: z.number(),
  productionCost: z.number(),
  propertyIncome: z.number(),
  transferIncome: z.number(),
  transferDibao: z.number(),
  transferPension: z.number(),
  transferEco: z.number(),
  medicalCost: z.number(),
  netIncome: z.number(),
  perCapitaIncome: z.number(),
  povertyLine: z.number(),
});

export const DetailResponse = z.object({
  household: HouseholdDetail,
  members: z.array(MemberRow),
  years: z.array(YearRow),
  statusHistory: z.array(
    z.object({
      id: z.string(),
      fromStatus: s,
      toStatus: z.string(),
      changedOn: z.string(),
      reason: z.string(),
    }),
  ),
  path: z.array(z.object({ code: z.string(), name: z.string(), level: z.number() })),
  masked: z.boolean(),
  canUnmask: z.boolean(),
  canEdit: z.boolean(),
  canChangeStatus: z.boolean(),
});

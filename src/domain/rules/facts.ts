import type { HouseholdStatus, HouseholdType } from '../code-lists.js';
import type { RedLineKey } from './red-lines.js';

/**
 * What the rules know about a household: plain values, filled by the data layer from the registry,
 * the yearly income rows, follow-up visits and other departments' lists. Money is yuan; `…12m` is
 * the total over the last 12 months; dates are ISO `YYYY-MM-DD`.
 */

/** Literal copies of code lists (code-lists.ts); facts.test.ts checks they stay equal. */
export const LABOUR_CAPACITIES = ['ordinary', 'skilled', 'weak', 'lost', 'none'] as const;
export const HEALTH_CODES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export const STUDENT_STATUSES = [
  'not_student',
  'preschool',
  'primary',
  'junior',
  'senior',
  'vocational',
  'higher_vocational',
  'university',
  'out_of_school',
  'exempt',
] as const;
export const HOUSE_GRADES = ['A', 'B', 'C', 'D'] as const;
export type LabourCapacity = (typeof LABOUR_CAPACITIES)[number];
export type Health = (typeof HEALTH_CODES)[number];
export type StudentStatus = (typeof STUDENT_STATUSES)[number];
export type HouseGrade = (typeof HOUSE_GRADES)[number];

export interface MemberFacts {
  id: string;
  /** Completed years at `HouseholdFacts.asOf`. */
  age: number;
  sex: '1' | '2';
  relation: string;
  studentStatus: StudentStatus | null;
  health: Health;
  /** 1 (most severe) … 4; null when not disabled. */
  disabilityGrade: number | null;
  labourCapacity: LabourCapacity;
  insurance: { basicMedical: boolean; criticalIllness: boolean; medicalAssistance: boolean };
  dibao: boolean;
  tekun: boolean;
  status: 'present' | 'deceased' | 'moved_out';
  /** Own earned income over the last 12 months (dibao disregards, single-person coverage). */
  earnings12m: number;
  /** Costs of going to work over the last 12 months (transport, meals away); dibao deduction. */
  employmentCost12m: number;
}

/** One year's income row (household_year). Net = wages + business − production cost + property + transfers. */
export interface YearIncome {
  year: number;
  size: number;
  wages: number;
  business: number;
  productionCost: number;
  property: number;
  transfers: number;
  eligibleMedicalCost: number;
}

export interface RedLineHit {
  key: RedLineKey;
  /** Department list that matched, e.g. '公安车辆登记'. */
  source: string;
  /** Member (or close relative) the hit concerns. */
  memberId: string | null;
  /** Reference of a written exception on file, if any. */
  writtenException: string | null;
}

export const MEASURE_TYPES = [
  'industry',
  'employment',
  'welfare_job',
  'health',
  'education',
  'housing',
  'water',
  'relocation',
  'eco_compensation',
  'finance',
  'social_security',
  'social_help',
] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];
/** Development-oriented measures (开发式帮扶), as opposed to the safety net. */
export const DEVELOPMENT_MEASURES: readonly MeasureType[] = [
  'industry',
  'employment',
  'welfare_job',
  'finance',
];

/** The income of the 12 months before the evaluation date (computed from monthly records, or the year's row at 31 December). */
export interface Last12Months {
  size: number;
  netIncome: number;
  eligibleMedicalCost: number;
  /** Net income of the 12 months before (income collapse); null when unknown. */
  previousNetIncome: number | null;
  /** Rigid spending (medical, schooling, disaster, accident) in the 12 months; null when not checked. */
  rigidSpending: number | null;
  /** Dibao / 特困 payments received, not counted when assessing dibao. */
  assistanceReceived: number;
}

/** A measure of the household's plan (一户一策) that a rule counts. */
export interface PlanMeasureFact {
  id: string;
  catalogueCode: string;
  type: string;
  status: string;
  startDate: string | null;
  deadline: string | null;
}

/** Where a recorded fact comes from (household page: every fact a rule used, with date and source). */
export interface FactSource {
  observedOn: string | null;
  source: string;
  sourceRef: string | null;
}

/**
 * Facts the registry may not hold are `null` ("not recorded"); a rule that needs one returns the
 * third outcome, `verify`, naming it (missing.ts) instead of deciding on a default.
 */
export interface HouseholdFacts {
  /** Evaluation date. */
  asOf: string;
  status: HouseholdStatus;
  householdType: HouseholdType;
  /** Year of 建档立卡 registration (null: never registered poor). */
  registeredPoorYear: number | null;
  members: readonly MemberFacts[];
  /** Income of the evaluation year. */
  income: YearIncome;
  /** Per-capita net income of earlier years (trend). */
  previousPerCapita: readonly { year: number; perCapita: number }[];
  /** Null when neither monthly records nor a year row covering the 12 months are held. */
  last12Months: Last12Months | null;
  /** `rebuilt` null: no rebuilding record (matters only when the grade is not safe). */
  housing: { grade: HouseGrade | null; relocated: boolean; rebuilt: boolean | null };
  safeWater: boolean;
  foodClothingSecure: boolean | null;
  /** Null: not yet matched with department lists. */
  redLineHits: readonly RedLineHit[] | null;
  monitoring: {
    since: string | null;
    measuresApplied: number;
    /** Consecutive months (monthly records) with 12-month income above the monitoring line; null without records. */
    monthsAboveLine: number | null;
    rigidSpendingResolved: boolean | null;
    /** An open risk recorded after inclusion; null without a risk screening. */
    newRisk: boolean | null;
  };
  /** Types of the household's active assistance measures. */
  measures: readonly MeasureType[];
  /** 'plan': read from the household's plan; 'inferred': no plan, inferred from registry fields. */
  measureBasis?: 'plan' | 'inferred';
  /** The plan measures counted (status in progress or completed, started by the evaluation date). */
  planMeasures?: readonly PlanMeasureFact[];
  /** Notes documenting a shock (hospital bills, disaster report…). */
  shockEvidence: readonly string[];
  dibao: {
    /** Support from legally obliged relatives (赡养/抚养/扶养) over 12 months; counts as income. Null: not investigated. */
    obligedSupport12m: number | null;
    deductible12m: { medical: number; disability: number; schooling: number };
    assetsWithinLimits: boolean | null;
    spendingWithinLimits: boolean | null;
  };
  /** Null: legal supporters not investigated. */
  legalSupporters: readonly { relation: string; able: boolean }[] | null;
  /** Date and source of each recorded fact the rules read (fact-use.ts keys). */
  sources?: Readonly<Record<string, FactSource>>;
  /**
   * Values filled in without a recorded fact (defaults.ts): a rule keeps its decision only when it is
   * the same for every value they could take, else it answers `verify`.
   */
  defaults?: readonly DefaultedValue[];
  /** Proposals of decision-critical facts awaiting confirmation (maker–checker): not yet read by the rules. */
  pending?: readonly { kind: string; since: string }[];
}

/** A value filled in without a recorded fact (defaults.ts: a decision is kept only if it does not matter). */
export type DefaultedValue =
  /** A member without a health code, read as healthy (labour inferred from it when `labourInferred`). */
  | { key: 'member_health'; memberId: string; labourInferred: boolean }
  /** A migrant member without a monthly wage: own earnings read as 0. */
  | { key: 'migrant_wage'; memberId: string }
  /** Employment costs without monthly records: 0; at most the wages earned. */
  | { key: 'employment_cost' }
  /** Deductible spending not checked at a visit (no screening in the 12 months, none recorded): 0. */
  | { key: 'deductible_spending'; categories: ('disability' | 'schooling')[] }
  /** Support paid by legal supporters, without monthly records telling how much is already in the income: none is. */
  | { key: 'support_in_income'; paid12m: number };

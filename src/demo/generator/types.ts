import type { Insertable } from 'kysely';
import type { HouseholdYearTable, NewHousehold, NewMember } from '../../db/types.js';
import type { PovertyCause } from '../../domain/code-lists.js';
import type { Sex } from '../../domain/id-number.js';

/** Input and output of the synthetic demo county generator (all persons and numbers are made up). */

export interface DemoVillage {
  code: string; // 12 digits
  name: string;
  townshipCode: string; // 9 digits
  townshipName: string;
}

export interface DemoInput {
  seed: number;
  /** 1 ⇒ about 55,000 households; the count is proportional. */
  scale: number;
  county: { code: string; name: string };
  villages: readonly DemoVillage[];
  /** First year with a yearly income row (registration happened in 2014). */
  firstYear: number;
  lastYear: number;
}

/** Household status codes (code list `household_status`). */
export type DemoStatus = 'none' | 'poor' | 'exited' | 'returned' | 'monitored' | 'risk_removed';
/** Household type codes (code list `household_type`). */
export type DemoHouseholdType = 'general_poor' | 'dibao_poor' | 'dibao' | 'tekun' | 'exited' | 'ordinary';

/** Registered households' type while poor (the shares target ≈ 65 / 15 / 12 / 8 %). */
export type AssistanceClass = 'general_poor' | 'dibao_poor' | 'dibao' | 'tekun';

export interface DemoHouseholdRow {
  household_no: string;
  village_code: string;
  group_no: number;
  address: string;
  phone: string;
  bank_name: string;
  bank_account: string;
  id_standard: 'national' | null;
  household_type: DemoHouseholdType;
  status: DemoStatus;
  status_date: string | null;
  registered_year: number | null;
  exit_year: number | null;
  monitoring_category: 'unstable' | 'marginal' | 'sudden' | null;
  main_cause: PovertyCause | null;
  other_causes: PovertyCause[];
  size: number;
  head_name: string;
  land_cultivated_mu: number;
  land_forest_mu: number;
  house_area_m2: number;
  house_structure: string;
  house_year: number;
  house_grade: 'A' | 'B' | 'C' | 'D';
  relocated: boolean;
  electricity: boolean;
  fuel: string;
  safe_water: boolean;
  sanitary_toilet: boolean;
  paved_access: boolean;
  road_distance_km: number;
  market_distance_km: number;
  coop_member: boolean;
  enterprise_tie: boolean;
  industry_type: string;
}

export interface DemoMemberRow {
  name: string;
  sex: Sex;
  id_type: 'resident_id';
  id_number: string;
  birth_date: string;
  relation: string;
  ethnicity: string;
  education: string;
  student_status: string;
  out_of_school_reason: string | null;
  health: 'healthy' | 'chronic' | 'serious' | 'disabled';
  disability_grade: number | null;
  labour_capacity: 'ordinary' | 'skilled' | 'weak' | 'lost' | 'none';
  migrant_place: string | null;
  migrant_months: number | null;
  migrant_monthly_wage: number | null;
  welfare_job_months: number | null;
  ins_basic_medical: boolean;
  ins_critical_illness: boolean;
  ins_medical_assistance: boolean;
  ins_pension: boolean;
  is_dibao: boolean;
  is_tekun: boolean;
  member_status: 'present' | 'deceased' | 'moved_out';
}

export interface DemoYearRow {
  year: number;
  village_code: string;
  size: number;
  status: DemoStatus;
  wage_income: number;
  business_income: number;
  production_cost: number;
  property_income: number;
  transfer_income: number;
  transfer_dibao: number;
  transfer_pension: number;
  transfer_eco: number;
  medical_cost: number;
  net_income: number;
  per_capita_income: number;
}

export interface DemoStatusChange {
  from_status: DemoStatus | null;
  to_status: DemoStatus;
  changed_on: string; // YYYY-MM-DD
  reason: string;
}

export interface DemoHousehold {
  household: DemoHouseholdRow;
  members: DemoMemberRow[];
  years: DemoYearRow[];
  history: DemoStatusChange[];
  /** Facts at registration that the current row no longer shows (2014 house and water, class). */
  baseline: {
    assistanceClass: AssistanceClass | null;
    houseGrade: 'A' | 'B' | 'C' | 'D';
    safeWater: boolean;
  };
}

/** A village's share of the county: households, registered-poor propensity and groups (组). */
export interface VillagePlan {
  village: DemoVillage;
  households: number;
  poorShare: number;
  groups: number;
}

export interface DemoVillageResult {
  village: DemoVillage;
  households: DemoHousehold[];
  /** Households registered poor in the first registration year (2014). */
  registeredFirstYear: number;
}

// Compile-time checks: the rows fit the insert types of the database tables.
type Fits<Row, Table> = Row extends Table ? true : never;
export type DemoRowsFitTables = [
  Fits<DemoHouseholdRow, NewHousehold>,
  Fits<DemoMemberRow & { household_id: string }, NewMember>,
  Fits<DemoYearRow & { household_id: string }, Insertable<HouseholdYearTable>>,
];

/**
 * The (synthetic) data collector who entered a village's incomes for a year: one for the years
 * before 2020, another since. The quality checks compare collectors (Benford by collector).
 */
export const collectorOf = (village: string, year: number): string =>
  `采集员${village.slice(6)}-${year < 2020 ? 1 : 2}`;

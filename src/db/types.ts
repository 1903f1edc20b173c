import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Database types, one file (STYLE.md §9). numeric columns come back from `pg` as strings. */
type Numeric = ColumnType<string, number | string, number | string>;
/** numeric column with a database default (0): optional on insert */
type NumericDefault = ColumnType<string, number | string | undefined, number | string>;
type NullableNumeric = ColumnType<string | null, number | string | null, number | string | null>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface RegionTable {
  code: string;
  level: number;
  parent_code: string | null;
  name: string;
  is_poverty_county: Generated<boolean>;
  is_poor_village: Generated<boolean>;
  is_western: Generated<boolean>;
  synthetic: Generated<boolean>;
}

export interface CodeListTable {
  list: string;
  code: string;
  label_zh: string;
  label_en: string;
  sort: Generated<number>;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_code: string;
  disabled: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface HouseholdTable {
  id: Generated<string>;
  household_no: string;
  village_code: string;
  group_no: number | null;
  address: string | null;
  phone: string | null;
  bank_name: string | null;
  bank_account: string | null;
  id_standard: string | null;
  household_type: string;
  status: string;
  status_date: ColumnType<string | null, string | null | undefined, string | null>;
  registered_year: number | null;
  exit_year: number | null;
  monitoring_category: string | null;
  main_cause: string | null;
  other_causes: ColumnType<string[], string[] | undefined, string[]>;
  size: Generated<number>;
  head_name: string | null;
  land_cultivated_mu: NullableNumeric;
  land_forest_mu: NullableNumeric;
  house_area_m2: NullableNumeric;
  house_structure: string | null;
  house_year: number | null;
  house_grade: string | null;
  relocated: Generated<boolean>;
  electricity: Generated<boolean>;
  fuel: string | null;
  safe_water: Generated<boolean>;
  sanitary_toilet: Generated<boolean>;
  paved_access: Generated<boolean>;
  road_distance_km: NullableNumeric;
  market_distance_km: NullableNumeric;
  coop_member: Generated<boolean>;
  enterprise_tie: Generated<boolean>;
  industry_type: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MemberTable {
  id: Generated<string>;
  household_id: string;
  name: string;
  sex: string;
  id_type: Generated<string>;
  id_number: string;
  birth_date: DateCol;
  relation: string;
  ethnicity: string | null;
  education: string | null;
  student_status: string | null;
  out_of_school_reason: string | null;
  health: string | null;
  disability_grade: number | null;
  labour_capacity: string | null;
  migrant_place: string | null;
  migrant_months: number | null;
  migrant_monthly_wage: number | null;
  welfare_job_months: number | null;
  ins_basic_medical: Generated<boolean>;
  ins_critical_illness: Generated<boolean>;
  ins_medical_assistance: Generated<boolean>;
  ins_pension: Generated<boolean>;
  is_dibao: Generated<boolean>;
  is_tekun: Generated<boolean>;
  member_status: Generated<string>;
  version: Generated<number>;
}

export interface HouseholdYearTable {
  household_id: string;
  year: number;
  village_code: string;
  size: number;
  status: string;
  wage_income: NumericDefault;
  business_income: NumericDefault;
  production_cost: NumericDefault;
  property_income: NumericDefault;
  transfer_income: NumericDefault;
  transfer_dibao: NumericDefault;
  transfer_pension: NumericDefault;
  transfer_eco: NumericDefault;
  medical_cost: NumericDefault;
  net_income: Numeric;
  per_capita_income: Numeric;
}

export interface StatusHistoryTable {
  id: Generated<string>;
  household_id: string;
  from_status: string | null;
  to_status: string;
  changed_on: DateCol;
  reason: string;
  actor_id: string | null;
  created_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  region_code: string | null;
  before: Json;
  after: Json;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AppMetaTable {
  key: string;
  value: Json;
}

export interface StatsVillageYearTable {
  village_code: string;
  year: number;
  status: string;
  households: number;
  persons: number;
}

export interface StatsVillageCauseTable {
  village_code: string;
  cause: string;
  households: number;
}

export interface StatsDirtyTable {
  village_code: string;
}

export interface DB {
  region: RegionTable;
  code_list: CodeListTable;
  app_user: AppUserTable;
  session: SessionTable;
  household: HouseholdTable;
  member: MemberTable;
  household_year: HouseholdYearTable;
  status_history: StatusHistoryTable;
  audit_event: AuditEventTable;
  app_meta: AppMetaTable;
  stats_village_year: StatsVillageYearTable;
  stats_dirty: StatsDirtyTable;
  stats_village_cause: StatsVillageCauseTable;
}

export type Household = Selectable<HouseholdTable>;
export type NewHousehold = Insertable<HouseholdTable>;
export type HouseholdUpdate = Updateable<HouseholdTable>;
export type Member = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type Region = Selectable<RegionTable>;
export type AuditEvent = Selectable<AuditEventTable>;

// --- 004_policy_cases: policy parameters, cases, evaluation runs and worklists ---------------------

export interface PolicyParamTable {
  key: string;
  region_prefix: string;
  effective_from: DateCol;
  value: Json;
  set_by: string;
  set_by_id: string | null;
  set_at: Timestamp;
  reason: string;
  synthetic: Generated<boolean>;
}

export interface CaseFileTable {
  id: Generated<string>;
  kind: string;
  household_id: string;
  village_code: string;
  state: string;
  closed: Generated<boolean>;
  data: Json;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  outcome_reason: string | null;
  opened_at: Timestamp;
  opened_by: string | null;
  updated_at: Timestamp;
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  seq: number;
  at: Timestamp;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string;
  actor_scope_level: string;
  payload: Json;
  returned: Json;
  late: Json;
}

export interface EvaluationRunTable {
  id: Generated<string>;
  year: number;
  region_prefix: string;
  as_of: DateCol;
  started_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  started_by: string;
  households: Generated<number>;
  items: Generated<number>;
  counts: Json;
  rule_ms: NullableNumeric;
  total_ms: NullableNumeric;
}

export interface WorklistItemTable {
  id: Generated<string>;
  run_id: string;
  household_id: string;
  village_code: string;
  rule: string;
  decision: string;
  reasons: Json;
  case_id: string | null;
  created_at: Timestamp;
}

/** Declaration merging keeps these tables next to their migration. */
export interface DB {
  policy_param: PolicyParamTable;
  case_file: CaseFileTable;
  case_event: CaseEventTable;
  evaluation_run: EvaluationRunTable;
  worklist_item: WorklistItemTable;
}

export type PolicyParamRow = Selectable<PolicyParamTable>;
export type CaseFile = Selectable<CaseFileTable>;
export type CaseEvent = Selectable<CaseEventTable>;

// ---- 003_matching: department lists, match flags, duplicate dismissals, merged households ----

export interface DepartmentListTable {
  id: Generated<string>;
  kind: string;
  department: string | null;
  file_name: string;
  sha256: string;
  scope_code: Generated<string>;
  imported_at: Timestamp;
  imported_by: string | null;
  imported_by_name: string;
  rows: Generated<number>;
  invalid_ids: Generated<number>;
}

export interface DepartmentRecordTable {
  id: Generated<string>;
  list_id: string;
  row_no: number;
  id_number: Generated<string>;
  id_valid: boolean;
  name: Generated<string>;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  attributes: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface MatchFlagTable {
  id: Generated<string>;
  household_id: string;
  member_id: string;
  list_kind: string;
  list_id: string;
  record_id: string;
  record_id_number: string;
  match_type: string;
  flag_kind: string;
  effect: string;
  reasons: ColumnType<unknown, string | undefined, string>;
  status: Generated<string>;
  reviewer_id: string | null;
  reviewer_name: string | null;
  reviewed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reason: string | null;
  created_at: Timestamp;
}

export interface DuplicateDismissalTable {
  kind: string;
  key: string;
  region_code: string | null;
  reason: string;
  dismissed_by: string | null;
  dismissed_by_name: string;
  dismissed_at: Timestamp;
}

export interface HouseholdArchiveTable {
  id: Generated<string>;
  household_id: string;
  household_no: string;
  village_code: string;
  merged_into: string | null;
  reason: string;
  snapshot: ColumnType<unknown, string, string>;
  archived_by: string | null;
  archived_by_name: string;
  archived_at: Timestamp;
}

export interface DB {
  department_list: DepartmentListTable;
  department_record: DepartmentRecordTable;
  match_flag: MatchFlagTable;
  duplicate_dismissal: DuplicateDismissalTable;
  household_archive: HouseholdArchiveTable;
}

export type DepartmentList = Selectable<DepartmentListTable>;
export type MatchFlag = Selectable<MatchFlagTable>;

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
  // 012_quality adds `recorded_by text null` (the data collector); read only by the quality SQL and
  // left out here so that row literals of this table (tests, mappers) need not carry it.
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

// ---- 007_cadres: responsible cadres, assignments, work teams, visits, visit plan ----

type CadreNullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface CadreTable {
  id: Generated<string>;
  name: string;
  work_unit: string;
  unit_level: string;
  phone: string | null;
  region_code: string;
  user_id: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CadreAssignmentTable {
  id: Generated<string>;
  household_id: string;
  cadre_id: string;
  start_date: DateCol;
  end_date: CadreNullableDate;
  reason: string;
  end_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface WorkTeamTable {
  id: Generated<string>;
  village_code: string;
  sending_unit: string;
  start_date: DateCol;
  end_date: CadreNullableDate;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkTeamMemberTable {
  id: Generated<string>;
  team_id: string;
  name: string;
  role: string;
  work_unit: string | null;
  phone: string | null;
  cadre_id: string | null;
}

export interface VisitTable {
  id: Generated<string>;
  household_id: string;
  cadre_id: string | null;
  recorded_by: string | null;
  visit_date: DateCol;
  purpose: string;
  findings: string;
  follow_up: string | null;
  created_at: Timestamp;
}

export interface VisitPlanRuleTable {
  region_prefix: string;
  household_kind: string;
  visits_per_year: number;
  set_by: string;
  set_at: Timestamp;
  reason: string;
}

export interface DB {
  cadre: CadreTable;
  cadre_assignment: CadreAssignmentTable;
  work_team: WorkTeamTable;
  work_team_member: WorkTeamMemberTable;
  visit: VisitTable;
  visit_plan_rule: VisitPlanRuleTable;
}

// ---- 009_projects: paired assistance, decomposed targets, the project library ----

type ProjectNullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface AssistPairTable {
  id: Generated<string>;
  kind: string;
  helper_name: string;
  helper_level: string;
  recipient_code: string;
  start_year: number;
  end_year: number | null;
  note: string | null;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
}

export interface AssistCommitmentTable {
  pair_id: string;
  year: number;
  category: string;
  amount: Numeric;
}

export interface AssistDeliveryTable {
  id: Generated<string>;
  pair_id: string;
  year: number;
  category: string;
  amount: Numeric;
  delivered_on: DateCol;
  note: string | null;
  recorded_by: string | null;
  created_at: Timestamp;
}

export interface AssistTargetTable {
  year: number;
  indicator: string;
  region_code: string;
  value: number;
  set_by: string;
  set_at: Timestamp;
}

export interface ProjectTable {
  id: Generated<string>;
  name: string;
  project_type: string;
  village_code: string;
  start_year: number;
  operator: string | null;
  linkage_note: string;
  completed_on: ProjectNullableDate;
  synthetic: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface ProjectIndicatorTable {
  id: Generated<string>;
  project_id: string;
  name: string;
  target_value: Numeric;
  unit: string;
}

export interface ProjectLinkageTable {
  project_id: string;
  linkage_type: string;
}

export interface ProjectBeneficiaryTable {
  project_id: string;
  household_id: string;
  linkage_type: string;
}

export interface ProjectBenefitTable {
  project_id: string;
  household_id: string;
  year: number;
  amount: Numeric;
}

export interface ProjectFundTable {
  id: Generated<string>;
  project_id: string;
  source: string;
  year: number;
  allocated: Numeric;
  disbursed: NumericDefault;
}

export interface ProjectFollowupTable {
  id: Generated<string>;
  project_id: string;
  checked_on: DateCol;
  operating_status: string;
  asset_status: string;
  income_persists: boolean;
  revival_plan: string | null;
  note: string | null;
  recorded_by: string;
  created_at: Timestamp;
}

export interface DB {
  assist_pair: AssistPairTable;
  assist_commitment: AssistCommitmentTable;
  assist_delivery: AssistDeliveryTable;
  assist_target: AssistTargetTable;
  project: ProjectTable;
  project_indicator: ProjectIndicatorTable;
  project_linkage: ProjectLinkageTable;
  project_beneficiary: ProjectBeneficiaryTable;
  project_benefit: ProjectBenefitTable;
  project_fund: ProjectFundTable;
  project_followup: ProjectFollowupTable;
}

// 015_evaluation: third-party evaluation samples and their field checks
export interface EvaluationSampleTable {
  id: Generated<string>;
  region_code: string;
  year: number;
  seed: string;
  villages_per_township: number;
  exited_per_village: number;
  other_per_village: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EvaluationSampleVillageTable {
  sample_id: string;
  village_code: string;
  township_code: string;
  township_villages: number;
  township_sampled: number;
}

export interface EvaluationSampleCellTable {
  sample_id: string;
  village_code: string;
  stratum: string;
  frame: number;
  sampled: number;
}

export interface EvaluationSampleHouseholdTable {
  id: Generated<string>;
  sample_id: string;
  household_id: string;
  village_code: string;
  township_code: string;
  stratum: string;
  weight: number;
  check_status: Generated<string>;
  wrongly_exited: boolean | null;
  eligible_unregistered: boolean | null;
  approves: boolean | null;
  note: string | null;
  checked_by: string | null;
  checked_at: Date | null;
  version: Generated<number>;
}

export interface DB {
  evaluation_sample: EvaluationSampleTable;
  evaluation_sample_village: EvaluationSampleVillageTable;
  evaluation_sample_cell: EvaluationSampleCellTable;
  evaluation_sample_household: EvaluationSampleHouseholdTable;
}

// ---- 013_participation: organisations, needs board, consumption assistance ----

type ParticipationTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type ParticipationDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  kind: string;
  credit_code: string | null;
  contact_person: string;
  contact_phone: string;
  region_code: string;
  status: Generated<string>;
  username: string;
  password_hash: string;
  user_id: string | null;
  reviewed_by: string | null;
  reviewed_at: ParticipationTimestamp;
  reject_reason: string | null;
  synthetic: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface NeedTable {
  id: Generated<string>;
  kind: string;
  source: string;
  household_id: string | null;
  village_code: string;
  township_code: string;
  title: string;
  description: Generated<string>;
  amount: Numeric;
  status: Generated<string>;
  published_by: string | null;
  published_at: Generated<Date>;
  matched_at: ParticipationTimestamp;
  delivered_at: ParticipationTimestamp;
  confirmed_at: ParticipationTimestamp;
  confirmed_by: string | null;
  confirm_note: string | null;
  confirm_rating: number | null;
  on_behalf_reason: string | null;
  synthetic: Generated<boolean>;
}

export interface NeedPledgeTable {
  id: Generated<string>;
  need_id: string;
  organisation_id: string;
  amount: Numeric;
  quantity: ColumnType<number | null, number | null | undefined, number | null>;
  expected_date: ParticipationDate;
  note: string | null;
  pledged_at: Generated<Date>;
  delivered_at: ParticipationTimestamp;
  delivery_note: string | null;
}

export interface ProductTable {
  id: Generated<string>;
  name: string;
  producer_kind: string;
  producer_name: string | null;
  township_code: string;
  unit: string;
  price: Numeric;
  quantity_available: Numeric;
  season: string | null;
  description: Generated<string>;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  synthetic: Generated<boolean>;
}

export interface ProductHouseholdTable {
  product_id: string;
  household_id: string;
  share: NumericDefault;
}

export interface ProductOrderTable {
  id: Generated<string>;
  product_id: string;
  organisation_id: string;
  kind: Generated<string>;
  quantity: Numeric;
  unit_price: Numeric;
  amount: Numeric;
  status: Generated<string>;
  note: string | null;
  ordered_at: Generated<Date>;
  fulfilled_at: ParticipationTimestamp;
  fulfilled_by: string | null;
}

export interface ProductIncomeTable {
  order_id: string;
  household_id: string;
  amount: Numeric;
}

export interface DB {
  organisation: OrganisationTable;
  need: NeedTable;
  need_pledge: NeedPledgeTable;
  product: ProductTable;
  product_household: ProductHouseholdTable;
  product_order: ProductOrderTable;
  product_income: ProductIncomeTable;
}

// ---- 008_plans: measure catalogue, household plans (一户一策) and their measures ----

type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface MeasureCatalogueTable {
  code: string;
  name_zh: string;
  name_en: string;
  batch: string;
  measure_type: string;
  causes: ColumnType<string[], string[] | undefined, string[]>;
  conditions: ColumnType<string[], string[] | undefined, string[]>;
  labour: Generated<string>;
  funding_source: string | null;
  default_amount: NullableNumeric;
  responsible_unit: string | null;
  months: Generated<number>;
  sort: Generated<number>;
  active: Generated<boolean>;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface HouseholdPlanTable {
  id: Generated<string>;
  household_id: string;
  year: number;
  status: Generated<string>;
  agreed_by: string | null;
  agreed_at: NullableTimestamp;
  agreement_method: string | null;
  decline_reason: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Result of the fit check (migration 019); null = to be checked again. */
  fits: boolean | null;
}

export interface PlanMeasureTable {
  id: Generated<string>;
  plan_id: string;
  household_id: string;
  catalogue_code: string;
  measure_type: string;
  batch: string;
  funding_source: string | null;
  amount: NullableNumeric;
  responsible_unit: string | null;
  start_date: NullableDate;
  deadline: NullableDate;
  status: Generated<string>;
  outcome: string | null;
  version: Generated<number>;
  updated_at: NullableTimestamp;
}

export interface DB {
  measure_catalogue: MeasureCatalogueTable;
  household_plan: HouseholdPlanTable;
  plan_measure: PlanMeasureTable;
}

export type CatalogueRow = Selectable<MeasureCatalogueTable>;
export type HouseholdPlan = Selectable<HouseholdPlanTable>;
export type PlanMeasure = Selectable<PlanMeasureTable>;

// ---- 012_quality: data-quality and fabrication check runs, findings, evaluation dates ----

export interface QualityRunTable {
  id: Generated<string>;
  region_code: string;
  trigger: string;
  actor_id: string | null;
  actor_name: string;
  started_at: Generated<Date>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  checks: ColumnType<unknown, string | undefined, string>;
  findings: Generated<number>;
}

export interface QualityFindingTable {
  id: Generated<string>;
  run_id: string;
  check_id: string;
  household_id: string | null;
  region_code: string;
  subject: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
  statistic: Json;
}

export interface QualityEvaluationDateTable {
  id: Generated<string>;
  region_code: string;
  eval_date: DateCol;
  name: string;
  synthetic: Generated<boolean>;
}

export interface DB {
  quality_run: QualityRunTable;
  quality_finding: QualityFindingTable;
  quality_evaluation_date: QualityEvaluationDateTable;
}

// 011: return-to-poverty warnings
export interface WarningSignalTable {
  id: Generated<string>;
  household_id: string;
  channel: string;
  kind: string;
  observed_on: DateCol;
  detail: ColumnType<unknown, string | undefined, string>;
  source: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  status: Generated<string>;
  resolved_reason: string | null;
  resolved_by: string | null;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  case_id: string | null;
}

export interface DisasterAreaTable {
  id: Generated<string>;
  village_code: string;
  kind: string;
  started_on: DateCol;
  ended_on: ColumnType<string | null, string | null | undefined, string | null>;
  severity: Generated<string>;
  source: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  warning_signal: WarningSignalTable;
  disaster_area: DisasterAreaTable;
}

/** Migration 010: villages changed since the measures cache last looked. */
export interface MeasuresDirtyTable {
  village_code: string;
}

export interface DB {
  measures_dirty: MeasuresDirtyTable;
}

// --- 016_portal_grievances: household portal access, sessions, ratings; grievances ---------------

type PortalTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface PortalAccessTable {
  household_id: string;
  code_hash: string;
  issued_at: Generated<Date>;
  issued_by: string | null;
  failed_count: Generated<number>;
  locked_until: PortalTimestamp;
}

export interface PortalSessionTable {
  token_hash: string;
  household_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface HelpRatingTable {
  id: Generated<string>;
  household_id: string;
  village_code: string;
  year: number;
  measure_id: string | null;
  rating: number;
  comment: string | null;
  rated_at: Generated<Date>;
  synthetic: Generated<boolean>;
}

export interface GrievanceDeadlineTable {
  kind: string;
  ack_days: number;
  resolve_days: number;
}

export interface GrievanceTable {
  id: Generated<string>;
  tracking_code: string;
  channel: string;
  household_id: string | null;
  kind: string;
  region_code: string;
  township_code: string;
  county_code: string;
  description: string;
  anonymous: Generated<boolean>;
  contact_name: string | null;
  contact_phone: string | null;
  state: Generated<string>;
  filed_at: Timestamp;
  ack_due_at: Timestamp;
  resolve_due_at: Timestamp;
  acknowledged_at: PortalTimestamp;
  resolved_at: PortalTimestamp;
  outcome: string | null;
  feedback: string | null;
  feedback_comment: string | null;
  feedback_at: PortalTimestamp;
  reopen_count: Generated<number>;
  escalated_at: PortalTimestamp;
  escalation_reason: string | null;
  closed_at: PortalTimestamp;
  synthetic: Generated<boolean>;
}

export interface GrievanceEventTable {
  id: Generated<string>;
  grievance_id: string;
  at: Timestamp;
  action: string;
  actor_name: string;
  note: string | null;
}

export interface DB {
  portal_access: PortalAccessTable;
  portal_session: PortalSessionTable;
  help_rating: HelpRatingTable;
  grievance_deadline: GrievanceDeadlineTable;
  grievance: GrievanceTable;
  grievance_event: GrievanceEventTable;
}

// 017_burden: report log, data requests and inspections
export interface ReportLogTable {
  id: Generated<string>;
  kind: string;
  region_code: string;
  year: number | null;
  format: string;
  rows: Generated<number>;
  cells: Generated<number>;
  head_hash: string;
  generated_by: string | null;
  generated_at: Generated<Date>;
}

export interface DataRequestTable {
  id: Generated<string>;
  region_code: string;
  requester: string;
  requester_level: string;
  title: string;
  items: Generated<string[]>;
  received_on: string;
  due_on: string | null;
  status: Generated<string>;
  response_note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface InspectionTable {
  id: Generated<string>;
  region_code: string;
  inspector: string;
  inspector_level: string;
  purpose: string;
  start_on: string;
  days: number;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  report_log: ReportLogTable;
  data_request: DataRequestTable;
  inspection: InspectionTable;
}

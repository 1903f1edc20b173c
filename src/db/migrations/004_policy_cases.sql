-- 004: policy parameters (versioned by region prefix and effective date), cases (the procedures of
-- src/domain/cases as persisted state machines, one event per transition), and batch evaluation runs
-- with their worklists. The case table is `case_file` because CASE is an SQL keyword.

-- The effective value of a parameter for (region, date): the row of the most specific region prefix
-- ('' national, 2 province, 4 prefecture, 6 county digits) whose effective_from is the latest <= date.
create table policy_param (
  key text not null,
  region_prefix varchar(6) collate "C" not null default '' check (region_prefix ~ '^(\d{2}|\d{4}|\d{6})?$'),
  effective_from date not null,
  value jsonb not null,
  set_by text not null,
  set_by_id bigint references app_user (id),
  set_at timestamptz not null default now(),
  reason text not null,
  -- true for seeded approximations that are not a published standard
  synthetic boolean not null default false,
  primary key (key, region_prefix, effective_from)
);

create table case_file (
  id bigserial primary key,
  kind text not null check (kind in ('identification', 'exit', 'monitoring', 'dibao')),
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  state text not null,
  closed boolean not null default false,
  -- case data of the state machine (e.g. staffRelative), the outcome of a closed case, the decision
  data jsonb not null default '{}',
  -- last day of a pending deadline (monitoring: lead to county decision); null when none is pending
  due_on date,
  -- the note of the closing step: why a case was rejected, withdrawn, denied…
  outcome_reason text,
  opened_at timestamptz not null,
  opened_by bigint references app_user (id),
  updated_at timestamptz not null,
  closed_at timestamptz,
  version integer not null default 1
);
create index case_file_region_idx on case_file (village_code, kind, state);
create index case_file_household_idx on case_file (household_id);
create index case_file_due_idx on case_file (due_on) where not closed;
-- at most one open case of a kind per household
create unique index case_file_one_open_idx on case_file (household_id, kind) where not closed;

-- Every transition, the opening included (seq 0): who, when, from and to, and what was recorded with
-- it (votes, notice dates and objections, signatures, consent, notes, staff, home visit).
create table case_event (
  id bigserial primary key,
  case_id bigint not null references case_file (id) on delete cascade,
  seq integer not null,
  at timestamptz not null,
  action text not null,
  from_state text,
  to_state text not null,
  actor_id bigint references app_user (id),
  actor_name text not null,
  actor_role text not null,
  actor_scope_level text not null,
  payload jsonb not null default '{}',
  -- objections that sent the case back, and the delay of a late step
  returned jsonb,
  late jsonb,
  unique (case_id, seq)
);

create table evaluation_run (
  id bigserial primary key,
  year smallint not null,
  region_prefix varchar(12) collate "C" not null,
  as_of date not null,
  started_at timestamptz not null,
  finished_at timestamptz,
  started_by text not null,
  households integer not null default 0,
  items integer not null default 0,
  -- households per rule and decision, and region diagnostics
  counts jsonb not null default '{}',
  rule_ms numeric(12, 1),
  total_ms numeric(12, 1)
);
create index evaluation_run_region_idx on evaluation_run (region_prefix, id);

create table worklist_item (
  id bigserial primary key,
  run_id bigint not null references evaluation_run (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  rule text not null,
  decision text not null,
  reasons jsonb not null,
  case_id bigint references case_file (id) on delete set null,
  created_at timestamptz not null default now()
);
create index worklist_item_run_idx on worklist_item (run_id, village_code);
create index worklist_item_rule_idx on worklist_item (run_id, rule, village_code);
create index worklist_item_household_idx on worklist_item (household_id);

-- National defaults of DOMAIN.md §4 (src/domain/rules/params.ts `defaultParams`); the yearly values
-- take effect on 1 January. Approximations that are not a published standard are marked synthetic.
-- (Checked against defaultParams by src/modules/policy/seed.test.ts.)
insert into policy_param (key, region_prefix, effective_from, value, reason, synthetic, set_by) values
  ('povertyLine', '', '2011-01-01', '2536', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2012-01-01', '2625', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2013-01-01', '2736', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2014-01-01', '2800', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2015-01-01', '2855', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2016-01-01', '2952', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2017-01-01', '2952', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2018-01-01', '2995', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2019-01-01', '3218', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2020-01-01', '4000', 'national poverty line (2,300 yuan at 2010 prices), DOMAIN.md §4', false, 'system (migration 004)'),
  ('povertyLine', '', '2021-01-01', '4100', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('povertyLine', '', '2022-01-01', '4200', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('povertyLine', '', '2023-01-01', '4300', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('povertyLine', '', '2024-01-01', '4400', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('povertyLine', '', '2025-01-01', '4500', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('povertyLine', '', '2026-01-01', '4600', 'synthetic default: after 2020 the 2020 line kept in real terms (project estimate)', true, 'system (migration 004)'),
  ('monitoringLineFactor', '', '2011-01-01', '1.5', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2011-01-01', '143', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2012-01-01', '172', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2013-01-01', '203', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2014-01-01', '231', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2015-01-01', '265', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2016-01-01', '312', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2017-01-01', '358', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2018-01-01', '403', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2019-01-01', '445', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2020-01-01', '497', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2021-01-01', '530', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2022-01-01', '582', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2023-01-01', '621', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2024-01-01', '646', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2025-01-01', '672', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('ruralDibaoStandardMonthly', '', '2026-01-01', '699', 'synthetic default: national average of county rural standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2011-01-01', '288', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2012-01-01', '330', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2013-01-01', '373', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2014-01-01', '411', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2015-01-01', '451', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2016-01-01', '495', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2017-01-01', '541', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2018-01-01', '580', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2019-01-01', '624', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2020-01-01', '678', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2021-01-01', '711', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2022-01-01', '752', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2023-01-01', '782', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2024-01-01', '813', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2025-01-01', '846', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('urbanDibaoStandardMonthly', '', '2026-01-01', '880', 'synthetic default: national average of city standards (民政统计公报, approximate); counties set their own', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2011-01-01', '186', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2012-01-01', '224', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2013-01-01', '264', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2014-01-01', '300', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2015-01-01', '345', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2016-01-01', '406', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2017-01-01', '465', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2018-01-01', '524', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2019-01-01', '579', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2020-01-01', '646', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2021-01-01', '689', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2022-01-01', '757', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2023-01-01', '807', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2024-01-01', '840', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2025-01-01', '874', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('specialHardshipStandardMonthly', '', '2026-01-01', '909', 'synthetic default: 1.3 × rural dibao standard (common provincial practice)', true, 'system (migration 004)'),
  ('nearDibaoFactor', '', '2011-01-01', '1.5', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('redLines', '', '2011-01-01', '[{"key":"car","effect":"block"},{"key":"commercial_housing","effect":"block"},{"key":"company","effect":"block"},{"key":"public_employee","effect":"block"},{"key":"village_cadre","effect":"exception"},{"key":"split_household","effect":"block"},{"key":"absent_over_year","effect":"exception"}]', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('noticeDays', '', '2011-01-01', '{"identification":7,"exit":7,"monitoring":5,"dibao":7}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('monitoringDecisionDays', '', '2011-01-01', '15', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('riskRemovalMinMonths', '', '2011-01-01', '6', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('riskRemovalMinMeasures', '', '2011-01-01', '1', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('dibaoReviewMonths', '', '2011-01-01', '{"noLabour":12,"illOrDisabled":6,"withLabour":3}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('dibaoGradualExitMonths', '', '2011-01-01', '6', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('employmentCostDeductionCap', '', '2011-01-01', '1', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('disregards', '', '2011-01-01', '{"elderlyAge":60,"elderlyEarningsCap":0.5,"disabledEarningsCap":0.5}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('dibaoDeductibleSpending', '', '2011-01-01', '["medical","disability","schooling"]', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('dibaoInvestigationStaff', '', '2011-01-01', '2', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('exitIncidenceThreshold', '', '2011-01-01', '{"default":0.02,"western":0.03}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('evaluationVeto', '', '2011-01-01', '{"wrongExitRate":0.02,"omissionRate":0.02,"minApproval":0.9}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('dibaoVote', '', '2011-01-01', '{"quorum":0.6666666666666666,"approval":0.6666666666666666,"approvalRule":"at_least"}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('villageReviewVote', '', '2011-01-01', '{"quorum":0.6666666666666666,"approval":0.5,"approvalRule":"more_than"}', '村民委员会组织法 art. 26', false, 'system (migration 004)'),
  ('dibaoCountyVisitShare', '', '2011-01-01', '0.3', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('compulsoryEducationAges', '', '2011-01-01', '{"from":6,"to":15}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('safeHousingGrades', '', '2011-01-01', '["A","B"]', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('noLabourAges', '', '2011-01-01', '{"elderly":60,"minorBelow":16}', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('severeDisabilityMaxGrade', '', '2011-01-01', '2', 'DOMAIN.md §4 national default', false, 'system (migration 004)'),
  ('suddenShock', '', '2011-01-01', '{"rigidSpendingShare":0.5,"incomeDropShare":0.5}', 'DOMAIN.md §4 national default', false, 'system (migration 004)');

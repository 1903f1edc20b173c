-- 009: paired assistance (pairs, yearly commitments, deliveries), decomposed annual targets,
-- and the project library (performance indicators, benefit linkage, beneficiaries and their yearly
-- benefit, funds by source, follow-ups after completion).

-- 对口帮扶 / 东西部协作 / 定点扶贫: a helping unit or region paired with a receiving region.
create table assist_pair (
  id bigserial primary key,
  kind text not null check (kind in ('east_west', 'fixed_point', 'counterpart')),
  helper_name text not null,
  helper_level text not null check (helper_level in ('province', 'city', 'county', 'central_unit', 'provincial_unit', 'enterprise', 'other')),
  recipient_code varchar(12) collate "C" not null references region (code),
  start_year smallint not null,
  end_year smallint,
  note text,
  synthetic boolean not null default false,
  created_at timestamptz not null default now(),
  check (end_year is null or end_year >= start_year)
);
create index assist_pair_recipient_idx on assist_pair (recipient_code);

-- committed amounts per pair, year and category (funds/purchases in 万元, projects/jobs/staff counted)
create table assist_commitment (
  pair_id bigint not null references assist_pair (id) on delete cascade,
  year smallint not null,
  category text not null check (category in ('funds', 'projects', 'purchases', 'jobs', 'staff')),
  amount numeric(14, 2) not null check (amount >= 0),
  primary key (pair_id, year, category)
);

create table assist_delivery (
  id bigserial primary key,
  pair_id bigint not null references assist_pair (id) on delete cascade,
  year smallint not null,
  category text not null check (category in ('funds', 'projects', 'purchases', 'jobs', 'staff')),
  amount numeric(14, 2) not null check (amount > 0),
  delivered_on date not null,
  note text,
  recorded_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index assist_delivery_pair_idx on assist_delivery (pair_id, year);

-- 任务分解: one row per (year, indicator, region); the rows of a region's direct sub-regions must
-- add up to it (checked by the service when a split is saved). Progress is never stored.
create table assist_target (
  year smallint not null,
  indicator text not null check (indicator in ('exit_households', 'exit_persons', 'measure_households')),
  region_code varchar(12) collate "C" not null references region (code),
  value integer not null check (value >= 0),
  set_by text not null,
  set_at timestamptz not null default now(),
  primary key (year, indicator, region_code)
);
create index assist_target_region_idx on assist_target (region_code);

-- 项目库
create table project (
  id bigserial primary key,
  name text not null,
  project_type text not null check (project_type in ('planting', 'livestock', 'processing', 'workshop', 'tourism', 'pv_power', 'infrastructure', 'other')),
  village_code varchar(12) collate "C" not null references region (code),
  start_year smallint not null,
  operator text,
  linkage_note text not null,
  completed_on date,
  synthetic boolean not null default false,
  created_by text not null,
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index project_village_idx on project (village_code);

-- 绩效目标: at least one per project (checked on admission)
create table project_indicator (
  id bigserial primary key,
  project_id bigint not null references project (id) on delete cascade,
  name text not null,
  target_value numeric(14, 2) not null check (target_value > 0),
  unit text not null
);
create index project_indicator_project_idx on project_indicator (project_id);

-- 利益联结机制: at least one per project (checked on admission)
create table project_linkage (
  project_id bigint not null references project (id) on delete cascade,
  linkage_type text not null check (linkage_type in ('dividend', 'order_purchase', 'jobs', 'land_rental', 'cooperative')),
  primary key (project_id, linkage_type)
);

create table project_beneficiary (
  project_id bigint not null references project (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  linkage_type text not null check (linkage_type in ('dividend', 'order_purchase', 'jobs', 'land_rental', 'cooperative')),
  primary key (project_id, household_id)
);
create index project_beneficiary_household_idx on project_beneficiary (household_id);

-- yearly benefit of a beneficiary household from the project (yuan)
create table project_benefit (
  project_id bigint not null,
  household_id bigint not null,
  year smallint not null,
  amount numeric(12, 2) not null check (amount >= 0),
  primary key (project_id, household_id, year),
  foreign key (project_id, household_id) references project_beneficiary (project_id, household_id) on delete cascade
);
create index project_benefit_year_idx on project_benefit (project_id, year);

create table project_fund (
  id bigserial primary key,
  project_id bigint not null references project (id) on delete cascade,
  source text not null check (source in ('central', 'provincial', 'county', 'integrated', 'paired', 'social')),
  year smallint not null,
  allocated numeric(14, 2) not null check (allocated >= 0),
  disbursed numeric(14, 2) not null default 0 check (disbursed >= 0 and disbursed <= allocated),
  unique (project_id, source, year)
);

-- yearly follow-up after completion: operation, asset status, whether beneficiaries' income persists
create table project_followup (
  id bigserial primary key,
  project_id bigint not null references project (id) on delete cascade,
  checked_on date not null,
  operating_status text not null check (operating_status in ('operating', 'partial', 'idle', 'revival')),
  asset_status text not null check (asset_status in ('good', 'damaged', 'lost')),
  income_persists boolean not null,
  revival_plan text,
  note text,
  recorded_by text not null,
  created_at timestamptz not null default now(),
  check (operating_status <> 'revival' or revival_plan is not null)
);
create index project_followup_project_idx on project_followup (project_id, checked_on);

-- 001: regions, code lists, users and sessions, the household registry, audit log.
-- Region codes are the statistical division codes as published (2, 4, 6, 9 or 12 digits):
-- a code is the prefix of all codes below it, so scoping is a prefix range on text in "C" collation.

create table region (
  code varchar(12) collate "C" primary key,
  level smallint not null check (level between 1 and 5),
  parent_code varchar(12) collate "C" references region (code),
  name text not null,
  is_poverty_county boolean not null default false,
  is_poor_village boolean not null default false,
  is_western boolean not null default false,
  synthetic boolean not null default false
);
create index region_parent_idx on region (parent_code);
create index region_name_idx on region (name text_pattern_ops);

create table code_list (
  list text not null,
  code text not null,
  label_zh text not null,
  label_en text not null,
  sort smallint not null default 0,
  primary key (list, code)
);

create table app_user (
  id bigserial primary key,
  username text not null unique,
  display_name text not null,
  password_hash text not null,
  role text not null,
  scope_code varchar(12) collate "C" not null, -- region code prefix; empty = whole country
  disabled boolean not null default false,
  created_at timestamptz not null default now()
);

create table session (
  token_hash text primary key,
  user_id bigint not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index session_user_idx on session (user_id);

create table household (
  id bigserial primary key,
  household_no varchar(20) collate "C" not null unique,
  village_code varchar(12) collate "C" not null references region (code),
  group_no smallint,
  address text,
  phone text,
  bank_name text,
  bank_account text,
  id_standard text,
  household_type text not null,
  status text not null,
  status_date date,
  registered_year smallint,
  exit_year smallint,
  monitoring_category text,
  main_cause text,
  other_causes text[] not null default '{}',
  size smallint not null default 0,
  head_name text collate "C",
  land_cultivated_mu numeric(8, 2),
  land_forest_mu numeric(8, 2),
  house_area_m2 numeric(7, 1),
  house_structure text,
  house_year smallint,
  house_grade char(1) check (house_grade in ('A', 'B', 'C', 'D')),
  relocated boolean not null default false,
  electricity boolean not null default true,
  fuel text,
  safe_water boolean not null default true,
  sanitary_toilet boolean not null default false,
  paved_access boolean not null default true,
  road_distance_km numeric(6, 1),
  market_distance_km numeric(6, 1),
  coop_member boolean not null default false,
  enterprise_tie boolean not null default false,
  industry_type text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index household_village_idx on household (village_code);
create index household_status_idx on household (village_code, status);
create index household_head_name_idx on household (head_name);

create table member (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  name text collate "C" not null,
  sex char(1) not null check (sex in ('1', '2')),
  id_type text not null default 'resident_id',
  id_number varchar(18) collate "C" not null,
  birth_date date not null,
  relation text not null,
  ethnicity text,
  education text,
  student_status text,
  out_of_school_reason text,
  health text,
  disability_grade smallint check (disability_grade between 1 and 4),
  labour_capacity text,
  migrant_place text,
  migrant_months smallint check (migrant_months between 0 and 12),
  migrant_monthly_wage integer,
  welfare_job_months smallint check (welfare_job_months between 0 and 12),
  ins_basic_medical boolean not null default true,
  ins_critical_illness boolean not null default true,
  ins_medical_assistance boolean not null default false,
  ins_pension boolean not null default false,
  is_dibao boolean not null default false,
  is_tekun boolean not null default false,
  member_status text not null default 'present',
  version integer not null default 1
);
create index member_household_idx on member (household_id);
create index member_id_number_idx on member (id_number);
create index member_name_idx on member (name);

-- Yearly income and the status at the end of each year (trend statistics read this table).
create table household_year (
  household_id bigint not null references household (id) on delete cascade,
  year smallint not null,
  village_code varchar(12) collate "C" not null,
  size smallint not null,
  status text not null,
  wage_income numeric(12, 2) not null default 0,
  business_income numeric(12, 2) not null default 0,
  production_cost numeric(12, 2) not null default 0,
  property_income numeric(12, 2) not null default 0,
  transfer_income numeric(12, 2) not null default 0,
  transfer_dibao numeric(12, 2) not null default 0,
  transfer_pension numeric(12, 2) not null default 0,
  transfer_eco numeric(12, 2) not null default 0,
  medical_cost numeric(12, 2) not null default 0,
  net_income numeric(12, 2) not null,
  per_capita_income numeric(12, 2) not null,
  primary key (household_id, year)
);
create index household_year_region_idx on household_year (year, village_code);

create table status_history (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  from_status text,
  to_status text not null,
  changed_on date not null,
  reason text not null,
  actor_id bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index status_history_household_idx on status_history (household_id);

-- Audit log: a hash chain (each hash covers the previous hash and the event's canonical content).
create table audit_event (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id bigint references app_user (id),
  actor_name text not null,
  action text not null,
  entity_type text not null,
  entity_id text,
  region_code varchar(12) collate "C",
  before jsonb,
  after jsonb,
  reason text,
  prev_hash char(64) not null,
  hash char(64) not null
);
create index audit_event_region_idx on audit_event (region_code, id);
create index audit_event_entity_idx on audit_event (entity_type, entity_id);

create table app_meta (
  key text primary key,
  value jsonb not null
);

-- 043: the household's own effort (内生动力, issue 21 item 5; docs/effort.md).
-- Members' employment and skills training records; work relief (以工代赈): projects flagged as work
-- relief paying wages to local members, each wage reaching the household's recorded income month
-- (household_fact income_month, linked by fact_id); the incentive ledger (奖补 / 积分): rules as data
-- per county, one ledger per household (balance never negative: balance_after >= 0), a points shop
-- kept by a village or township; household commitments written into the plan and the progress the
-- household reports, confirmed by its cadre. Every table keyed by region carries its code.

create table member_employment (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint not null references member (id) on delete cascade,
  year smallint not null check (year between 2000 and 2100),
  place text not null check (length(place) between 1 and 200),
  employer text check (length(employer) <= 200),
  reach text not null check (reach in ('local', 'county', 'province', 'out_of_province')),
  months smallint not null check (months between 0 and 12),
  income numeric(12, 2) not null check (income >= 0),
  observed_on date not null,
  source text not null,
  source_ref text,
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null
);
create index member_employment_village_idx on member_employment (village_code);
create index member_employment_household_idx on member_employment (household_id, year);

create table member_training (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint not null references member (id) on delete cascade,
  course text not null check (length(course) between 1 and 200),
  organiser text not null check (length(organiser) between 1 and 200),
  started_on date not null,
  ended_on date not null check (ended_on >= started_on),
  certificate text check (length(certificate) <= 200),
  source text not null,
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null
);
create index member_training_village_idx on member_training (village_code);
create index member_training_household_idx on member_training (household_id);

-- a project of the project library run as work relief (以工代赈)
alter table project add column work_relief boolean not null default false;

create table work_relief_wage (
  id bigserial primary key,
  project_id bigint not null references project (id) on delete cascade,
  -- the household's village (the wage earner's), for prefix scoping
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint not null references member (id) on delete cascade,
  period varchar(7) collate "C" not null check (period ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  days smallint not null check (days between 1 and 31),
  amount numeric(12, 2) not null check (amount > 0),
  paid_on date not null,
  -- the income month fact the wage was written into
  fact_id bigint references household_fact (id),
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null
);
create index work_relief_wage_village_idx on work_relief_wage (village_code);
create index work_relief_wage_project_idx on work_relief_wage (project_id);
create index work_relief_wage_household_idx on work_relief_wage (household_id);

-- the county's incentive rules: points for an agreed action
create table incentive_rule (
  id bigserial primary key,
  county_code varchar(12) collate "C" not null references region (code),
  code text collate "C" not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label_zh text not null check (length(label_zh) between 1 and 100),
  label_en text not null check (length(label_en) between 1 and 100),
  points integer not null check (points between 1 and 10000),
  active boolean not null default true,
  updated_by bigint references app_user (id),
  updated_at timestamptz not null,
  unique (county_code, code)
);

-- the points shop (积分超市) of a village or township
create table shop_item (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null references region (code),
  name text not null check (length(name) between 1 and 100),
  points integer not null check (points between 1 and 100000),
  active boolean not null default true,
  created_by bigint references app_user (id),
  created_at timestamptz not null
);
create index shop_item_region_idx on shop_item (region_code);

create table incentive_entry (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  kind text not null check (kind in ('earn', 'redeem')),
  -- earned points are positive, redeemed negative
  points integer not null check ((kind = 'earn' and points > 0) or (kind = 'redeem' and points < 0)),
  rule_code text collate "C",
  item_id bigint references shop_item (id),
  quantity integer check (quantity between 1 and 100),
  note text,
  balance_after integer not null check (balance_after >= 0),
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null
);
create index incentive_entry_village_idx on incentive_entry (village_code);
create index incentive_entry_household_idx on incentive_entry (household_id, id);

create table household_commitment (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  plan_id bigint references household_plan (id) on delete set null,
  text text not null check (length(text) between 2 and 500),
  due_on date,
  state text not null default 'open' check (state in ('open', 'kept', 'dropped')),
  created_by bigint references app_user (id),
  created_at timestamptz not null
);
create index household_commitment_village_idx on household_commitment (village_code);
create index household_commitment_household_idx on household_commitment (household_id);

create table commitment_progress (
  id bigserial primary key,
  commitment_id bigint not null references household_commitment (id) on delete cascade,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  reported_on date not null,
  text text not null check (length(text) between 1 and 500),
  reported_via text not null check (reported_via in ('portal', 'cadre')),
  confirmed_by bigint references app_user (id),
  confirmed_at timestamptz,
  entry_id bigint references incentive_entry (id)
);
create index commitment_progress_village_idx on commitment_progress (village_code);
create index commitment_progress_commitment_idx on commitment_progress (commitment_id);

-- 007: responsible cadres (帮扶责任人) and their assignments to households, village work teams
-- (驻村工作队) with their members, visits (走访) and the visit plan (minimum visits per year by
-- household kind, kept as data by region prefix). See docs/cadres.md.

create table cadre (
  id bigserial primary key,
  name text not null check (length(trim(name)) > 0),
  work_unit text not null check (length(trim(work_unit)) > 0),
  unit_level text not null check (unit_level in ('province', 'prefecture', 'county', 'township', 'village')),
  phone text,
  -- the region the cadre works in (a village for village cadres, else the unit's region)
  region_code varchar(12) collate "C" not null references region (code),
  -- the login of the cadre, if any ("my households")
  user_id bigint null references app_user (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index cadre_region_idx on cadre (region_code);
create unique index cadre_user_idx on cadre (user_id) where user_id is not null;

-- Assignment history: the current one has end_date null; a hand-over ends it and starts another.
create table cadre_assignment (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  cadre_id bigint not null references cadre (id),
  start_date date not null,
  end_date date null,
  reason text not null,
  end_reason text,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date)
);
create unique index cadre_assignment_current_idx on cadre_assignment (household_id) where end_date is null;
create index cadre_assignment_cadre_idx on cadre_assignment (cadre_id) where end_date is null;
create index cadre_assignment_household_idx on cadre_assignment (household_id, start_date);

-- A village's stationed work team for a period; the current one has end_date null or in the future.
create table work_team (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  sending_unit text not null check (length(trim(sending_unit)) > 0),
  start_date date not null,
  end_date date null,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_date is null or end_date >= start_date)
);
create index work_team_village_idx on work_team (village_code, start_date);

create table work_team_member (
  id bigserial primary key,
  team_id bigint not null references work_team (id) on delete cascade,
  name text not null check (length(trim(name)) > 0),
  role text not null check (role in ('first_secretary', 'leader', 'member')),
  work_unit text,
  phone text,
  cadre_id bigint null references cadre (id)
);
create index work_team_member_team_idx on work_team_member (team_id);
-- one first secretary per team
create unique index work_team_member_secretary_idx on work_team_member (team_id) where role = 'first_secretary';

create table visit (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  cadre_id bigint null references cadre (id),
  -- who recorded it (the cadre's login, or an officer recording on their behalf)
  recorded_by bigint references app_user (id),
  visit_date date not null,
  purpose text not null check (purpose in ('routine', 'policy', 'income', 'plan', 'risk', 'other')),
  findings text not null,
  follow_up text,
  created_at timestamptz not null default now()
);
create index visit_household_idx on visit (household_id, visit_date desc);
create index visit_cadre_idx on visit (cadre_id, visit_date desc);

-- Minimum visits per household and year by household kind; the rule of the longest region prefix
-- applies ('' = national default).
create table visit_plan_rule (
  region_prefix varchar(12) collate "C" not null default '' check (region_prefix ~ '^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})?$'),
  household_kind text not null check (household_kind in ('poor', 'monitored', 'exited')),
  visits_per_year integer not null check (visits_per_year between 0 and 52),
  set_by text not null,
  set_at timestamptz not null default now(),
  reason text not null,
  primary key (region_prefix, household_kind)
);
insert into visit_plan_rule (region_prefix, household_kind, visits_per_year, set_by, reason) values
  ('', 'poor', 4, 'system', 'default: at least one visit a quarter'),
  ('', 'monitored', 6, 'system', 'default: monitored households every two months'),
  ('', 'exited', 2, 'system', 'default: exited households twice a year');

-- 011: early warning against return to poverty (防返贫动态监测预警): signals from the three channels
-- (household self-reports, cadre screening, department lists) and the monitoring-range income
-- check; disaster areas declared by village. A signal is open until a monitoring case is opened for
-- it (case_opened, with the case) or it is dismissed with a reason.

create table warning_signal (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  channel text not null check (channel in ('self_report', 'cadre_screening', 'department', 'income')),
  kind text not null,
  observed_on date not null,
  detail jsonb not null default '{}',
  -- derived signals: what they come from (e.g. 'department_record:12', 'disaster_area:3', 'income:2025');
  -- (household, channel, kind, source) is unique, so deriving again never duplicates
  source text,
  created_by bigint null references app_user (id),
  created_at timestamptz not null default now(),
  status text not null default 'open' check (status in ('open', 'case_opened', 'dismissed')),
  resolved_reason text,
  resolved_by bigint null references app_user (id),
  resolved_at timestamptz,
  case_id bigint null references case_file (id) on delete set null
);
create index warning_signal_household_idx on warning_signal (household_id, status);
create index warning_signal_open_idx on warning_signal (status, household_id) where status = 'open';
create unique index warning_signal_source_uq on warning_signal (household_id, channel, kind, source)
  where source is not null;

-- A village declared a disaster area (flood, drought, …) from a department's list keyed by village code.
create table disaster_area (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  kind text not null,
  started_on date not null,
  ended_on date,
  severity text not null default 'moderate' check (severity in ('minor', 'moderate', 'severe')),
  source text,
  note text,
  created_by bigint null references app_user (id),
  created_at timestamptz not null default now(),
  unique (village_code, kind, started_on)
);
create index disaster_area_village_idx on disaster_area (village_code);

-- Data-quality and fabrication signals (docs/quality.md): runs of the check catalogue, their
-- findings, evaluation dates (the edit-burst signal), and who entered each year's incomes.

-- The data collector who entered a household's incomes for the year (Benford by collector).
alter table household_year add column recorded_by text;

create table quality_run (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null, -- the scope checked ('' = whole country)
  trigger text not null check (trigger in ('manual', 'schedule', 'cli')),
  actor_id bigint references app_user (id) on delete set null,
  actor_name text not null,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  -- per check: { id, findings, households, statistic summary, threshold, skipped reason }
  checks jsonb not null default '[]',
  findings integer not null default 0
);
create index quality_run_region_idx on quality_run (region_code, id desc);

create table quality_finding (
  id bigserial primary key,
  run_id bigint not null references quality_run (id) on delete cascade,
  check_id text not null,
  household_id bigint references household (id) on delete cascade,
  region_code varchar(12) collate "C" not null, -- village of the household, or the region of a statistic
  subject text, -- e.g. the data collector or the account of an edit burst
  detail jsonb not null default '{}', -- the values that triggered it
  statistic jsonb -- the test statistic of the group it belongs to (z, p, MAD, …)
);
create index quality_finding_run_idx on quality_finding (run_id, check_id, region_code);
create index quality_finding_household_idx on quality_finding (household_id);

-- Dates of evaluations and inspections (third-party evaluation, provincial checks) by region.
create table quality_evaluation_date (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null,
  eval_date date not null,
  name text not null,
  synthetic boolean not null default false,
  unique (region_code, eval_date)
);

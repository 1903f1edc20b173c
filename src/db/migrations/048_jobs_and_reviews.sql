-- 048: batch work in the app (issue 20 item 8; docs/jobs.md).
-- background_job: the batch evaluation and the quality checks started from the web, run in the
-- background of the server process; progress, the result's run id and a heartbeat are written as the
-- job goes, so that a page reload reads its state back. One running job per region line at a time
-- (checked under an advisory lock by the jobs service); a running job whose heartbeat stopped (the
-- server ended) is marked interrupted.
create table background_job (
  id bigserial primary key,
  kind text not null check (kind in ('evaluation', 'quality')),
  region_code varchar(12) collate "C" not null, -- the region worked on ('' = the whole country)
  year smallint check (year between 2000 and 2100), -- the income year of a batch evaluation
  status text not null check (status in ('running', 'done', 'failed', 'interrupted')),
  step text, -- the step under way (a quality check's id) or the last one done
  done integer not null default 0 check (done >= 0),
  total integer not null default 0 check (total >= 0),
  result_id bigint, -- the run written: evaluation_run.id or quality_run.id
  summary jsonb, -- a short summary of the run (households, items, findings)
  message text, -- why a job failed
  started_by bigint references app_user (id) on delete set null,
  started_by_name text not null,
  started_at timestamptz not null,
  heartbeat_at timestamptz not null default now(),
  finished_at timestamptz
);
create index background_job_region_idx on background_job (region_code, id desc);
create index background_job_running_idx on background_job (id) where status = 'running';

-- A reviewer's decision on a quality finding: confirmed (a real error, to be fixed) or dismissed
-- (with the reason, e.g. a verified true value). Findings are rewritten by every run, so the decision
-- is keyed by what a finding is about (check, region, household, subject) and applies to the same
-- finding in later runs; finding_id is the finding the reviewer saw.
create table quality_finding_review (
  id bigserial primary key,
  check_id text not null,
  region_code varchar(12) collate "C" not null,
  household_id bigint, -- fk: household (null for a finding about a region or an account)
  subject text not null default '',
  finding_id bigint,
  decision text not null check (decision in ('confirmed', 'dismissed')),
  reason text check (length(reason) <= 500),
  reviewed_by bigint references app_user (id) on delete set null,
  reviewed_by_name text not null,
  reviewed_at timestamptz not null,
  check (decision = 'confirmed' or coalesce(length(reason), 0) >= 2)
);
create unique index quality_finding_review_key on quality_finding_review
  (check_id, region_code, (coalesce(household_id, 0)), subject);
create index quality_finding_review_region_idx on quality_finding_review (region_code);

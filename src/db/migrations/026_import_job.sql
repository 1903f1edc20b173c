-- Import jobs kept across a restart (docs/import.md, "Jobs"). A web import's job row is written when it
-- starts (status running) and updated with its report inside the import's own transaction, so a row
-- reads done exactly when the data committed. A row still running whose process is gone (host, pid and
-- the process's start time) is marked interrupted by the next start, which then vacuums the registry
-- tables the import wrote (a killed import's rows are dead space until then). CLI imports write a row
-- too (origin cli, no owner), so that a killed CLI import is recovered the same way.
-- region_code: the importer's scope ('' = whole country).
create table import_job (
  id uuid primary key,
  origin text not null check (origin in ('web', 'cli')),
  owner_id bigint references app_user (id) on delete set null,
  region_code text not null default '',
  status text not null check (status in ('running', 'done', 'failed', 'interrupted')),
  filename text not null,
  accept_valid boolean not null default false,
  dry_run boolean not null default false,
  bulk boolean not null default false,
  bytes bigint not null default 0,
  rows bigint not null default 0,
  started_at timestamptz not null,
  finished_at timestamptz,
  message text,
  -- the report (errors included, at most the import's maxErrors) once done
  report jsonb,
  committed boolean not null default false,
  host text not null,
  pid integer not null,
  proc_start text,
  vacuumed_at timestamptz
);
create index import_job_running_idx on import_job (host) where status = 'running';
create index import_job_region_idx on import_job (region_code, started_at desc);

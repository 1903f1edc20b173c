-- Burden meter (减负): what the system derives instead of asking villages (report_log), and the
-- register of data requests and inspections from higher levels.

create table report_log (
  id bigserial primary key,
  kind text not null,
  region_code varchar(12) collate "C" not null,
  year smallint,
  format text not null check (format in ('xlsx', 'csv', 'print', 'json')),
  rows integer not null default 0,
  cells integer not null default 0,
  head_hash char(64) not null,
  generated_by bigint references app_user (id),
  generated_at timestamptz not null default now()
);
create index report_log_region_idx on report_log (region_code, generated_at);

create table data_request (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null references region (code),
  requester text not null,
  requester_level text not null check (requester_level in ('national', 'province', 'prefecture', 'county', 'township', 'other')),
  title text not null,
  items text[] not null default '{}',
  received_on date not null,
  due_on date,
  status text not null default 'open' check (status in ('open', 'answered_by_report', 'answered_by_villages', 'declined')),
  response_note text,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now(),
  version integer not null default 1
);
create index data_request_region_idx on data_request (region_code, received_on);

create table inspection (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null references region (code),
  inspector text not null,
  inspector_level text not null check (inspector_level in ('national', 'province', 'prefecture', 'county', 'township', 'other')),
  purpose text not null,
  start_on date not null,
  days smallint not null check (days between 1 and 60),
  note text,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index inspection_region_idx on inspection (region_code, start_on);

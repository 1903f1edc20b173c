-- The household portal (access codes, sessions, ratings of help) and grievances with deadlines.

-- A household's portal access code: only its scrypt hash is stored; the code is shown once when issued.
-- Repeated failures lock the household's sign-in for a while (failed_count, locked_until).
create table portal_access (
  household_id bigint primary key references household (id) on delete cascade,
  code_hash text not null,
  issued_at timestamptz not null default now(),
  issued_by bigint references app_user (id) on delete set null,
  failed_count integer not null default 0,
  locked_until timestamptz
);

-- Portal sessions: their own table and cookie; a portal session is never a staff session.
create table portal_session (
  token_hash text primary key,
  household_id bigint not null references household (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index portal_session_household_idx on portal_session (household_id);

-- The household's rating of the help received: for a year as a whole (measure_id null) or one measure.
create table help_rating (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null references region (code),
  year smallint not null,
  measure_id bigint references plan_measure (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  comment text,
  rated_at timestamptz not null default now(),
  synthetic boolean not null default false
);
create unique index help_rating_one_idx on help_rating (household_id, year, coalesce(measure_id, 0));
create index help_rating_region_idx on help_rating (village_code, year);

-- Deadlines of grievances, as data: days to acknowledge and to resolve, per kind.
create table grievance_deadline (
  kind text primary key,
  ack_days integer not null check (ack_days > 0),
  resolve_days integer not null check (resolve_days > 0)
);
insert into grievance_deadline (kind, ack_days, resolve_days) values
  ('identification_unfair', 3, 15), ('exit_unfair', 3, 15), ('help_not_delivered', 3, 15),
  ('cadre_conduct', 3, 15), ('funds_misuse', 3, 15), ('other', 3, 15);

-- A grievance from a household (portal) or the public (anonymous allowed), routed to a township.
create table grievance (
  id bigserial primary key,
  tracking_code varchar(16) collate "C" not null unique,
  channel text not null check (channel in ('portal', 'public')),
  household_id bigint references household (id) on delete cascade,
  kind text not null references grievance_deadline (kind),
  region_code varchar(12) collate "C" not null references region (code), -- the village or township chosen
  township_code varchar(9) collate "C" not null references region (code), -- routed to
  county_code varchar(6) collate "C" not null references region (code), -- escalated to
  description text not null,
  anonymous boolean not null default false,
  contact_name text,
  contact_phone text,
  state text not null default 'received'
    check (state in ('received', 'acknowledged', 'resolved', 'closed')),
  filed_at timestamptz not null default now(),
  ack_due_at timestamptz not null,
  resolve_due_at timestamptz not null,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  outcome text,
  feedback text check (feedback in ('satisfied', 'not_satisfied')),
  feedback_comment text,
  feedback_at timestamptz,
  reopen_count integer not null default 0,
  escalated_at timestamptz,
  escalation_reason text check (escalation_reason in ('ack_overdue', 'resolve_overdue')),
  closed_at timestamptz,
  synthetic boolean not null default false,
  check ((channel = 'portal') = (household_id is not null))
);
create index grievance_township_idx on grievance (township_code, state);
create index grievance_household_idx on grievance (household_id) where household_id is not null;
create index grievance_open_due_idx on grievance (state, escalated_at) where state in ('received', 'acknowledged');

-- The history of a grievance: filing, acknowledgement, resolution, feedback, reopening, escalation.
create table grievance_event (
  id bigserial primary key,
  grievance_id bigint not null references grievance (id) on delete cascade,
  at timestamptz not null default now(),
  action text not null,
  actor_name text not null,
  note text
);
create index grievance_event_grievance_idx on grievance_event (grievance_id, id);

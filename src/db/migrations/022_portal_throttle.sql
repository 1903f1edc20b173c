-- Portal sign-in (docs/portal-and-grievances.md): no lockout any more. Wrong codes slow further tries
-- of the household and of the source address down (growing delays, capped); the failures are kept
-- for the household's cadre.

-- failed_count: wrong codes in a row (since the last sign-in, the code's issue or a quiet hour);
-- retry_at: no try of this household before this instant; last_failed_at: the latest wrong code;
-- failures_total / failures_since: wrong codes since the code was issued, shown to the cadre.
alter table portal_access rename column locked_until to retry_at;
alter table portal_access
  add column last_failed_at timestamptz,
  add column failures_total integer not null default 0,
  add column failures_since timestamptz;

-- Wrong sign-ins per source address (across households); a row is forgotten after a quiet hour.
create table portal_login_source (
  source text primary key,
  failed_count integer not null,
  last_failed_at timestamptz not null,
  retry_at timestamptz
);
create index portal_login_source_last_idx on portal_login_source (last_failed_at);

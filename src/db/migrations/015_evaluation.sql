-- Third-party evaluation samples (第三方评估): a stratified two-stage sample of a county's villages
-- and households, the field checks recorded on it, and (computed on read) design-based estimates.

create table evaluation_sample (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null references region (code),
  year smallint not null,
  seed text not null,
  villages_per_township smallint not null check (villages_per_township >= 1),
  exited_per_village smallint not null check (exited_per_village >= 0),
  other_per_village smallint not null check (other_per_village >= 0),
  note text,
  created_by bigint references app_user (id),
  created_at timestamptz not null default now()
);
create index evaluation_sample_region_idx on evaluation_sample (region_code);

create table evaluation_sample_village (
  sample_id bigint not null references evaluation_sample (id) on delete cascade,
  village_code varchar(12) collate "C" not null references region (code),
  township_code varchar(12) collate "C" not null,
  township_villages integer not null check (township_villages >= 1),
  township_sampled integer not null check (township_sampled >= 1),
  primary key (sample_id, village_code)
);

create table evaluation_sample_cell (
  sample_id bigint not null references evaluation_sample (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  stratum text not null check (stratum in ('exited', 'outside_vulnerable', 'outside_other')),
  frame integer not null check (frame >= 0),
  sampled integer not null check (sampled >= 0),
  primary key (sample_id, village_code, stratum)
);

create table evaluation_sample_household (
  id bigserial primary key,
  sample_id bigint not null references evaluation_sample (id) on delete cascade,
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  township_code varchar(12) collate "C" not null,
  stratum text not null check (stratum in ('exited', 'outside_vulnerable', 'outside_other')),
  weight double precision not null check (weight > 0),
  -- the field check: pending until recorded; unreachable households are non-respondents
  check_status text not null default 'pending' check (check_status in ('pending', 'checked', 'unreachable')),
  -- exited households: exited although the exit standard is not met (错退)
  wrongly_exited boolean,
  -- households outside the registry: meet the identification standard (漏评)
  eligible_unregistered boolean,
  -- every household: approves of the poverty-alleviation work (群众认可)
  approves boolean,
  note text,
  checked_by bigint references app_user (id),
  checked_at timestamptz,
  version integer not null default 1,
  unique (sample_id, household_id),
  check (stratum = 'exited' or wrongly_exited is null),
  check (stratum <> 'exited' or eligible_unregistered is null)
);
create index evaluation_sample_household_sample_idx on evaluation_sample_household (sample_id, village_code);

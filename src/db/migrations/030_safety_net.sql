-- Safety net (issue 18): the dibao and 特困 rolls with their history, temporary assistance,
-- sectoral assistance records, monthly payment lists and their lines, and parameter overrides.
-- Every table keyed by region carries its region code (collate "C") with an index usable for
-- prefix scoping (src/kernel/scope.ts inRegion).

-- 特困 gets its own procedure (a 特困 candidate no longer opens a dibao case).
alter table case_file drop constraint if exists case_file_kind_check;
alter table case_file add constraint case_file_kind_check
  check (kind in ('identification', 'exit', 'monitoring', 'dibao', 'tekun'));

-- Overrides of the safety-net parameters (src/domain/safety-net/params.ts) by region and date:
-- the longest region prefix wins, then the latest effective_from on or before the day.
create table safety_net_param (
  id bigserial primary key,
  region_code varchar(12) collate "C" not null default '',
  effective_from date not null,
  values jsonb not null,
  note text,
  set_by bigint references app_user (id),
  set_at timestamptz not null,
  unique (region_code, effective_from)
);

-- One entry per household and programme while it is paid (active or in gradual exit); a ceased
-- entry stays for the record. dibao and 特困 exclude each other: at most one open entry per household.
create table assistance_roll (
  id bigserial primary key,
  programme text not null check (programme in ('dibao', 'tekun')),
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  -- 单人户: the one member covered alone (seriously ill or severely disabled in a near-dibao family)
  member_id bigint references member (id) on delete set null,
  case_id bigint references case_file (id) on delete set null,
  -- dibao: A/B/C or full/partial (parameter); 特困: centralised/dispersed
  category text not null,
  care_level text check (care_level in ('self_care', 'partly_dependent', 'fully_dependent')),
  persons integer not null check (persons > 0),
  monthly_amount numeric(12, 2) not null check (monthly_amount >= 0),
  -- the benefit's computation and reasons at the last decision
  computation jsonb not null default '{}',
  state text not null check (state in ('active', 'gradual_exit', 'ceased')),
  start_month date not null,
  -- last paid month of a ceased entry
  end_month date,
  gradual_exit_until date,
  review_kind text,
  next_review_on date,
  cessation_reason text check (cessation_reason in ('income', 'death', 'moved', 'refusal', 'fraud', 'other')),
  ceased_on date,
  appeal jsonb,
  created_by bigint references app_user (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  version integer not null default 1
);
create index assistance_roll_region_idx on assistance_roll (village_code, programme, state);
create index assistance_roll_household_idx on assistance_roll (household_id);
create index assistance_roll_review_idx on assistance_roll (next_review_on) where state <> 'ceased';
create unique index assistance_roll_one_open on assistance_roll (household_id) where state <> 'ceased';

-- Every decision on a roll entry: start, review (raise/lower/keep/gradual exit/stop), cessation, appeal.
create table assistance_roll_change (
  id bigserial primary key,
  roll_id bigint not null references assistance_roll (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  kind text not null check (kind in ('start', 'review', 'cease', 'appeal', 'gradual_exit_end', 'correct')),
  decision text not null,
  effective_month date not null,
  amount_before numeric(12, 2),
  amount_after numeric(12, 2) not null,
  reasons jsonb not null default '[]',
  computation jsonb not null default '{}',
  note text,
  decided_by bigint references app_user (id),
  decided_at timestamptz not null
);
create index assistance_roll_change_roll_idx on assistance_roll_change (roll_id, id);
create index assistance_roll_change_region_idx on assistance_roll_change (village_code);

-- 临时救助: emergency (急难型, may be aided first and regularised after) or expenditure-driven (支出型).
create table temporary_assistance (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  type text not null check (type in ('emergency', 'expenditure')),
  cause text not null,
  fast_track boolean not null default false,
  state text not null check (state in ('applied', 'aided', 'approved', 'denied', 'regularised')),
  requested_amount numeric(12, 2) not null check (requested_amount > 0),
  amount numeric(12, 2),
  approval_level text check (approval_level in ('township', 'county')),
  applied_on date not null,
  decided_on date,
  -- the month whose payment list carries it
  pay_month date,
  regularise_by date,
  regularised_on date,
  reasons jsonb not null default '[]',
  note text,
  created_by bigint references app_user (id),
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index temporary_assistance_region_idx on temporary_assistance (village_code, applied_on);
create index temporary_assistance_household_idx on temporary_assistance (household_id, applied_on);

-- Medical, education and housing assistance paid by civil affairs or listed by a department.
create table sectoral_assistance (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  member_id bigint references member (id) on delete set null,
  sector text not null check (sector in ('medical', 'education', 'housing')),
  occurred_on date not null,
  amount numeric(12, 2) not null check (amount >= 0),
  -- medical: totalCost, basicPaid, criticalPaid, selfPaid; education: stage; housing: grade, done
  details jsonb not null default '{}',
  source text not null check (source in ('civil_affairs', 'department_list')),
  source_ref text,
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null
);
create index sectoral_assistance_region_idx on sectoral_assistance (village_code, sector, occurred_on);
create index sectoral_assistance_household_idx on sectoral_assistance (household_id, occurred_on);

-- The monthly payment list of a county (dibao, 特困, temporary assistance) and its lines.
create table payment_list (
  id bigserial primary key,
  county_code varchar(12) collate "C" not null,
  month date not null,
  state text not null check (state in ('draft', 'exported')),
  totals jsonb not null default '{}',
  exports integer not null default 0,
  created_by bigint references app_user (id),
  created_at timestamptz not null,
  unique (county_code, month)
);

create table payment_line (
  id bigserial primary key,
  list_id bigint not null references payment_list (id) on delete cascade,
  village_code varchar(12) collate "C" not null,
  household_id bigint not null references household (id) on delete cascade,
  programme text not null check (programme in ('dibao', 'tekun', 'temporary')),
  roll_id bigint references assistance_roll (id) on delete set null,
  temporary_id bigint references temporary_assistance (id) on delete set null,
  amount numeric(12, 2) not null,
  -- due: to be paid; returned: the bank sent it back; a correction line references the line it corrects
  state text not null check (state in ('due', 'returned', 'correction')),
  corrects bigint references payment_line (id),
  note text,
  updated_at timestamptz not null
);
create index payment_line_list_idx on payment_line (list_id, village_code);
create index payment_line_region_idx on payment_line (village_code);

-- change capture (024) of the money tables: a change written outside the application shows in
-- `audit verify`.
do $$
declare
  t text;
begin
  foreach t in array array['assistance_roll', 'assistance_roll_change', 'temporary_assistance',
                           'sectoral_assistance', 'payment_line']
  loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows '
                   'for each statement execute function row_change_capture(%L)', t || '_rc_ins', t, 'region');
    execute format('create trigger %I after update on %I referencing new table as new_rows '
                   'for each statement execute function row_change_capture(%L)', t || '_rc_upd', t, 'region');
    execute format('create trigger %I after delete on %I referencing old table as old_rows '
                   'for each statement execute function row_change_capture(%L)', t || '_rc_del', t, 'region');
  end loop;
end $$;

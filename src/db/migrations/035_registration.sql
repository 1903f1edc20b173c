-- 035: registering a household in the app (docs/field.md "Registering a household").
-- A draft of the 农户信息采集表 that a village cadre saves incomplete and finishes later: the form as
-- typed (JSON, checked only on submit), its owner and a version (a stale save is refused: the
-- offline queue sends the version it was based on). Submitted drafts keep the household they created.
create table registration_draft (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  owner_id bigint not null references app_user (id),
  payload jsonb not null default '{}',
  version integer not null default 1,
  state text not null default 'open' check (state in ('open', 'submitted', 'discarded')),
  household_id bigint references household (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- the cadre's drafts, and drafts of a region (prefix scoping)
create index registration_draft_owner_idx on registration_draft (owner_id, state, updated_at desc);
create index registration_draft_village_idx on registration_draft (village_code, state);

-- A dated change of a household's members (birth, marriage in or out, death, moving out or in): the
-- member list changes through these events, each audited, never by a silent edit.
create table member_event (
  id bigserial primary key,
  village_code varchar(12) collate "C" not null references region (code),
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint not null references member (id) on delete cascade,
  kind text not null check (kind in ('birth', 'marriage_in', 'marriage_out', 'death', 'move_out', 'move_in')),
  event_date date not null,
  note text not null default '',
  recorded_by bigint references app_user (id),
  recorded_at timestamptz not null default now()
);
create index member_event_household_idx on member_event (household_id, event_date desc, id desc);
create index member_event_village_idx on member_event (village_code);

create trigger member_event_rc_ins after insert on member_event referencing new table as new_rows
  for each statement execute function row_change_capture('region');
create trigger member_event_rc_upd after update on member_event referencing new table as new_rows
  for each statement execute function row_change_capture('region');
create trigger member_event_rc_del after delete on member_event referencing old table as old_rows
  for each statement execute function row_change_capture('region');

-- the red-line check before a registration: department records of the applicants' ID numbers
create index if not exists department_record_id_number_idx on department_record (id_number);

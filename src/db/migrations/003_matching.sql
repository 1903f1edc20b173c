-- 003: cross-department matching (department lists, their records, flags in a review queue) and
-- duplicates (dismissed groups, households archived by a merge).

-- A list sent by another department (vehicles, real estate, deaths, …), imported once per file:
-- the same file (kind, sha256) imported again in the same scope reuses the list.
create table department_list (
  id bigserial primary key,
  kind text not null,
  department text,
  file_name text not null,
  sha256 char(64) not null,
  scope_code varchar(12) collate "C" not null default '', -- region prefix matched; '' = whole country
  imported_at timestamptz not null default now(),
  imported_by bigint references app_user (id),
  imported_by_name text not null,
  rows integer not null default 0,
  invalid_ids integer not null default 0,
  unique (kind, sha256, scope_code)
);

create table department_record (
  id bigserial primary key,
  list_id bigint not null references department_list (id) on delete cascade,
  row_no integer not null,
  id_number varchar(32) collate "C" not null default '', -- as written (upper case, no spaces)
  id_valid boolean not null, -- GB 11643 valid: only valid numbers are matched by ID
  name text collate "C" not null default '',
  birth_date date,
  attributes jsonb not null default '{}'
);
create index department_record_list_idx on department_record (list_id);

-- A hit of a department record on a registry member, in the review queue. One flag per member,
-- list kind, match type and record ID number: re-importing a list never duplicates flags.
create table match_flag (
  id bigserial primary key,
  household_id bigint not null references household (id) on delete cascade,
  member_id bigint not null references member (id) on delete cascade,
  list_kind text not null,
  list_id bigint not null references department_list (id) on delete cascade,
  record_id bigint not null references department_record (id) on delete cascade,
  record_id_number varchar(32) collate "C" not null,
  match_type text not null check (match_type in ('exact_id', 'fuzzy_name_birth')),
  flag_kind text not null,
  effect text not null check (effect in ('block', 'exception', 'warning', 'help')),
  reasons jsonb not null default '[]',
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'dismissed')),
  reviewer_id bigint references app_user (id),
  reviewer_name text,
  reviewed_at timestamptz,
  reason text,
  created_at timestamptz not null default now(),
  unique (member_id, list_kind, match_type, record_id_number)
);
create index match_flag_household_idx on match_flag (household_id);
create index match_flag_status_idx on match_flag (status, list_kind);
create index match_flag_list_idx on match_flag (list_id);

-- Duplicate groups a reviewer judged not to be duplicates; the key names the members or households
-- of the group (ascending ids joined by '-'), so a new member joining the group shows it again.
create table duplicate_dismissal (
  kind text not null check (kind in ('same_id', 'near_person', 'same_household')),
  key text collate "C" not null,
  region_code varchar(12) collate "C",
  reason text not null,
  dismissed_by bigint references app_user (id),
  dismissed_by_name text not null,
  dismissed_at timestamptz not null default now(),
  primary key (kind, key)
);

-- A household removed by a merge: the whole record (household, members left behind, yearly income,
-- status history) kept as it was, with the household it was merged into.
create table household_archive (
  id bigserial primary key,
  household_id bigint not null, -- the id it had in `household`
  household_no varchar(20) collate "C" not null,
  village_code varchar(12) collate "C" not null,
  merged_into bigint references household (id) on delete set null,
  reason text not null,
  snapshot jsonb not null,
  archived_by bigint references app_user (id),
  archived_by_name text not null,
  archived_at timestamptz not null default now()
);
create index household_archive_village_idx on household_archive (village_code);
create index household_archive_merged_idx on household_archive (merged_into);

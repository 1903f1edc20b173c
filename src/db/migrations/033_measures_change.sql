-- 033: change marks of the measures cache shared by every server process (issue 22, docs/scaling.md).
-- Until now the triggers of 010 marked villages in measures_dirty and the measures service deleted the
-- marks it read: a second server process never saw the marks the first one took. Now a write appends
-- (village, its transaction id) to a log that no reader deletes; each process (each cached store)
-- keeps its own high-water mark: the xmin of the snapshot it last read the log in (every transaction
-- below it has ended, so no mark below it can still appear), and reads the marks at or above it.
-- Marks older than an hour are pruned; `measures_change_floor` records the highest pruned id, and a
-- store whose mark is below it is read again whole.

create table measures_change (
  xid xid8 not null default pg_current_xact_id(),
  village_code varchar(12) collate "C" not null, -- '*' = a policy change (lines are read again)
  changed_at timestamptz not null default now()
);
create index measures_change_xid on measures_change (xid);
create index measures_change_village on measures_change (village_code);

create table measures_change_floor (
  one boolean primary key default true check (one),
  upto xid8 not null default '0'
);
insert into measures_change_floor default values;

create or replace function measures_mark_new() returns trigger language plpgsql as $$
begin
  insert into measures_change (village_code) select distinct village_code from new_rows;
  return null;
end $$;

create or replace function measures_mark_old() returns trigger language plpgsql as $$
begin
  insert into measures_change (village_code) select distinct village_code from old_rows;
  return null;
end $$;

create or replace function measures_mark_member_new() returns trigger language plpgsql as $$
begin
  insert into measures_change (village_code)
    select distinct h.village_code from new_rows m join household h on h.id = m.household_id;
  return null;
end $$;

create or replace function measures_mark_member_old() returns trigger language plpgsql as $$
begin
  insert into measures_change (village_code)
    select distinct h.village_code from old_rows m join household h on h.id = m.household_id;
  return null;
end $$;

create or replace function measures_mark_policy() returns trigger language plpgsql as $$
begin
  insert into measures_change (village_code) values ('*');
  return null;
end $$;

drop table measures_dirty;

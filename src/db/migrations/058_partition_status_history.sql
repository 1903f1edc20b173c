-- 058: status_history partitioned by province, as 057 did for visits, warning signals and quality
-- findings (docs/scaling.md#partitions).
--
-- status_history had no region code: it gains `village_code` (not null), its household's current
-- village read from the national key in the copy, given by every insert, and kept equal to the
-- household's when the household moves (household_rows_follow, extended below). No foreign key
-- points at status_history, so its primary key may become (id, village_code). Its change-capture
-- triggers (024_audit_insider.sql) and its index are re-created on the partitioned table.

-- 057's helpers (dropped at its end), the same.
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

select jz_partition_leaf('status_history', 'village_code');
-- a region's changes of status (its exits of a year, its removals from monitoring)
create index status_history_village_idx on status_history (village_code, to_status, changed_on);

drop function jz_partition_leaf(text, text);
drop function jz_move_indexes_and_triggers(text, text, text);

-- a household that moves: its visits, signals and status history follow (their village is the
-- household's), across provinces too
create or replace function household_rows_follow() returns trigger language plpgsql as $$
begin
  update visit set village_code = new.village_code where household_id = new.id and village_code <> new.village_code;
  update warning_signal set village_code = new.village_code
    where household_id = new.id and village_code <> new.village_code;
  update status_history set village_code = new.village_code
    where household_id = new.id and village_code <> new.village_code;
  return new;
end $$;

-- Villages added later get the partitions of status_history too.
create or replace function jz_ensure_province_partitions(provinces text[]) returns integer language plpgsql
  security definer set search_path = public as $$
declare p text; t text; made integer := 0;
begin
  foreach p in array provinces loop
    foreach t in array array['household', 'member', 'household_year', 'quality_finding', 'visit', 'warning_signal',
      'status_history'] loop
      if jz_province_partition(t, p) then made := made + 1; end if;
    end loop;
  end loop;
  return made;
end $$;

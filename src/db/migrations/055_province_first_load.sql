-- 055: the first load of a province into tables of its own, swapped in for its empty partitions
-- (issue 22 item 7; docs/import.md, "A province's first load"; src/modules/import/partition-load.ts).
--
-- When the partitions of a province hold no rows yet, the import COPYs that province's households,
-- members and yearly rows into fresh standalone tables shaped like the partitions (no secondary index,
-- no foreign key, no trigger), then — still in the import's one transaction — builds their indexes in
-- one pass each, validates their foreign keys once, inserts their national keys (household_key,
-- member_key) set-based, writes what the registry tables' INSERT triggers would have written, and
-- swaps them in for the empty partitions (DETACH + ATTACH: a few milliseconds under the parent's
-- lock). A failed or killed import rolls all of it back: the tables it made vanish, the partitions
-- stay as they were.
--
-- The functions run as the tables' owner (security definer, as jz_ensure_province_partitions): the
-- server's app role owns nothing and may not create, attach or detach tables.

-- The three registry tables, in the order they are loaded and swapped.
create function jz_registry_tables() returns text[] language sql immutable as $$
  select array['household', 'member', 'household_year']
$$;

-- The name of the table that stands in for partition `tbl`_p`p` during this transaction's load.
create function jz_load_table(tbl text, p text) returns text language sql as $$
  select format('jz_load_%s_p%s_%s', tbl, p, pg_current_xact_id())
$$;

-- Start a first load of province `p`: true (and the three load tables made, the caller may insert
-- into them) when its partitions exist and hold no rows and no other import is loading it; false
-- otherwise (the caller writes into the live tables as usual).
create function jz_load_province_begin(p text) returns boolean language plpgsql
  security definer set search_path = public as $$
declare t text; nonempty boolean; stage text;
begin
  if p is null or p not in (select * from jz_province_codes()) then return false; end if;
  if to_regclass(jz_load_table('household', p)) is not null then return true; end if;
  -- one first load of a province at a time: another import of it meanwhile writes the live tables
  if not pg_try_advisory_xact_lock(7340055, p::int) then return false; end if;
  foreach t in array jz_registry_tables() loop
    if to_regclass(t || '_p' || p) is null then return false; end if;
    execute format('select exists (select 1 from %I)', t || '_p' || p) into nonempty;
    if nonempty then return false; end if;
  end loop;
  foreach t in array jz_registry_tables() loop
    stage := jz_load_table(t, p);
    execute format('create table %I (like %I including defaults including constraints)', stage, t);
    if session_user <> current_user then
      execute format('grant select, insert on %I to %I', stage, session_user);
    end if;
  end loop;
  return true;
end $$;

-- Everything of the load that needs no lock of the live tables: the national keys (set-based, into the
-- live key tables and their unique indexes), the load tables' keys and indexes (one sorted pass
-- each), their foreign keys (validated once, so that ATTACH reuses them), the CHECK of the partition's
-- range (so that ATTACH need not scan them), and what the INSERT triggers of household, member and
-- household_year write for the rows (statistics marks, measures change marks, change capture, plan
-- fit resets). Refuses (an exception) when the registry tables carry an INSERT trigger it does not
-- know: its effect would be lost.
create function jz_load_province_build(p text) returns void language plpgsql
  security definer set search_path = public as $$
declare
  t text; stage text; r record;
  lo text := p; hi text := lpad((p::int + 1)::text, 2, '0');
  known text[] := array['household_key_sync', 'member_key_sync', 'household_year_one_village', 'stats_mark_new',
    'measures_mark_new', 'measures_mark_member_new', 'row_change_capture', 'plan_fit_reset_members_new'];
begin
  for r in
    select tg.tgname, tg.tgrelid::regclass::text as tbl, f.proname from pg_trigger tg join pg_proc f on f.oid = tg.tgfoid
    where tg.tgrelid = any (array(select x::regclass from unnest(jz_registry_tables()) x)) and not tg.tgisinternal
      and tg.tgtype & 4 <> 0 -- INSERT
  loop
    if not r.proname = any (known) then
      raise exception 'the province load does not know the insert trigger % on % (function %)', r.tgname, r.tbl, r.proname;
    end if;
  end loop;
  perform set_config('maintenance_work_mem', '256MB', true);
  -- the national keys first: the foreign keys below reference them
  execute format('insert into household_key (id, household_no, village_code) select id, household_no, village_code from %I',
    jz_load_table('household', p));
  execute format('insert into member_key (id, household_id, id_number, village_code, present)
    select id, household_id, id_number, village_code, member_status = ''present'' from %I', jz_load_table('member', p));
  foreach t in array jz_registry_tables() loop
    stage := jz_load_table(t, p);
    -- primary and unique keys as constraints (ATTACH matches a constraint of the parent to a constraint)
    for r in select pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = t::regclass and contype in ('p', 'u') loop
      execute format('alter table %I add %s', stage, r.def);
    end loop;
    for r in select pg_get_indexdef(i.indexrelid) as def from pg_index i where i.indrelid = t::regclass
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = t::regclass) loop
      execute regexp_replace(r.def, '^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+ ', 'CREATE \1INDEX ON ' || quote_ident(stage) || ' ');
    end loop;
    for r in select conname, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = t::regclass and contype = 'f' loop
      execute format('alter table %I add constraint %I %s', stage, r.conname, r.def);
    end loop;
    execute format('alter table %I add constraint %I check (village_code is not null and village_code >= %L and village_code < %L)',
      stage, t || '_p' || p || '_range', lo, hi);
    -- what the INSERT statement triggers write for these rows (the row triggers' keys are above; a
    -- new household has no yearly row under another village, so household_year_one_village does nothing)
    for r in select distinct f.proname, tg.tgargs from pg_trigger tg join pg_proc f on f.oid = tg.tgfoid
      where tg.tgrelid = t::regclass and not tg.tgisinternal and tg.tgtype & 4 <> 0 and tg.tgenabled <> 'D' loop
      if r.proname = 'stats_mark_new' then
        execute format('insert into stats_dirty (village_code) select distinct village_code from %I on conflict do nothing', stage);
      elsif r.proname in ('measures_mark_new', 'measures_mark_member_new') then
        -- a member's village is its household's
        execute format('insert into measures_change (village_code) select distinct village_code from %I', stage);
      elsif r.proname = 'row_change_capture' then
        -- one row for the table's load (its counties: the rows' own villages, which are their households')
        execute format('insert into row_change (tbl, op, rows, regions, db_user)
          select %L, ''insert'', count(*), coalesce(array_agg(distinct left(village_code, 6)), ''{}''), session_user
          from %I having count(*) > 0', t, stage);
      elsif r.proname = 'plan_fit_reset_members_new' then
        execute format('update household_plan set fits = null where fits is not null
          and household_id in (select household_id from %I)', stage);
      end if;
    end loop;
  end loop;
end $$;

-- The swap: for each table, DETACH the live (empty) partition and ATTACH the load table in its place,
-- under lock_timeout (a reader of another province waits at most that long behind the swap's lock
-- request; on a timeout the attempt is undone and tried again). Rows that reached the live partition
-- while the import ran (another writer, or a household of the file moving in from another province)
-- are moved into the loaded one. Then the old partitions are dropped and the load tables take their
-- names. Returns the number of attempts.
create function jz_load_province_swap(p text) returns integer language plpgsql
  security definer set search_path = public as $$
declare
  t text; attempt integer := 0; moved boolean := false; cols text; i integer; new_name text;
  parents oid[]; names text[];
  lo text := p; hi text := lpad((p::int + 1)::text, 2, '0');
  old_timeout text := current_setting('lock_timeout');
begin
  loop
    attempt := attempt + 1;
    begin
      perform set_config('lock_timeout', '100ms', true);
      -- every lock in one statement and one order
      execute format('lock table %s in access exclusive mode',
        (select string_agg(quote_ident(x), ', ') from unnest(jz_registry_tables()) x));
      perform set_config('lock_timeout', old_timeout, true);
      exit;
    exception when lock_not_available then
      perform set_config('lock_timeout', old_timeout, true);
      if attempt >= 600 then raise; end if;
      perform pg_sleep(0.02 + random() * 0.08);
    end;
  end loop;
  foreach t in array jz_registry_tables() loop
    -- the old partition's index names by their parent index, for the loaded one to take
    select array_agg(inh.inhparent order by c.relname), array_agg(c.relname::text order by c.relname) into parents, names
      from pg_index ix join pg_class c on c.oid = ix.indexrelid join pg_inherits inh on inh.inhrelid = c.oid
      where ix.indrelid = (t || '_p' || p)::regclass;
    execute format('alter table %I detach partition %I', t, t || '_p' || p);
    execute format('alter table %I rename to %I', t || '_p' || p, t || '_p' || p || '_old');
    execute format('alter table %I attach partition %I for values from (%L) to (%L)', t, jz_load_table(t, p), lo, hi);
    -- rows written into the live partition meanwhile (another writer, or a household of the file that
    -- moved in from another province): into the loaded one; their keys exist (the row triggers' upserts)
    execute format('select exists (select 1 from %I)', t || '_p' || p || '_old') into moved;
    if moved then
      select string_agg(quote_ident(attname), ', ' order by attnum) into cols from pg_attribute
        where attrelid = t::regclass and attnum > 0 and not attisdropped;
      execute format('insert into %I (%s) select %s from %I', t, cols, cols, t || '_p' || p || '_old');
    end if;
    execute format('drop table %I', t || '_p' || p || '_old');
    execute format('alter table %I rename to %I', jz_load_table(t, p), t || '_p' || p);
    for i in 1 .. coalesce(array_length(parents, 1), 0) loop
      select c.relname into new_name from pg_inherits inh join pg_class c on c.oid = inh.inhrelid
        join pg_index ix on ix.indexrelid = c.oid
        where inh.inhparent = parents[i] and ix.indrelid = (t || '_p' || p)::regclass;
      if new_name is not null and new_name <> names[i] then
        execute format('alter index %I rename to %I', new_name, names[i]);
      end if;
    end loop;
    if exists (select from pg_roles where rolname = 'jingzhun_app') then
      execute format('grant select, insert, update, delete on %I to jingzhun_app', t || '_p' || p);
      if current_setting('server_version_num')::int >= 170000 then
        execute format('grant maintain on %I to jingzhun_app', t || '_p' || p);
      end if;
    end if;
  end loop;
  return attempt;
end $$;

grant execute on function jz_load_province_begin(text), jz_load_province_build(text), jz_load_province_swap(text)
  to public;

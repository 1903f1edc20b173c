-- 024: tamper evidence against an insider (docs/audit.md, "The insider model").
-- 1. Keyed chain: a segment's events from `keyed_from` on are HMAC-SHA256'd with a key kept outside
--    the database (<dataDir>/audit-key or JZ_AUDIT_KEY); the events before stay keyless SHA-256 and
--    the first keyed event's HMAC covers their head. null: the segment has no keyed event yet.
alter table audit_segment add column keyed_from bigint;

-- 2. Every audit event records the transaction that wrote it.
alter table audit_event add column txid bigint default txid_current();
create index audit_event_txid_idx on audit_event (txid);

-- 3. Change capture of the registry tables: one row per statement that changed rows (transaction,
--    table, operation, rows, the counties touched). `audit verify` reports every change whose
--    transaction wrote no audit event (nor is named by a bulk event's `txids`): a change made
--    outside the application.
create table row_change (
  id bigserial primary key,
  txid bigint not null default txid_current(),
  at timestamptz not null default clock_timestamp(),
  tbl text not null,
  op text not null,
  rows bigint not null,
  regions text[] not null default '{}',
  db_user text not null default current_user
);
create index row_change_txid_idx on row_change (txid);

create function row_change_capture() returns trigger language plpgsql as $$
declare
  n bigint;
  r text[];
begin
  if tg_op = 'DELETE' then
    select count(*) into n from old_rows;
  else
    select count(*) into n from new_rows;
  end if;
  if n = 0 then
    return null;
  end if;
  if tg_argv[0] = 'region' then
    if tg_op = 'DELETE' then
      select coalesce(array_agg(distinct left(village_code, 6)), '{}') into r from old_rows;
    else
      select coalesce(array_agg(distinct left(village_code, 6)), '{}') into r from new_rows;
    end if;
  else
    -- tables of a household's data: their counties through the household (not for a deleted one)
    if tg_op = 'DELETE' then
      select coalesce(array_agg(distinct left(h.village_code, 6)), '{}') into r
      from (select distinct household_id from old_rows) o join household h on h.id = o.household_id;
    else
      select coalesce(array_agg(distinct left(h.village_code, 6)), '{}') into r
      from (select distinct household_id from new_rows) o join household h on h.id = o.household_id;
    end if;
  end if;
  insert into row_change (tbl, op, rows, regions) values (tg_table_name, lower(tg_op), n, r);
  return null;
end $$;

do $$
declare
  t record;
begin
  for t in select * from (values ('household', 'region'), ('member', 'household'),
                                 ('household_year', 'household'), ('status_history', 'household')) v(tbl, kind)
  loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows '
                   'for each statement execute function row_change_capture(%L)', t.tbl || '_rc_ins', t.tbl, t.kind);
    execute format('create trigger %I after update on %I referencing new table as new_rows '
                   'for each statement execute function row_change_capture(%L)', t.tbl || '_rc_upd', t.tbl, t.kind);
    execute format('create trigger %I after delete on %I referencing old table as old_rows '
                   'for each statement execute function row_change_capture(%L)', t.tbl || '_rc_del', t.tbl, t.kind);
  end loop;
end $$;

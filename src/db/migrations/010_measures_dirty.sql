-- 010: villages whose registry data changed since the measures cache last looked (src/modules/measures).
-- Statement-level triggers on household, household_year and member mark the villages; the measures
-- service takes the marks before answering and drops the cached frames of the regions containing them.

create table measures_dirty (
  village_code varchar(12) collate "C" primary key
);

create function measures_mark_new() returns trigger language plpgsql as $$
begin
  insert into measures_dirty (village_code) select distinct village_code from new_rows on conflict do nothing;
  return null;
end $$;

create function measures_mark_old() returns trigger language plpgsql as $$
begin
  insert into measures_dirty (village_code) select distinct village_code from old_rows on conflict do nothing;
  return null;
end $$;

create function measures_mark_member_new() returns trigger language plpgsql as $$
begin
  insert into measures_dirty (village_code)
    select distinct h.village_code from new_rows m join household h on h.id = m.household_id
    on conflict do nothing;
  return null;
end $$;

create function measures_mark_member_old() returns trigger language plpgsql as $$
begin
  insert into measures_dirty (village_code)
    select distinct h.village_code from old_rows m join household h on h.id = m.household_id
    on conflict do nothing;
  return null;
end $$;

create trigger household_year_measures_ins after insert on household_year
  referencing new table as new_rows for each statement execute function measures_mark_new();
create trigger household_year_measures_upd_new after update on household_year
  referencing new table as new_rows for each statement execute function measures_mark_new();
create trigger household_year_measures_upd_old after update on household_year
  referencing old table as old_rows for each statement execute function measures_mark_old();
create trigger household_year_measures_del after delete on household_year
  referencing old table as old_rows for each statement execute function measures_mark_old();

create trigger household_measures_ins after insert on household
  referencing new table as new_rows for each statement execute function measures_mark_new();
create trigger household_measures_upd_new after update on household
  referencing new table as new_rows for each statement execute function measures_mark_new();
create trigger household_measures_upd_old after update on household
  referencing old table as old_rows for each statement execute function measures_mark_old();
create trigger household_measures_del after delete on household
  referencing old table as old_rows for each statement execute function measures_mark_old();

create trigger member_measures_ins after insert on member
  referencing new table as new_rows for each statement execute function measures_mark_member_new();
create trigger member_measures_upd_new after update on member
  referencing new table as new_rows for each statement execute function measures_mark_member_new();
create trigger member_measures_upd_old after update on member
  referencing old table as old_rows for each statement execute function measures_mark_member_old();
create trigger member_measures_del after delete on member
  referencing old table as old_rows for each statement execute function measures_mark_member_old();

-- a policy change (e.g. the poverty line) marks '*': the measures service re-reads the lines
create function measures_mark_policy() returns trigger language plpgsql as $$
begin
  insert into measures_dirty (village_code) values ('*') on conflict do nothing;
  return null;
end $$;

create trigger policy_param_measures after insert or update or delete on policy_param
  for each statement execute function measures_mark_policy();

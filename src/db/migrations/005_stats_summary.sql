-- 005: a summary of household_year by village, year and status, kept current automatically.
-- Statement-level triggers record which villages changed (in stats_dirty); readers refresh those
-- villages before reading, so dashboards are never stale and never scan every yearly row.

create table stats_village_year (
  village_code varchar(12) collate "C" not null,
  year smallint not null,
  status text not null,
  households integer not null,
  persons integer not null,
  primary key (village_code, year, status)
);
create index stats_village_year_year_idx on stats_village_year (year, village_code);

create table stats_dirty (
  village_code varchar(12) collate "C" primary key
);

create function stats_mark_new() returns trigger language plpgsql as $$
begin
  insert into stats_dirty (village_code) select distinct village_code from new_rows on conflict do nothing;
  return null;
end $$;

create function stats_mark_old() returns trigger language plpgsql as $$
begin
  insert into stats_dirty (village_code) select distinct village_code from old_rows on conflict do nothing;
  return null;
end $$;

create trigger household_year_stats_ins after insert on household_year
  referencing new table as new_rows for each statement execute function stats_mark_new();
create trigger household_year_stats_upd_new after update on household_year
  referencing new table as new_rows for each statement execute function stats_mark_new();
create trigger household_year_stats_upd_old after update on household_year
  referencing old table as old_rows for each statement execute function stats_mark_old();
create trigger household_year_stats_del after delete on household_year
  referencing old table as old_rows for each statement execute function stats_mark_old();

-- everything already there is dirty once
insert into stats_dirty (village_code) select distinct village_code from household_year on conflict do nothing;

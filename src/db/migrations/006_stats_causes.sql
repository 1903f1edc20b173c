-- 006: poverty causes by village in the statistics summary; household changes mark their village dirty.

create table stats_village_cause (
  village_code varchar(12) collate "C" not null,
  cause text not null,
  households integer not null,
  primary key (village_code, cause)
);

create trigger household_stats_ins after insert on household
  referencing new table as new_rows for each statement execute function stats_mark_new();
create trigger household_stats_upd_new after update on household
  referencing new table as new_rows for each statement execute function stats_mark_new();
create trigger household_stats_upd_old after update on household
  referencing old table as old_rows for each statement execute function stats_mark_old();
create trigger household_stats_del after delete on household
  referencing old table as old_rows for each statement execute function stats_mark_old();

insert into stats_dirty (village_code) select distinct village_code from household on conflict do nothing;

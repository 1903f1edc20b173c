-- 056: dashboard summaries that stay small at province and national scale (issue 22).
-- stats_village_year has one row per village, year and status: a province's dashboard summed
-- ~1.7 million of them per request, and the year's movements (exits, new risks, …) joined every
-- yearly row of the region with the year before (5 million rows for a province). Now:
--   stats_village_movement  the movements per village and year, refreshed with the other summaries
--   stats_county_*          the village summaries rolled up per county (what every region at or
--                           above county level reads: 122 counties for Hunan, ~2,800 nationally)
-- All are refreshed by refreshStats (src/modules/stats/summary-table.ts) from the same stats_dirty
-- marks, in the same transaction as the village summaries.

create table stats_village_movement (
  village_code varchar(12) collate "C" not null,
  year smallint not null,
  -- poor or returned the year before, exited this year
  exits integer not null,
  -- monitored this year, not the year before
  new_risks integer not null,
  -- monitored the year before, risk removed this year
  risks_removed integer not null,
  exited_income numeric not null,
  exited_persons integer not null,
  -- monitored with a dibao transfer in the year
  monitored_dibao integer not null,
  primary key (village_code, year)
);

create table stats_county_year (
  county_code varchar(6) collate "C" not null,
  year smallint not null,
  status text not null,
  households integer not null,
  persons integer not null,
  primary key (county_code, year, status)
);
create index stats_county_year_year_idx on stats_county_year (year, county_code);

create table stats_county_cause (
  county_code varchar(6) collate "C" not null,
  cause text not null,
  households integer not null,
  primary key (county_code, cause)
);

create table stats_county_movement (
  county_code varchar(6) collate "C" not null,
  year smallint not null,
  exits integer not null,
  new_risks integer not null,
  risks_removed integer not null,
  exited_income numeric not null,
  exited_persons integer not null,
  monitored_dibao integer not null,
  primary key (county_code, year)
);

-- the registry as it stands, summarised once (the village summaries first: pending marks applied)
delete from stats_village_year where village_code in (select village_code from stats_dirty);
insert into stats_village_year (village_code, year, status, households, persons)
  select village_code, year, status, count(*), coalesce(sum(size), 0)
  from household_year where village_code in (select village_code from stats_dirty)
  group by village_code, year, status;
delete from stats_village_cause where village_code in (select village_code from stats_dirty);
insert into stats_village_cause (village_code, cause, households)
  select village_code, main_cause, count(*) from household
  where village_code in (select village_code from stats_dirty) and main_cause is not null
  group by village_code, main_cause;
delete from stats_dirty;

insert into stats_village_movement
  select y.village_code, y.year,
    count(*) filter (where y.status = 'exited' and p.status in ('poor', 'returned')),
    count(*) filter (where y.status = 'monitored' and p.status is distinct from 'monitored'),
    count(*) filter (where y.status = 'risk_removed' and p.status = 'monitored'),
    coalesce(sum(y.net_income) filter (where y.status = 'exited'), 0),
    coalesce(sum(y.size) filter (where y.status = 'exited'), 0),
    count(*) filter (where y.status = 'monitored' and y.transfer_dibao > 0)
  from household_year y
  -- the year before in the same province (as the refresh reads it: one province's partitions)
  left join household_year p on p.household_id = y.household_id and p.year = y.year - 1
    and left(p.village_code, 2) = left(y.village_code, 2)
  group by y.village_code, y.year;

insert into stats_county_year
  select left(village_code, 6), year, status, sum(households), sum(persons)
  from stats_village_year group by 1, 2, 3;
insert into stats_county_cause
  select left(village_code, 6), cause, sum(households) from stats_village_cause group by 1, 2;
insert into stats_county_movement
  select left(village_code, 6), year, sum(exits), sum(new_risks), sum(risks_removed),
    sum(exited_income), sum(exited_persons), sum(monitored_dibao)
  from stats_village_movement group by 1, 2;

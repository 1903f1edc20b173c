-- 002: the order of exports and rosters (village, then household number), served by one index so that
-- an export of a region reads it in keyset pages: `(village_code, household_no) > (…)` within the
-- region's code range.
create index household_village_no_idx on household (village_code, household_no);

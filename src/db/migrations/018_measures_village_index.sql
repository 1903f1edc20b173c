-- 018: household_year by village without a year, for the measures cache (src/modules/measures):
-- re-reading one changed village's rows of every year is then an index lookup, not a table scan
-- (household_year_region_idx leads with the year).
create index household_year_village_idx on household_year (village_code, household_id);

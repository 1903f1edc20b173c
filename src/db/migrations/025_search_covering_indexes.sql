-- A broad name or ID-number prefix search (e.g. one common surname: ~10,000 households of a county)
-- reads the matching household ids from the index alone (index-only scan) instead of visiting
-- every matching member row. The indexes replace the single-column ones (a superset for them).
create index if not exists member_name_household_idx on member (name, household_id);
create index if not exists member_id_number_household_idx on member (id_number, household_id);
drop index if exists member_name_idx;
drop index if exists member_id_number_idx;

-- A broad name or ID-number prefix search (e.g. one common surname: ~10,000 households of a county)
-- reads the matching household ids from the index alone (index-only scan) instead of visiting
-- every matching member row. The indexes replace the single-column ones (a superset for them).
create index member_name_household_idx on member (name, household_id);
create index member_id_number_household_idx on member (id_number, household_id);
drop index member_name_idx;
drop index member_id_number_idx;

-- The household list's page in its default order (household number, then id) over a township or a
-- county is chosen from this index alone (an index-only scan of numbers and ids, sorted), and only the
-- page's rows are then read (src/modules/households/repository.ts). It replaces the index of migration
-- 002 (village, number), of which it is a superset.
create index household_village_no_id_idx on household (village_code, household_no) include (id);
drop index household_village_no_idx;

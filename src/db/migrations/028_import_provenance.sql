-- Provenance of a household's yearly row (issue 17, docs/import.md): who collected the figures is
-- household_year.recorded_by (migration 012); this adds the date they were collected. Both are
-- optional import columns (采集人, 采集日期). Nullable: rows entered before stay as they were.
alter table household_year add column if not exists collected_on date;

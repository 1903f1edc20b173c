-- Deleting plan measures cascades to the ratings of them: find those by measure.
create index help_rating_measure_idx on help_rating (measure_id) where measure_id is not null;

-- A finding review about a household refers to it through the national key table (migration 044:
-- every foreign key to a household points at household_key); written apart from 048, which was made
-- while the partitioning landed.
alter table quality_finding_review add constraint quality_finding_review_household_fkey
  foreign key (household_id) references household_key (id) on delete cascade;
create index quality_finding_review_household_idx on quality_finding_review (household_id) where household_id is not null;

-- 019: the plan fit check's result kept per plan (docs/plans.md), so the county gap list and summary
-- count stored flags instead of re-checking every plan on every request. `fits` null = to be checked:
-- the plans service and the triggers below reset it whenever what the check reads changes (measures,
-- the household's causes, its members' labour capacity or presence, the catalogue); readers re-check
-- the reset plans (src/domain/plans/fit.ts) under a row lock and store the result.

alter table household_plan add column fits boolean;
create index household_plan_unchecked_idx on household_plan (year) where fits is null;
create index household_plan_unfit_idx on household_plan (year) where not fits;

create function plan_fit_reset_household() returns trigger language plpgsql as $$
begin
  update household_plan set fits = null where household_id = new.id and fits is not null;
  return null;
end $$;
create trigger household_plan_fit_causes after update of main_cause, other_causes on household
  for each row when (old.main_cause is distinct from new.main_cause or old.other_causes is distinct from new.other_causes)
  execute function plan_fit_reset_household();

create function plan_fit_reset_member() returns trigger language plpgsql as $$
begin
  update household_plan set fits = null
  where household_id in (old.household_id, new.household_id) and fits is not null;
  return null;
end $$;
create trigger member_plan_fit_upd after update of labour_capacity, member_status, household_id on member
  for each row when (old.labour_capacity is distinct from new.labour_capacity
    or old.member_status is distinct from new.member_status or old.household_id <> new.household_id)
  execute function plan_fit_reset_member();

create function plan_fit_reset_members_new() returns trigger language plpgsql as $$
begin
  update household_plan set fits = null
  where fits is not null and household_id in (select household_id from plan_fit_rows);
  return null;
end $$;
create trigger member_plan_fit_ins after insert on member referencing new table as plan_fit_rows
  for each statement execute function plan_fit_reset_members_new();
create trigger member_plan_fit_del after delete on member referencing old table as plan_fit_rows
  for each statement execute function plan_fit_reset_members_new();

create function plan_fit_reset_all() returns trigger language plpgsql as $$
begin
  update household_plan set fits = null where fits is not null;
  return null;
end $$;
create trigger measure_catalogue_plan_fit after update or delete on measure_catalogue
  for each statement execute function plan_fit_reset_all();

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { HouseholdRowIn } from './repository.js';

/** Column arrays as the writer builds them for `unnest` (see writer.ts memberColumns / yearColumns). */
type Cols = Record<string, unknown[]>;

/**
 * Of the households already in the registry that a batch would rewrite, those whose file values differ
 * from the registry's — household fields, the set of members with every imported field, and the year's
 * row — compared in SQL on the columns' own types (numeric 3000 equals 3000.00, null equals null). The
 * others are "unchanged": the import leaves them alone (no write, no version bump, no change capture).
 * Three queries a batch, only for households already registered.
 *
 * `ids[i]` is the registry id of `households[i]`; `members` and `years` carry those ids.
 */
export async function changedHouseholds(
  db: Kysely<DB>,
  ids: string[],
  households: HouseholdRowIn[],
  members: Cols,
  years: Cols,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const col = <K extends keyof HouseholdRowIn>(k: K): unknown[] => households.map((r) => r[k]);
  const household = await sql<{ id: string }>`
    select h.id::text as id
    from unnest(${ids}::bigint[], ${col('village_code')}::text[], ${col('group_no')}::smallint[],
      ${col('address')}::text[], ${col('phone')}::text[], ${col('bank_name')}::text[], ${col('bank_account')}::text[],
      ${col('id_standard')}::text[], ${col('household_type')}::text[], ${col('main_cause')}::text[],
      ${col('other_causes')}::text[], ${col('size')}::smallint[], ${col('head_name')}::text[],
      ${col('land_cultivated_mu')}::numeric[], ${col('land_forest_mu')}::numeric[], ${col('house_area_m2')}::numeric[],
      ${col('house_grade')}::text[], ${col('relocated')}::boolean[], ${col('safe_water')}::boolean[],
      ${col('sanitary_toilet')}::boolean[], ${col('electricity')}::boolean[], ${col('road_distance_km')}::numeric[])
      as u(id, village_code, group_no, address, phone, bank_name, bank_account, id_standard, household_type,
        main_cause, other_causes, size, head_name, land_cultivated_mu, land_forest_mu, house_area_m2, house_grade,
        relocated, safe_water, sanitary_toilet, electricity, road_distance_km)
    join household h on h.id = u.id
    where (h.village_code::text, h.group_no, h.address, h.phone, h.bank_name, h.bank_account, h.id_standard,
        h.household_type, h.main_cause, h.other_causes, h.size, h.head_name, h.land_cultivated_mu, h.land_forest_mu,
        h.house_area_m2, h.house_grade, h.relocated, h.safe_water, h.sanitary_toilet, h.electricity, h.road_distance_km)
      is distinct from (u.village_code, u.group_no, u.address, u.phone, u.bank_name, u.bank_account, u.id_standard,
        u.household_type, u.main_cause, string_to_array(u.other_causes, ','), u.size, u.head_name,
        u.land_cultivated_mu, u.land_forest_mu, u.house_area_m2, u.house_grade, u.relocated, u.safe_water,
        u.sanitary_toilet, u.electricity, u.road_distance_km)`.execute(db);
  const m = members;
  // a member differs when a row of the file has no equal row in the registry, or the other way round
  // (EXCEPT ALL compares whole rows, nulls equal); a registry member not 'present' is a difference too,
  // since the import replaces the household's members with the file's
  const member = await sql<{ id: string }>`
    with f as (
      select * from unnest(${m.household_id}::bigint[], ${m.name}::text[], ${m.sex}::text[], ${m.id_number}::text[],
        ${m.birth_date}::date[], ${m.relation}::text[], ${m.ethnicity}::text[], ${m.education}::text[],
        ${m.student_status}::text[], ${m.out_of_school_reason}::text[], ${m.health}::text[],
        ${m.disability_grade}::smallint[], ${m.labour_capacity}::text[], ${m.migrant_place}::text[],
        ${m.migrant_months}::smallint[], ${m.migrant_monthly_wage}::int[], ${m.welfare_job_months}::smallint[],
        ${m.ins_basic_medical}::boolean[], ${m.ins_critical_illness}::boolean[], ${m.ins_medical_assistance}::boolean[],
        ${m.ins_pension}::boolean[], ${m.is_dibao}::boolean[], ${m.is_tekun}::boolean[])
        as u(household_id, name, sex, id_number, birth_date, relation, ethnicity, education, student_status,
          out_of_school_reason, health, disability_grade, labour_capacity, migrant_place, migrant_months,
          migrant_monthly_wage, welfare_job_months, ins_basic_medical, ins_critical_illness, ins_medical_assistance,
          ins_pension, is_dibao, is_tekun)),
    r as (
      select household_id, name::text, sex::text, id_number::text, birth_date, relation::text, ethnicity::text,
        education::text, student_status::text, out_of_school_reason::text, health::text, disability_grade::smallint,
        labour_capacity::text, migrant_place::text, migrant_months::smallint, migrant_monthly_wage::int,
        welfare_job_months::smallint, ins_basic_medical, ins_critical_illness, ins_medical_assistance, ins_pension,
        is_dibao, is_tekun, member_status::text
      from member where household_id = any(${ids}::bigint[])),
    d as (
      (select *, 'present'::text from f except all select * from r)
      union all
      (select * from r except all select *, 'present'::text from f))
    select distinct household_id::text as id from d`.execute(db);
  const y = years;
  const year = await sql<{ id: string }>`
    select u.household_id::text as id
    from unnest(${y.household_id}::bigint[], ${y.year}::smallint[], ${y.village_code}::text[], ${y.size}::smallint[],
      ${y.wage_income}::numeric[], ${y.business_income}::numeric[], ${y.production_cost}::numeric[],
      ${y.property_income}::numeric[], ${y.transfer_income}::numeric[], ${y.transfer_dibao}::numeric[],
      ${y.transfer_pension}::numeric[], ${y.transfer_eco}::numeric[], ${y.medical_cost}::numeric[],
      ${y.net_income}::numeric[], ${y.per_capita_income}::numeric[], ${y.recorded_by}::text[], ${y.collected_on}::date[])
      as u(household_id, year, village_code, size, wage_income, business_income, production_cost, property_income,
        transfer_income, transfer_dibao, transfer_pension, transfer_eco, medical_cost, net_income, per_capita_income,
        recorded_by, collected_on)
    left join household_year y on y.household_id = u.household_id and y.year = u.year
    where y.household_id is null
      or (y.village_code::text, y.size, y.wage_income, y.business_income, y.production_cost, y.property_income,
          y.transfer_income, y.transfer_dibao, y.transfer_pension, y.transfer_eco, y.medical_cost, y.net_income,
          y.per_capita_income, y.recorded_by, y.collected_on)
        is distinct from (u.village_code, u.size, u.wage_income, u.business_income, u.production_cost,
          u.property_income, u.transfer_income, u.transfer_dibao, u.transfer_pension, u.transfer_eco, u.medical_cost,
          u.net_income, u.per_capita_income, coalesce(u.recorded_by, y.recorded_by),
          coalesce(u.collected_on, y.collected_on))`.execute(db);
  return new Set([...household.rows, ...member.rows, ...year.rows].map((r) => r.id));
}

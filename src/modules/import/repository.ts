import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Column arrays for `insert … select * from unnest(…)`: one round trip per batch. */
type Arr = unknown[];

export interface HouseholdRowIn {
  household_no: string;
  village_code: string;
  group_no: number | null;
  address: string | null;
  phone: string | null;
  bank_name: string | null;
  bank_account: string | null;
  id_standard: string | null;
  household_type: string;
  status: string;
  main_cause: string | null;
  other_causes: string;
  size: number;
  head_name: string;
  land_cultivated_mu: number | null;
  land_forest_mu: number | null;
  house_area_m2: number | null;
  house_grade: string | null;
  relocated: boolean;
  safe_water: boolean;
  sanitary_toilet: boolean;
  electricity: boolean;
  road_distance_km: number | null;
}

export const importRepository = {
  villagesAmong: async (db: Kysely<DB>, codes: string[]) =>
    new Set(
      (
        await db
          .selectFrom('region')
          .select('code')
          .where('level', '=', 5)
          .where('code', '=', sql<string>`any(${codes}::text[])`)
          .execute()
      ).map((r) => r.code),
    ),
  existingHouseholds: async (db: Kysely<DB>, nos: string[]) =>
    new Map(
      (
        await db
          .selectFrom('household')
          .select(['id', 'household_no', 'village_code'])
          .where('household_no', '=', sql<string>`any(${nos}::text[])`)
          .execute()
      ).map((r) => [r.household_no, r]),
    ),
  /**
   * ID numbers already registered, with the household holding them. One index probe per ID number
   * (the lateral subquery, fenced by `offset 0`): inside an import's transaction the planner's
   * statistics still describe the tables as they were before it, and a join written plainly was
   * planned as a scan of every member — a cost that grew with each batch.
   */
  idsInRegistry: async (db: Kysely<DB>, ids: string[]) =>
    new Map(
      ids.length === 0
        ? []
        : (
            await sql<{
              id_number: string;
              household_id: string;
              household_no: string;
              village_code: string;
            }>`
          select u.id as id_number, m.household_id, h.household_no, h.village_code
          from unnest(${ids}::text[]) as u(id)
          cross join lateral (select household_id from member m
            where m.id_number = u.id and m.member_status = 'present' offset 0) m
          join household h on h.id = m.household_id`.execute(db)
          ).rows.map((r) => [r.id_number, r]),
    ),

  /**
   * Of these ID numbers, found in the registry's households `householdIds` when the import began,
   * those still present there (probed through members by household: in bulk mode it is the index
   * kept).
   */
  idsInHouseholds: async (db: Kysely<DB>, ids: string[], householdIds: number[]) =>
    new Map(
      ids.length === 0
        ? []
        : (
            await sql<{
              id_number: string;
              household_id: string;
              household_no: string;
              village_code: string;
            }>`
          select m.id_number, m.household_id, h.household_no, h.village_code
          from unnest(${householdIds}::bigint[]) as u(hid)
          cross join lateral (select id_number, household_id from member m
            where m.household_id = u.hid and m.member_status = 'present' offset 0) m
          join household h on h.id = m.household_id
          where m.id_number = any(${ids}::text[])`.execute(db)
          ).rows.map((r) => [r.id_number, r]),
    ),

  /** `n` new household ids from the table's sequence. */
  nextHouseholdIds: async (db: Kysely<DB>, n: number): Promise<string[]> =>
    (
      await sql<{ id: string }>`select nextval(pg_get_serial_sequence('household', 'id'))::text as id
        from generate_series(1, ${n}::int)`.execute(db)
    ).rows.map((r) => r.id),

  async upsertHouseholds(db: Kysely<DB>, rows: HouseholdRowIn[]): Promise<Map<string, string>> {
    const col = <K extends keyof HouseholdRowIn>(k: K): Arr => rows.map((r) => r[k]);
    // household_no is unique in the country through household_key (migration 044): the partitioned
    // household has no index to arbitrate an ON CONFLICT, so existing numbers are updated, new ones inserted
    const res = await sql<{ id: string; household_no: string }>`
      with u as (
        select * from unnest(${col('household_no')}::text[], ${col('village_code')}::text[], ${col('group_no')}::smallint[],
          ${col('address')}::text[], ${col('phone')}::text[], ${col('bank_name')}::text[], ${col('bank_account')}::text[],
          ${col('id_standard')}::text[], ${col('household_type')}::text[], ${col('status')}::text[], ${col('main_cause')}::text[],
          ${col('other_causes')}::text[], ${col('size')}::smallint[], ${col('head_name')}::text[],
          ${col('land_cultivated_mu')}::numeric[], ${col('land_forest_mu')}::numeric[], ${col('house_area_m2')}::numeric[],
          ${col('house_grade')}::text[], ${col('relocated')}::boolean[], ${col('safe_water')}::boolean[],
          ${col('sanitary_toilet')}::boolean[], ${col('electricity')}::boolean[], ${col('road_distance_km')}::numeric[])
          as u(household_no, village_code, group_no, address, phone, bank_name, bank_account, id_standard, household_type,
            status, main_cause, other_causes, size, head_name, land_cultivated_mu, land_forest_mu, house_area_m2, house_grade,
            relocated, safe_water, sanitary_toilet, electricity, road_distance_km)
      ),
      updated as (
        update household h set village_code = u.village_code, group_no = u.group_no, address = u.address, phone = u.phone,
          bank_name = u.bank_name, bank_account = u.bank_account, id_standard = u.id_standard,
          household_type = u.household_type, main_cause = u.main_cause, other_causes = string_to_array(u.other_causes, ','),
          size = u.size, head_name = u.head_name, land_cultivated_mu = u.land_cultivated_mu,
          land_forest_mu = u.land_forest_mu, house_area_m2 = u.house_area_m2, house_grade = u.house_grade,
          relocated = u.relocated, safe_water = u.safe_water, sanitary_toilet = u.sanitary_toilet,
          electricity = u.electricity, road_distance_km = u.road_distance_km, version = h.version + 1, updated_at = now()
        from u join household_key k on k.household_no = u.household_no
        where h.id = k.id and h.village_code = k.village_code
        returning h.id, h.household_no
      ),
      inserted as (
        insert into household (household_no, village_code, group_no, address, phone, bank_name, bank_account, id_standard,
          household_type, status, status_date, main_cause, other_causes, size, head_name, land_cultivated_mu, land_forest_mu,
          house_area_m2, house_grade, relocated, safe_water, sanitary_toilet, electricity, road_distance_km)
        select u.household_no, u.village_code, u.group_no, u.address, u.phone, u.bank_name, u.bank_account, u.id_standard,
          u.household_type, u.status, current_date, u.main_cause, string_to_array(u.other_causes, ','), u.size, u.head_name,
          u.land_cultivated_mu, u.land_forest_mu, u.house_area_m2, u.house_grade, u.relocated, u.safe_water, u.sanitary_toilet,
          u.electricity, u.road_distance_km
        from u where not exists (select 1 from household_key k where k.household_no = u.household_no)
        returning id, household_no
      )
      select id::text as id, household_no from updated union all select id::text, household_no from inserted`.execute(
      db,
    );
    return new Map(res.rows.map((r) => [r.household_no, r.id]));
  },

  deleteMembersOf: (db: Kysely<DB>, householdIds: string[]) =>
    householdIds.length
      ? sql`delete from member where household_id = any(${householdIds}::bigint[])`.execute(db)
      : Promise.resolve(),

  async insertMembers(db: Kysely<DB>, cols: Record<string, Arr>): Promise<void> {
    await sql`
      insert into member (household_id, name, sex, id_number, birth_date, relation, ethnicity, education, student_status,
        out_of_school_reason, health, disability_grade, labour_capacity, migrant_place, migrant_months, migrant_monthly_wage,
        welfare_job_months, ins_basic_medical, ins_critical_illness, ins_medical_assistance, ins_pension, is_dibao, is_tekun,
        village_code)
      select u.*, k.village_code from unnest(${cols.household_id}::bigint[], ${cols.name}::text[], ${cols.sex}::text[], ${cols.id_number}::text[],
        ${cols.birth_date}::date[], ${cols.relation}::text[], ${cols.ethnicity}::text[], ${cols.education}::text[],
        ${cols.student_status}::text[], ${cols.out_of_school_reason}::text[], ${cols.health}::text[],
        ${cols.disability_grade}::smallint[], ${cols.labour_capacity}::text[], ${cols.migrant_place}::text[],
        ${cols.migrant_months}::smallint[], ${cols.migrant_monthly_wage}::int[], ${cols.welfare_job_months}::smallint[],
        ${cols.ins_basic_medical}::boolean[], ${cols.ins_critical_illness}::boolean[], ${cols.ins_medical_assistance}::boolean[],
        ${cols.ins_pension}::boolean[], ${cols.is_dibao}::boolean[], ${cols.is_tekun}::boolean[])
        as u(household_id, name, sex, id_number, birth_date, relation, ethnicity, education, student_status,
          out_of_school_reason, health, disability_grade, labour_capacity, migrant_place, migrant_months,
          migrant_monthly_wage, welfare_job_months, ins_basic_medical, ins_critical_illness, ins_medical_assistance,
          ins_pension, is_dibao, is_tekun)
      join household_key k on k.id = u.household_id`.execute(db);
  },

  async upsertYears(db: Kysely<DB>, cols: Record<string, Arr>): Promise<void> {
    await sql`
      insert into household_year (household_id, year, village_code, size, status, wage_income, business_income, production_cost,
        property_income, transfer_income, transfer_dibao, transfer_pension, transfer_eco, medical_cost, net_income, per_capita_income,
        recorded_by, collected_on)
      select * from unnest(${cols.household_id}::bigint[], ${cols.year}::smallint[], ${cols.village_code}::text[],
        ${cols.size}::smallint[], ${cols.status}::text[], ${cols.wage_income}::numeric[], ${cols.business_income}::numeric[],
        ${cols.production_cost}::numeric[], ${cols.property_income}::numeric[], ${cols.transfer_income}::numeric[],
        ${cols.transfer_dibao}::numeric[], ${cols.transfer_pension}::numeric[], ${cols.transfer_eco}::numeric[],
        ${cols.medical_cost}::numeric[], ${cols.net_income}::numeric[], ${cols.per_capita_income}::numeric[],
        ${cols.recorded_by}::text[], ${cols.collected_on}::date[])
      on conflict (household_id, year, village_code) do update set size = excluded.size,
        wage_income = excluded.wage_income, business_income = excluded.business_income, production_cost = excluded.production_cost,
        property_income = excluded.property_income, transfer_income = excluded.transfer_income,
        transfer_dibao = excluded.transfer_dibao, transfer_pension = excluded.transfer_pension, transfer_eco = excluded.transfer_eco,
        medical_cost = excluded.medical_cost, net_income = excluded.net_income, per_capita_income = excluded.per_capita_income,
        recorded_by = coalesce(excluded.recorded_by, household_year.recorded_by),
        collected_on = coalesce(excluded.collected_on, household_year.collected_on)`.execute(db);
  },
};

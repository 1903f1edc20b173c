import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RegistryRow } from '../../domain/measures/registry.js';
import { inRegion } from '../../server/scope.js';

interface FrameSqlRow {
  id: string;
  village_code: string;
  status: string;
  prev_status: string | null;
  household_type: string;
  main_cause: string | null;
  size: number;
  net_income: string;
  wage: string;
  business_net: string;
  property: string;
  transfer: string;
  under14: number;
  adults16: number;
  schooled16: number;
  out_of_school: number;
  uninsured: number;
  house_grade: string | null;
  safe_water: boolean;
  electricity: boolean;
  sanitary_toilet: boolean;
}

const SCHOOLED = sql.join(['primary', 'junior', 'senior', 'vocational', 'college'].map((e) => sql.lit(e)));

export const measuresRepository = {
  /**
   * Every household with a yearly row in `year` within the region, with what the measures need:
   * the year's incomes and size, last year's status, and member counts by age at the year's end.
   * With `villages`, only the rows of those villages (to refresh a cached frame after a change).
   */
  async rows(
    db: Kysely<DB>,
    region: string,
    year: number,
    villages?: readonly string[],
  ): Promise<RegistryRow[]> {
    const yearEnd = sql`make_date(${year}::int, 12, 31)`;
    const only = villages ? sql`and village_code = any(${[...villages]}::text[])` : sql``;
    const res = await sql<FrameSqlRow>`
      with hy as (
        select * from household_year where year = ${year} and ${inRegion('village_code', region)} ${only}
      ), m as (
        select m.household_id,
          count(*) filter (where m.birth_date <= ${yearEnd} and m.birth_date > ${yearEnd} - interval '14 years')::int as under14,
          count(*) filter (where m.member_status = 'present' and m.birth_date <= ${yearEnd} - interval '16 years')::int as adults16,
          count(*) filter (where m.member_status = 'present' and m.birth_date <= ${yearEnd} - interval '16 years'
            and m.education in (${SCHOOLED}))::int as schooled16,
          count(*) filter (where m.member_status = 'present' and m.student_status = 'out_of_school'
            and m.birth_date <= ${yearEnd} - interval '6 years'
            and m.birth_date > ${yearEnd} - interval '16 years')::int as out_of_school,
          count(*) filter (where m.member_status = 'present' and not m.ins_basic_medical)::int as uninsured
        from member m join hy on hy.household_id = m.household_id
        group by m.household_id
      )
      select hy.household_id as id, hy.village_code, hy.status, p.status as prev_status, h.household_type,
        h.main_cause, hy.size, hy.net_income, hy.wage_income as wage,
        hy.business_income - hy.production_cost as business_net, hy.property_income as property,
        hy.transfer_income as transfer, coalesce(m.under14, 0) as under14, coalesce(m.adults16, 0) as adults16,
        coalesce(m.schooled16, 0) as schooled16, coalesce(m.out_of_school, 0) as out_of_school,
        coalesce(m.uninsured, 0) as uninsured, h.house_grade, h.safe_water, h.electricity, h.sanitary_toilet
      from hy join household h on h.id = hy.household_id
      left join household_year p on p.household_id = hy.household_id and p.year = ${year - 1}
      left join m on m.household_id = hy.household_id
      order by hy.household_id`.execute(db);
    return res.rows.map((r) => ({
      id: Number(r.id),
      villageCode: r.village_code,
      status: r.status,
      prevStatus: r.prev_status,
      householdType: r.household_type,
      mainCause: r.main_cause,
      size: r.size,
      netIncome: Number(r.net_income),
      wage: Number(r.wage),
      businessNet: Number(r.business_net),
      property: Number(r.property),
      transfer: Number(r.transfer),
      under14: r.under14,
      adults16: r.adults16,
      schooledAdults16: r.schooled16,
      outOfSchool: r.out_of_school,
      uninsured: r.uninsured,
      houseGrade: r.house_grade,
      safeWater: r.safe_water,
      electricity: r.electricity,
      sanitaryToilet: r.sanitary_toilet,
    }));
  },

  /** Take (and clear) the villages marked changed since the last call. */
  takeDirty: async (db: Kysely<DB>): Promise<string[]> =>
    (
      await sql<{ village_code: string }>`delete from measures_dirty returning village_code`.execute(db)
    ).rows.map((r) => r.village_code),

  years: async (db: Kysely<DB>, region: string): Promise<number[]> =>
    (
      await sql<{ year: number }>`
        select distinct year from stats_village_year where ${inRegion('village_code', region)} order by year`.execute(
        db,
      )
    ).rows.map((r) => r.year),

  children: (db: Kysely<DB>, parent: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where('parent_code', '=', parent)
      .orderBy('code')
      .execute(),

  names: async (db: Kysely<DB>, codes: string[]) =>
    codes.length === 0
      ? new Map<string, string>()
      : new Map(
          (await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute()).map(
            (r) => [r.code, r.name],
          ),
        ),

  households: (db: Kysely<DB>, ids: number[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('household')
          .select(['id', 'household_no', 'head_name', 'village_code', 'household_type'])
          .where('id', 'in', ids.map(String))
          .orderBy('id')
          .execute(),
};

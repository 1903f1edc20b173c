import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** The household-years the integrity signals read (./integrity-signals.ts), one row each. */
export interface YearRow {
  household_id: string;
  village_code: string;
  year: number;
  size: number;
  status: string;
  wage: number;
  business: number;
  cost: number;
  property: number;
  transfer: number;
  net: number;
  pc: number;
  collector: string | null;
  relocated: boolean;
}

export interface JumpRow {
  household_id: string;
  village_code: string;
  year: number;
  previous: number;
  current: number;
  explained_by: string | null;
}

type Db = Kysely<DB>;

export const integrityRepository = {
  yearRows: async (db: Db, region: string): Promise<YearRow[]> =>
    (
      await sql<YearRow>`select y.household_id::text as household_id, y.village_code, y.year::int as year,
        y.size::int as size, y.status, y.wage_income::float8 as wage, y.business_income::float8 as business,
        y.production_cost::float8 as cost, y.property_income::float8 as property,
        y.transfer_income::float8 as transfer, y.net_income::float8 as net, y.per_capita_income::float8 as pc,
        y.recorded_by as collector, h.relocated
      from household_year y join household h on h.id = y.household_id
      where ${inRegion('y.village_code', region)}
      order by y.village_code, y.year, y.household_id`.execute(db)
    ).rows,

  /**
   * Year-on-year jumps of per-capita income (> minRise and > minYuan) with the first recorded fact
   * that explains them, or null: an active plan measure, a project benefit, relocation, a member
   * joining, a rise in wages alone (≥ 80 % of it; business and property moved by ≤ 30 % of it) in a
   * household with migrant work recorded or a member of working age (16–60) that year — the registry
   * keeps migrant months for the latest year only, so a member who started work in an earlier year
   * shows by the wage alone —, or a return to the level of two or
   * three years before (after a one-year drop, e.g. an illness).
   */
  jumps: async (db: Db, region: string, minRise: number, minYuan: number): Promise<JumpRow[]> =>
    (
      await sql<JumpRow>`select y.household_id::text as household_id, y.village_code, y.year::int as year,
        p.per_capita_income::float8 as previous, y.per_capita_income::float8 as current,
        case
          when exists (select 1 from plan_measure pm join household_plan hp on hp.id = pm.plan_id
            where pm.household_id = y.household_id and pm.status <> 'cancelled'
              and coalesce(pm.start_date, make_date(hp.year, 1, 1)) <= make_date(y.year, 12, 31)
              and coalesce(pm.deadline, make_date(hp.year, 12, 31)) >= make_date(y.year - 1, 1, 1)) then 'plan_measure'
          when exists (select 1 from project_benefit pb where pb.household_id = y.household_id
            and pb.year between y.year - 1 and y.year and pb.amount > 0) then 'project_benefit'
          when h.relocated then 'relocation'
          when y.size > p.size then 'member_joined'
          when y.wage_income - p.wage_income >= 0.8 * (y.net_income - p.net_income)
            and abs((y.business_income - y.production_cost + y.property_income)
              - (p.business_income - p.production_cost + p.property_income)) <= 0.3 * (y.net_income - p.net_income)
            and exists (select 1 from member m where m.household_id = y.household_id and m.member_status = 'present'
              and (m.migrant_months > 0 or extract(year from age(make_date(y.year, 12, 31), m.birth_date)) between 16 and 60)) then 'employment'
          when y.per_capita_income <= 1.25 * (select max(q.per_capita_income) from household_year q
            where q.household_id = y.household_id and q.year between y.year - 3 and y.year - 2) then 'recovery'
        end as explained_by
      from household_year y
      join household_year p on p.household_id = y.household_id and p.year = y.year - 1
      join household h on h.id = y.household_id
      where ${inRegion('y.village_code', region)}
        and y.per_capita_income > p.per_capita_income * ${1 + minRise}::numeric
        and y.per_capita_income - p.per_capita_income > ${minYuan}::numeric`.execute(db)
    ).rows,
};

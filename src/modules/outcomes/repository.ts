import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** "What worked" (docs/what-worked.md): the registry rows the comparison reads. SQL only. */

/** Labour capacities that count as "someone can work" (the plan drafter's ABLE_CAPACITIES). */
const ABLE = sql`('ordinary', 'skilled')`;

export interface MeasureRow {
  household_id: string;
  kind: string;
  year: number;
  delivered: boolean;
}

export const outcomesRepository = {
  /**
   * The plan measures of the region's households, one row per household, kind and delivered or not:
   * the earliest year such a measure started (its plan's year without a start date). The kind is the
   * measure type or the catalogue code; delivered = in progress or completed.
   */
  measures: async (db: Kysely<DB>, scope: string, by: 'type' | 'measure') =>
    (
      await sql<MeasureRow>`
        select m.household_id::text as household_id,
          ${by === 'type' ? sql`m.measure_type` : sql`m.catalogue_code`} as kind,
          min(coalesce(extract(year from m.start_date)::int, p.year::int)) as year,
          m.status in ('in_progress', 'completed') as delivered
        from plan_measure m
        join household_plan p on p.id = m.plan_id
        join household h on h.id = m.household_id
        where ${inRegion('h.village_code', scope)}
        group by 1, 2, 4`.execute(db)
    ).rows,

  /** The households of the region: village, main cause, whether someone present can work (null: no members). */
  households: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{ id: string; village_code: string; main_cause: string | null; labour: boolean | null }>`
        select h.id::text as id, h.village_code, h.main_cause,
          (select bool_or(m.labour_capacity in ${ABLE}) from member m
            where m.household_id = h.id and m.member_status = 'present') as labour
        from household h
        where ${inRegion('h.village_code', scope)}`.execute(db)
    ).rows,

  /** The yearly rows of the region's households in [from, to]. */
  years: async (db: Kysely<DB>, scope: string, from: number, to: number) =>
    (
      await sql<{
        household_id: string;
        year: number;
        status: string;
        per_capita_income: string;
        size: number;
      }>`
        select y.household_id::text as household_id, y.year, y.status, y.per_capita_income, y.size
        from household_year y
        where y.year between ${from} and ${to} and ${inRegion('y.village_code', scope)}`.execute(db)
    ).rows,

  /** The years each household of the region had a plan (the assisted comparison). */
  planYears: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{ household_id: string; year: number }>`
        select p.household_id::text as household_id, p.year
        from household_plan p join household h on h.id = p.household_id
        where ${inRegion('h.village_code', scope)}`.execute(db)
    ).rows,

  /**
   * Names of the catalogue's measures (the kinds when compared by measure): national entries, then
   * regional ones on the scope's line (a deeper region's name wins).
   */
  catalogueNames: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{ code: string; name_zh: string; name_en: string }>`
        select code, name_zh, name_en from measure_catalogue
        union all
        select code, name_zh, name_en from (
          select code, name_zh, name_en, length(region_code) as depth from measure_catalogue_local
          where ${scope} like region_code || '%' or region_code like ${scope} || '%'
          order by depth) l`.execute(db)
    ).rows,
};

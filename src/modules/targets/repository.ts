import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export interface ExitRow {
  code: string;
  households: number;
  persons: number;
  with_income: number;
  in_band: number;
  without_measures: number | null;
}

/** Households that exited in `year` (status_history → exited, incl. re-exits), once each, in `region`. */
const exitsCte = (year: number, region: string) => sql`
  exits as (
    select distinct h.id, h.village_code, h.size
    from status_history sh join household h on h.id = sh.household_id
    where sh.to_status = 'exited' and sh.changed_on >= ${`${year}-01-01`}::date
      and sh.changed_on < ${`${year + 1}-01-01`}::date and ${inRegion('h.village_code', region)}
      and ${inRegion('sh.village_code', region)})`;

export const targetsRepository = {
  // the country ('', an administrator's scope) has no row: named here, its children the provinces
  region: async (db: Kysely<DB>, code: string) =>
    code === ''
      ? { code: '', name: '全国', level: 0, parent_code: null }
      : db
          .selectFrom('region')
          .select(['code', 'name', 'level', 'parent_code'])
          .where('code', '=', code)
          .executeTakeFirst(),

  children: (db: Kysely<DB>, code: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where((eb) => (code === '' ? eb('parent_code', 'is', null) : eb('parent_code', '=', code)))
      .orderBy('code')
      .execute(),

  targets: (db: Kysely<DB>, year: number, codes: readonly string[]) =>
    codes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('assist_target')
          .select(['indicator', 'region_code', 'value', 'set_by', 'set_at'])
          .where('year', '=', year)
          .where('region_code', 'in', codes)
          .execute(),

  years: async (db: Kysely<DB>, region: string) =>
    (
      await db
        .selectFrom('assist_target')
        .select('year')
        .distinct()
        .where(inRegion('region_code', region))
        .orderBy('year', 'desc')
        .execute()
    ).map((r) => r.year),

  planMeasureExists: async (db: Kysely<DB>) =>
    (await sql<{ t: string | null }>`select to_regclass('plan_measure')::text as t`.execute(db)).rows[0]?.t !=
    null,

  /**
   * Exits of `year` in `region`, grouped by the first `len` characters of the village code (the
   * sub-region): households, persons (size in that year's row, else the current size), those with
   * that year's income, those within [line, line × (1 + band)), and those without any plan measure.
   */
  exits: async (
    db: Kysely<DB>,
    p: { year: number; region: string; len: number; line: number; band: number; measures: boolean },
  ) =>
    (
      await sql<ExitRow>`
        with ${exitsCte(p.year, p.region)}
        select left(e.village_code, ${p.len}) as code, count(*)::int as households,
          sum(coalesce(hy.size, e.size))::int as persons,
          count(hy.per_capita_income)::int as with_income,
          count(*) filter (where hy.per_capita_income >= ${p.line} and hy.per_capita_income < ${p.line * (1 + p.band)})::int as in_band,
          ${
            p.measures
              ? sql`count(*) filter (where not exists (select 1 from plan_measure pm where pm.household_id = e.id and pm.status <> 'cancelled'))::int`
              : sql`null::int`
          } as without_measures
        from exits e left join household_year hy on hy.household_id = e.id and hy.year = ${p.year}
        group by 1`.execute(db)
    ).rows,

  /** Reference for heaping: households near the line ([line, 2 × line)) that did not exit that year. */
  reference: async (db: Kysely<DB>, p: { year: number; region: string; line: number; band: number }) =>
    (
      await sql<{ total: number; in_band: number }>`
        with ${exitsCte(p.year, p.region)}
        select count(*)::int as total,
          count(*) filter (where hy.per_capita_income < ${p.line * (1 + p.band)})::int as in_band
        from household_year hy
        where hy.year = ${p.year} and ${inRegion('hy.village_code', p.region)}
          and hy.per_capita_income >= ${p.line} and hy.per_capita_income < ${p.line * 2}
          and hy.household_id not in (select id from exits)`.execute(db)
    ).rows[0]!,

  upsertTargets: (
    db: Kysely<DB>,
    rows: { year: number; indicator: string; region_code: string; value: number; set_by: string }[],
  ) =>
    db
      .insertInto('assist_target')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['year', 'indicator', 'region_code']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          set_by: eb.ref('excluded.set_by'),
          set_at: sql`now()`,
        })),
      )
      .execute(),
};

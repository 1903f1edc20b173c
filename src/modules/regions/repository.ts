import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { POOR_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';
import { refreshStats, summaryOf } from '../stats/summary-table.js';

export interface RegionCounts {
  prefix: string;
  households: number;
  persons: number;
  poorHouseholds: number;
  poorPersons: number;
}

export const regionRepository = {
  byCode: (db: Kysely<DB>, code: string) =>
    db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst(),
  byCodes: (db: Kysely<DB>, codes: string[]) =>
    codes.length
      ? db.selectFrom('region').selectAll().where('code', 'in', codes).execute()
      : Promise.resolve([]),
  children: (db: Kysely<DB>, parent: string | null) =>
    db
      .selectFrom('region as r')
      .selectAll('r')
      .select((eb) =>
        eb
          .exists(eb.selectFrom('region as c').select('c.code').whereRef('c.parent_code', '=', 'r.code'))
          .as('has_children'),
      )
      .$call((q) =>
        parent === null ? q.where('r.parent_code', 'is', null) : q.where('r.parent_code', '=', parent),
      )
      .orderBy('r.code')
      .execute(),
  search: (db: Kysely<DB>, scope: string, text: string, limit: number) =>
    db
      .selectFrom('region')
      .selectAll()
      .where(inRegion('code', scope))
      .where('name', 'like', `%${text.replace(/[%_\\]/g, '\\$&')}%`)
      .orderBy('level')
      .orderBy('code')
      .limit(limit)
      .execute(),
  latestYear: async (db: Kysely<DB>): Promise<number | null> => {
    await refreshStats(db);
    const r = await db
      .selectFrom('stats_county_year')
      .select((eb) => eb.fn.max('year').as('y'))
      .executeTakeFirst();
    return r?.y ?? null;
  },
  /** Household and person counts of one year, grouped by the first `len` digits of the village code. */
  async countsByPrefix(db: Kysely<DB>, scope: string, len: number, year: number): Promise<RegionCounts[]> {
    const poor = sql.join(POOR_STATUSES.map((s) => sql.lit(s)));
    const s = summaryOf(scope, 'year', len);
    const rows = await sql<{
      prefix: string;
      households: string;
      persons: string;
      poor_households: string;
      poor_persons: string;
    }>`
      select substr(${sql.ref(s.column)}, 1, ${len}) as prefix, sum(households) as households, sum(persons) as persons,
        coalesce(sum(households) filter (where status in (${poor})), 0) as poor_households,
        coalesce(sum(persons) filter (where status in (${poor})), 0) as poor_persons
      from ${s.table}
      where year = ${year} and ${inRegion(s.column, scope)}
      group by 1`.execute(db);
    return rows.rows.map((r) => ({
      prefix: r.prefix,
      households: Number(r.households),
      persons: Number(r.persons),
      poorHouseholds: Number(r.poor_households),
      poorPersons: Number(r.poor_persons),
    }));
  },
  setFlags: (
    db: Kysely<DB>,
    code: string,
    flags: Partial<Record<'is_poverty_county' | 'is_poor_village' | 'is_western', boolean>>,
  ) => db.updateTable('region').set(flags).where('code', '=', code).returningAll().executeTakeFirst(),
};

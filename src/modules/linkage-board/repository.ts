import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OpenRoll } from '../../domain/safety-net/linkage-board.js';
import { inRegion } from '../../kernel/scope.js';

/** The linkage board's reads: open roll entries, region names, the latest income year, households' heads. */
export const linkageBoardRepository = {
  async openRolls(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, OpenRoll>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('assistance_roll')
      .select(['household_id', 'programme', 'member_id'])
      .where('household_id', 'in', [...ids])
      .where('state', '<>', 'ceased')
      .execute();
    return new Map(
      rows.map((r) => [
        r.household_id,
        { programme: r.programme === 'tekun' ? 'tekun' : 'dibao', memberId: r.member_id } as OpenRoll,
      ]),
    );
  },

  async names(db: Kysely<DB>, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('code', 'in', [...codes])
      .execute();
    return new Map(rows.map((r) => [r.code, r.name]));
  },

  /** The latest year with an income row in the region, up to `maxYear` (null: none). */
  async latestYear(db: Kysely<DB>, region: string, maxYear: number): Promise<number | null> {
    const r = await sql<{ y: number | null }>`
      select max(y.year) as y from household_year y join household h on h.id = y.household_id
      where ${inRegion('h.village_code', region)} and y.year <= ${maxYear}`.execute(db);
    return r.rows[0]?.y ?? null;
  },

  heads(db: Kysely<DB>, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('household')
      .select(['id', 'household_no', 'head_name', 'village_code', 'status'])
      .where('id', 'in', [...ids])
      .orderBy('id')
      .execute();
  },
};

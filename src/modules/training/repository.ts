import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** Cadres' training records (migration 042): rows only. */
export const trainingRepository = {
  cadre: (db: Kysely<DB>, id: string) =>
    db.selectFrom('cadre').select(['id', 'name', 'region_code']).where('id', '=', id).executeTakeFirst(),

  ofCadre: (db: Kysely<DB>, cadreId: string) =>
    db
      .selectFrom('cadre_training')
      .selectAll()
      .where('cadre_id', '=', cadreId)
      .orderBy('trained_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  insert: (db: Kysely<DB>, row: Insertable<DB['cadre_training']>) =>
    db.insertInto('cadre_training').values(row).returningAll().executeTakeFirstOrThrow(),

  /** Per township within `scope` (rows of a county-level cadre count under the county itself). */
  perTownship: async (db: Kysely<DB>, scope: string, from: string, to: string) => {
    const res = await sql<{
      township: string;
      name: string | null;
      records: string;
      cadres: string;
      hours: string;
    }>`
      select t.township, r.name, t.records::text, t.cadres::text, t.hours::text
      from (
        select left(region_code, 9) as township, count(*) as records, count(distinct cadre_id) as cadres,
               sum(hours) as hours
        from cadre_training
        where region_code >= ${scope} and region_code < ${scope + '~'} and trained_on between ${from} and ${to}
        group by 1
      ) t left join region r on r.code = t.township
      order by t.township`.execute(db);
    return res.rows;
  },
};

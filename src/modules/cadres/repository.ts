import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CadreTable, DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';
import { paged, type GapPage } from './paged-query.js';

/** Responsible cadres and their logins: rows only. */

export interface CadreListRow {
  id: string;
  name: string;
  work_unit: string;
  unit_level: string;
  phone: string | null;
  region_code: string;
  region_name: string;
  user_id: string | null;
  username: string | null;
  active: boolean;
  caseload: number;
}

export const cadreRepository = {
  listCadres: async (
    db: Kysely<DB>,
    f: { scope: string; q?: string | undefined; limit: number; offset: number },
  ): Promise<GapPage<CadreListRow>> => {
    const conds = [inRegion('c.region_code', f.scope)];
    if (f.q) conds.push(sql`(c.name like ${`%${f.q}%`} or c.work_unit like ${`%${f.q}%`})`);
    return paged<CadreListRow>(
      db,
      sql`select c.id, c.name, c.work_unit, c.unit_level, c.phone, c.region_code, r.name as region_name,
            c.user_id, u.username, c.active,
            (select count(*) from cadre_assignment a where a.cadre_id = c.id and a.end_date is null)::int as caseload
          from cadre c join region r on r.code = c.region_code left join app_user u on u.id = c.user_id
          where ${sql.join(conds, sql` and `)}`,
      sql`caseload desc, id`,
      f.limit,
      f.offset,
    );
  },

  cadreById: async (db: Kysely<DB>, id: string): Promise<CadreListRow | undefined> =>
    (
      await sql<CadreListRow>`
        select c.id, c.name, c.work_unit, c.unit_level, c.phone, c.region_code, r.name as region_name,
          c.user_id, u.username, c.active,
          (select count(*) from cadre_assignment a where a.cadre_id = c.id and a.end_date is null)::int as caseload
        from cadre c join region r on r.code = c.region_code left join app_user u on u.id = c.user_id
        where c.id = ${id}`.execute(db)
    ).rows[0],

  cadreIdOfUser: async (db: Kysely<DB>, userId: string) =>
    (await db.selectFrom('cadre').select('id').where('user_id', '=', userId).executeTakeFirst())?.id,

  insertCadre: (db: Kysely<DB>, row: Insertable<CadreTable>) =>
    db.insertInto('cadre').values(row).returning('id').executeTakeFirstOrThrow(),

  updateCadre: (db: Kysely<DB>, id: string, patch: Updateable<CadreTable>) =>
    db
      .updateTable('cadre')
      .set({ ...patch, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute(),

  cadreForUpdate: (db: Kysely<DB>, id: string) =>
    db.selectFrom('cadre').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  userById: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'username', 'scope_code'])
      .where('id', '=', id)
      .executeTakeFirst(),

  village: (db: Kysely<DB>, code: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level', 'is_poor_village'])
      .where('code', '=', code)
      .executeTakeFirst(),
};

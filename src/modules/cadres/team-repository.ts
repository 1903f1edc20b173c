import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** Village work teams (驻村工作队) and their members. */
export const teamRepository = {
  teams: async (
    db: Kysely<DB>,
    f: { scope: string; today: string; village?: string | undefined; current: boolean },
  ) => {
    const conds = [inRegion('t.village_code', f.village ?? f.scope)];
    if (f.current)
      conds.push(
        sql`t.start_date <= ${f.today}::date and (t.end_date is null or t.end_date >= ${f.today}::date)`,
      );
    return (
      await sql<{
        id: string;
        village_code: string;
        village_name: string;
        is_poor_village: boolean;
        sending_unit: string;
        start_date: string;
        end_date: string | null;
        note: string | null;
        current: boolean;
        members: { id: string; name: string; role: string; workUnit: string | null; phone: string | null }[];
      }>`
        select t.id, t.village_code, r.name as village_name, r.is_poor_village, t.sending_unit,
          t.start_date::text, t.end_date::text, t.note,
          (t.start_date <= ${f.today}::date and (t.end_date is null or t.end_date >= ${f.today}::date)) as current,
          coalesce((select json_agg(json_build_object('id', m.id::text, 'name', m.name, 'role', m.role,
              'workUnit', m.work_unit, 'phone', m.phone)
            order by case m.role when 'first_secretary' then 0 when 'leader' then 1 else 2 end, m.id)
            from work_team_member m where m.team_id = t.id), '[]') as members
        from work_team t join region r on r.code = t.village_code
        where ${sql.join(conds, sql` and `)}
        order by t.village_code, t.start_date desc
        limit 2000`.execute(db)
    ).rows;
  },

  team: (db: Kysely<DB>, id: string) =>
    db.selectFrom('work_team').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Teams of the village that are open at `date` or later (to end on a hand-over). */
  openTeams: (db: Kysely<DB>, village: string, date: string) =>
    db
      .selectFrom('work_team')
      .selectAll()
      .where('village_code', '=', village)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
      .forUpdate()
      .execute(),

  insertTeam: (db: Kysely<DB>, row: Insertable<DB['work_team']>) =>
    db.insertInto('work_team').values(row).returning('id').executeTakeFirstOrThrow(),

  setTeamEnd: (db: Kysely<DB>, id: string, endDate: string) =>
    db
      .updateTable('work_team')
      .set({ end_date: endDate, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute(),

  insertMembers: (db: Kysely<DB>, rows: Insertable<DB['work_team_member']>[]) =>
    rows.length ? db.insertInto('work_team_member').values(rows).execute() : Promise.resolve([]),
};

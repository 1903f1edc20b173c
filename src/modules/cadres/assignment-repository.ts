import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { plannedQuery, type PlannedRow } from './visit-due-query.js';

/** A household's current responsible cadre (for the household card and the household portal). */
export interface CurrentCadre {
  cadreId: string;
  name: string;
  phone: string | null;
  workUnit: string;
}

/** Current responsible cadres of the households (those without one are absent from the map). */
export async function currentCadres(
  db: Kysely<DB>,
  householdIds: readonly (string | number | bigint)[],
): Promise<Map<string, CurrentCadre>> {
  const ids = [...new Set(householdIds.map(String))];
  const out = new Map<string, CurrentCadre>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('cadre_assignment as a')
    .innerJoin('cadre as c', 'c.id', 'a.cadre_id')
    .select(['a.household_id', 'c.id', 'c.name', 'c.phone', 'c.work_unit'])
    .where('a.household_id', 'in', ids)
    .where('a.end_date', 'is', null)
    .execute();
  for (const r of rows)
    out.set(String(r.household_id), { cadreId: r.id, name: r.name, phone: r.phone, workUnit: r.work_unit });
  return out;
}

/** Households' responsible cadres: current assignments, history, hand-overs. */
export const assignmentRepository = {
  currentCadres,

  householdForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'status', 'household_no', 'head_name'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  household: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'status', 'household_no', 'head_name'])
      .where('id', '=', id)
      .executeTakeFirst(),

  assignments: async (db: Kysely<DB>, householdId: string) =>
    (
      await sql<{
        id: string;
        cadre_id: string;
        name: string;
        work_unit: string;
        unit_level: string;
        phone: string | null;
        start_date: string;
        end_date: string | null;
        reason: string;
        end_reason: string | null;
      }>`
        select a.id, a.cadre_id, c.name, c.work_unit, c.unit_level, c.phone, a.start_date::text,
          a.end_date::text, a.reason, a.end_reason
        from cadre_assignment a join cadre c on c.id = a.cadre_id
        where a.household_id = ${householdId}
        order by a.end_date is null desc, a.start_date desc, a.id desc`.execute(db)
    ).rows,

  currentAssignment: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('cadre_assignment')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('end_date', 'is', null)
      .executeTakeFirst(),

  endAssignment: (db: Kysely<DB>, id: string, endDate: string, reason: string) =>
    db
      .updateTable('cadre_assignment')
      .set({ end_date: endDate, end_reason: reason })
      .where('id', '=', id)
      .execute(),

  insertAssignment: (db: Kysely<DB>, row: Insertable<DB['cadre_assignment']>) =>
    db.insertInto('cadre_assignment').values(row).returning('id').executeTakeFirstOrThrow(),

  householdPlan: async (db: Kysely<DB>, householdId: string, today: string) =>
    (await sql<PlannedRow>`${plannedQuery({ scope: '', today, householdId })}`.execute(db)).rows[0],
};

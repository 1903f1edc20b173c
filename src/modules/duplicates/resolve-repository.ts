import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Actor } from '../../kernel/user.js';

/** SQL of the two ways to resolve a duplicate: merge two households, or move a member out. */
export const resolveRepository = {
  /** Lock households in id order (no deadlock between two merges of the same pair). */
  lockHouseholds: (db: Kysely<DB>, ids: string[]) =>
    db.selectFrom('household').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute(),

  membersOf: (db: Kysely<DB>, householdId: string) =>
    db.selectFrom('member').selectAll().where('household_id', '=', householdId).orderBy('id').execute(),

  /** Move members to another household; a head becomes 'other' there (the kept head stays head). */
  moveMembers: async (db: Kysely<DB>, memberIds: string[], to: string) => {
    if (!memberIds.length) return;
    await db
      .updateTable('member')
      .set((eb) => ({
        household_id: to,
        relation: eb.case().when('relation', '=', 'head').then('other').else(eb.ref('relation')).end(),
        version: eb('version', '+', 1),
      }))
      .where('id', 'in', memberIds)
      .execute();
    await db
      .updateTable('match_flag')
      .set({ household_id: to })
      .where('member_id', 'in', memberIds)
      .execute();
  },

  addStatusHistory: (
    db: Kysely<DB>,
    r: {
      householdId: string;
      villageCode: string;
      status: string;
      on: string;
      reason: string;
      actorId: string;
    },
  ) =>
    db
      .insertInto('status_history')
      .values({
        household_id: r.householdId,
        village_code: r.villageCode,
        from_status: r.status,
        to_status: r.status,
        changed_on: r.on,
        reason: r.reason,
        actor_id: r.actorId,
      })
      .execute(),

  /** Every row of every table that references the household (yearly income, history, cases, …). */
  async relatedRows(db: Kysely<DB>, householdId: string): Promise<Record<string, unknown[]>> {
    const refs = await sql<{ table_name: string; column_name: string }>`
      select c.conrelid::regclass::text as table_name, a.attname as column_name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'household_key'::regclass and cardinality(c.conkey) = 1
        and c.conparentid = 0 and c.conrelid not in ('household'::regclass, 'member_key'::regclass)
      order by 1, 2`.execute(db);
    const out: Record<string, unknown[]> = {};
    for (const r of refs.rows) {
      if (r.table_name === 'household_archive') continue;
      const rows = await sql<{ rows: unknown[] }>`
        select coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) as rows
        from ${sql.table(r.table_name)} t where ${sql.ref(`t.${r.column_name}`)} = ${householdId}`.execute(
        db,
      );
      const list = rows.rows[0]?.rows ?? [];
      if (list.length) out[r.table_name] = list;
    }
    return out;
  },

  archive: (
    db: Kysely<DB>,
    r: {
      householdId: string;
      householdNo: string;
      villageCode: string;
      mergedInto: string;
      reason: string;
      snapshot: unknown;
      actor: Actor;
    },
  ) =>
    db
      .insertInto('household_archive')
      .values({
        household_id: r.householdId,
        household_no: r.householdNo,
        village_code: r.villageCode,
        merged_into: r.mergedInto,
        reason: r.reason,
        snapshot: JSON.stringify(r.snapshot),
        archived_by: r.actor.id,
        archived_by_name: r.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** Households archived into `from` earlier now point to `to`; then `from` is deleted (cascading). */
  async removeHousehold(db: Kysely<DB>, from: string, to: string) {
    await db
      .updateTable('household_archive')
      .set({ merged_into: to })
      .where('merged_into', '=', from)
      .execute();
    await db.deleteFrom('household').where('id', '=', from).execute();
  },

  /** Size = present members; the version moves on (a concurrent editor gets a conflict). */
  recountHousehold: (db: Kysely<DB>, id: string) =>
    db
      .updateTable('household')
      .set((eb) => ({
        size: eb
          .selectFrom('member')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .where('household_id', '=', id)
          .where('member_status', '=', 'present'),
        version: eb('version', '+', 1),
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .returning(['id', 'size', 'version'])
      .executeTakeFirstOrThrow(),

  memberForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select([
        'm.id',
        'm.name',
        'm.member_status',
        'm.version',
        'm.relation',
        'm.household_id',
        'h.village_code',
        'h.household_no',
      ])
      .where('m.id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  setMemberStatus: (db: Kysely<DB>, id: string, status: string) =>
    db
      .updateTable('member')
      .set((eb) => ({ member_status: status, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .returning(['id', 'member_status', 'version'])
      .executeTakeFirstOrThrow(),
};

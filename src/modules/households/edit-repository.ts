import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  DB,
  HouseholdUpdate,
  HouseholdYearTable,
  MemberTable,
  NewMember,
  StatusHistoryTable,
} from '../../db/types.js';

/** The next version of a row, and the time of the change. */
const bumped = { version: sql<number>`version + 1`, updated_at: sql<Date>`now()` };

export const editRepository = {
  /** The household, locked until the end of the transaction (edits of one household queue here). */
  lock: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  /** Set fields and bump the version. */
  updateHousehold: (db: Kysely<DB>, id: string, set: HouseholdUpdate) =>
    db
      .updateTable('household')
      .set({ ...set, ...bumped })
      .where('id', '=', id)
      .execute(),

  /** After a change of members: size and head name from the present members, version bumped. */
  refreshFromMembers: (db: Kysely<DB>, id: string) =>
    db
      .updateTable('household')
      .set({
        ...bumped,
        size: sql<number>`(select count(*) from member where household_id = ${id} and member_status = 'present')`,
        head_name: sql<string | null>`(select name from member where household_id = ${id}
          and member_status = 'present' and relation = 'head' order by id limit 1)`,
      })
      .where('id', '=', id)
      .execute(),

  members: (db: Kysely<DB>, householdId: string) =>
    db.selectFrom('member').selectAll().where('household_id', '=', householdId).orderBy('id').execute(),

  updateMember: (db: Kysely<DB>, memberId: string, set: Updateable<MemberTable>) =>
    db
      .updateTable('member')
      .set({ ...set, version: sql<number>`version + 1` })
      .where('id', '=', memberId)
      .execute(),

  /** The member's village (the partition key of member) is its household's. */
  insertMember: (db: Kysely<DB>, row: Omit<NewMember, 'village_code'>) =>
    db
      .insertInto('member')
      .values({
        ...row,
        village_code: sql<string>`(select village_code from household_key where id = ${row.household_id})`,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),

  /** The other household where this ID number is a present member (its number and village), or null. */
  async holderOf(db: Kysely<DB>, idNumber: string, exceptHouseholdId: string) {
    const row = await db
      .selectFrom('member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select(['h.household_no', 'h.village_code'])
      .where('m.id_number', '=', idNumber)
      .where('m.member_status', '=', 'present')
      .where('m.household_id', '<>', exceptHouseholdId)
      .limit(1)
      .executeTakeFirst();
    return row ?? null;
  },

  year: (db: Kysely<DB>, householdId: string, year: number) =>
    db
      .selectFrom('household_year')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('year', '=', year)
      .executeTakeFirst(),

  upsertYear: (db: Kysely<DB>, row: Insertable<HouseholdYearTable>) => {
    const { household_id: _h, year: _y, ...set } = row;
    return (
      db
        .insertInto('household_year')
        .values(row)
        // (household_id, year) is unique: a row of the year under another village is replaced (migration 044)
        .onConflict((oc) => oc.columns(['household_id', 'year', 'village_code']).doUpdateSet(set))
        .execute()
    );
  },

  addStatusHistory: (db: Kysely<DB>, row: Insertable<StatusHistoryTable>) =>
    db.insertInto('status_history').values(row).execute(),
};

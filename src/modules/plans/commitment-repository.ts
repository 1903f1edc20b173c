import type { Insertable, Kysely } from 'kysely';
import type { CommitmentProgressTable, DB, HouseholdCommitmentTable } from '../../db/types.js';

/** Household commitments written into the plan and the progress reported on them (migration 043). */
export const commitmentRepository = {
  latestPlan: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('household_plan')
      .select(['id', 'year'])
      .where('household_id', '=', householdId)
      .orderBy('year', 'desc')
      .limit(1)
      .executeTakeFirst(),

  ofHousehold: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('household_commitment')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('id')
      .execute(),

  progressOf: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('commitment_progress as p')
      .leftJoin('incentive_entry as e', 'e.id', 'p.entry_id')
      .selectAll('p')
      .select('e.points as points')
      .where('p.household_id', '=', householdId)
      .orderBy('p.id')
      .execute(),

  insert: (db: Kysely<DB>, row: Insertable<HouseholdCommitmentTable>) =>
    db.insertInto('household_commitment').values(row).returningAll().executeTakeFirstOrThrow(),

  commitment: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household_commitment').selectAll().where('id', '=', id).executeTakeFirst(),

  setState: (db: Kysely<DB>, id: string, state: 'open' | 'kept' | 'dropped') =>
    db.updateTable('household_commitment').set({ state }).where('id', '=', id).execute(),

  insertProgress: (db: Kysely<DB>, row: Insertable<CommitmentProgressTable>) =>
    db.insertInto('commitment_progress').values(row).returningAll().executeTakeFirstOrThrow(),

  progress: (db: Kysely<DB>, id: string) =>
    db.selectFrom('commitment_progress').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  confirm: (db: Kysely<DB>, id: string, by: string, at: Date, entryId: string | null) =>
    db
      .updateTable('commitment_progress')
      .set({ confirmed_by: by, confirmed_at: at, entry_id: entryId })
      .where('id', '=', id)
      .execute(),
};

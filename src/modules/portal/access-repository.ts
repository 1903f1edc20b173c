import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';

/** SQL of portal access: households by number, access codes, failed tries and sessions. */
export const accessRepository = {
  householdByNo: (db: Kysely<DB>, householdNo: string) =>
    db
      .selectFrom('household')
      .leftJoin('portal_access as a', 'a.household_id', 'household.id')
      .select([
        'household.id',
        'household.household_no',
        'household.village_code',
        'a.code_hash',
        'a.failed_count',
        'a.locked_until',
      ])
      .where('household.household_no', '=', householdNo)
      .executeTakeFirst(),
  householdsByIds: (db: Kysely<DB>, ids: string[]) =>
    ids.length
      ? db
          .selectFrom('household')
          .select(['id', 'household_no', 'village_code', 'head_name'])
          .where('id', 'in', ids)
          .orderBy('household_no')
          .execute()
      : Promise.resolve([]),
  /** The households a village's cards are printed for (registered, returned, monitored, exited). */
  cardHouseholdIds: async (db: Kysely<DB>, villageCode: string) =>
    (
      await db
        .selectFrom('household')
        .select('id')
        .where('village_code', '=', villageCode)
        .where('status', 'in', [...PLANNED_STATUSES])
        .orderBy('household_no')
        .execute()
    ).map((r) => r.id),
  setFailures: (db: Kysely<DB>, householdId: string, failedCount: number, lockedUntil: Date | null) =>
    db
      .updateTable('portal_access')
      .set({ failed_count: failedCount, locked_until: lockedUntil })
      .where('household_id', '=', householdId)
      .execute(),
  upsertAccess: (db: Kysely<DB>, householdId: string, codeHash: string, issuedBy: string | null, at: Date) =>
    db
      .insertInto('portal_access')
      .values({ household_id: householdId, code_hash: codeHash, issued_by: issuedBy, issued_at: at })
      .onConflict((oc) =>
        oc.column('household_id').doUpdateSet({
          code_hash: codeHash,
          issued_by: issuedBy,
          issued_at: at,
          failed_count: 0,
          locked_until: null,
        }),
      )
      .execute(),
  createSession: (db: Kysely<DB>, v: Insertable<DB['portal_session']>) =>
    db.insertInto('portal_session').values(v).execute(),
  sessionHousehold: (db: Kysely<DB>, tokenHash: string, now: Date) =>
    db
      .selectFrom('portal_session as s')
      .innerJoin('household as h', 'h.id', 's.household_id')
      .select(['h.id', 'h.household_no', 'h.village_code'])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .executeTakeFirst(),
  deleteSession: (db: Kysely<DB>, tokenHash: string) =>
    db.deleteFrom('portal_session').where('token_hash', '=', tokenHash).execute(),
  deleteSessionsOf: (db: Kysely<DB>, householdId: string) =>
    db.deleteFrom('portal_session').where('household_id', '=', householdId).execute(),
  deleteExpired: (db: Kysely<DB>, now: Date) =>
    db.deleteFrom('portal_session').where('expires_at', '<=', now).execute(),
};

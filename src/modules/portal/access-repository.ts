import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';

/** SQL of portal access: households by number, access codes, wrong tries (throttle) and sessions. */
export const accessRepository = {
  householdByNo: (db: Kysely<DB>, householdNo: string) =>
    db
      .selectFrom('household')
      .leftJoin('portal_access as a', 'a.household_id', 'household.id')
      .select(['household.id', 'household.household_no', 'household.village_code', 'a.code_hash'])
      .where('household.household_no', '=', householdNo)
      .executeTakeFirst(),
  /** A household's throttle state, its row locked until the end of the transaction. */
  lockAccess: (trx: Kysely<DB>, householdId: string) =>
    trx
      .selectFrom('portal_access')
      .select(['failed_count', 'last_failed_at', 'retry_at', 'failures_total'])
      .where('household_id', '=', householdId)
      .forUpdate()
      .executeTakeFirst(),
  /** What the household's cadre sees of its access: issue and wrong sign-ins since. */
  accessStatus: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('portal_access')
      .select(['issued_at', 'failures_total', 'failures_since', 'last_failed_at', 'retry_at'])
      .where('household_id', '=', householdId)
      .executeTakeFirst(),
  householdById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').select(['id', 'village_code']).where('id', '=', id).executeTakeFirst(),
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
  /** One more wrong code of a household: its run, wait and the cadre's count. */
  recordFailure: (
    db: Kysely<DB>,
    householdId: string,
    v: { failedCount: number; retryAt: Date | null; at: Date },
  ) =>
    db
      .updateTable('portal_access')
      .set((eb) => ({
        failed_count: v.failedCount,
        retry_at: v.retryAt,
        last_failed_at: v.at,
        failures_total: eb('failures_total', '+', 1),
        failures_since: eb.fn.coalesce('failures_since', eb.val(v.at)),
      }))
      .where('household_id', '=', householdId)
      .execute(),
  /** A sign-in: the run of wrong codes ends (the cadre's count stays until the next issue). */
  clearRun: (db: Kysely<DB>, householdId: string) =>
    db
      .updateTable('portal_access')
      .set({ failed_count: 0, retry_at: null })
      .where('household_id', '=', householdId)
      .execute(),
  /** Serialise the tries of one source address until the end of the transaction. */
  lockSource: (trx: Kysely<DB>, source: string) =>
    sql`select pg_advisory_xact_lock(hashtext(${`portal-source:${source}`}))`.execute(trx),
  sourceState: (db: Kysely<DB>, source: string) =>
    db
      .selectFrom('portal_login_source')
      .select(['failed_count', 'last_failed_at', 'retry_at'])
      .where('source', '=', source)
      .executeTakeFirst(),
  setSourceFailure: (
    db: Kysely<DB>,
    source: string,
    v: { failedCount: number; retryAt: Date | null; at: Date },
  ) =>
    db
      .insertInto('portal_login_source')
      .values({ source, failed_count: v.failedCount, retry_at: v.retryAt, last_failed_at: v.at })
      .onConflict((oc) =>
        oc
          .column('source')
          .doUpdateSet({ failed_count: v.failedCount, retry_at: v.retryAt, last_failed_at: v.at }),
      )
      .execute(),
  /** Forget the sources quiet since `before`. */
  deleteQuietSources: (db: Kysely<DB>, before: Date) =>
    db.deleteFrom('portal_login_source').where('last_failed_at', '<', before).execute(),
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
          retry_at: null,
          last_failed_at: null,
          failures_total: 0,
          failures_since: null,
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

import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';

/** SQL of the household portal: access codes, sessions, the household's needs and ratings. */
export const portalRepository = {
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
  household: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst(),
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

  /** The latest plan year of a household up to `year` (the portal shows that plan). */
  latestPlanYear: async (db: Kysely<DB>, householdId: string, year: number) =>
    (
      await db
        .selectFrom('household_plan')
        .select('year')
        .where('household_id', '=', householdId)
        .where('year', '<=', year)
        .orderBy('year', 'desc')
        .limit(1)
        .executeTakeFirst()
    )?.year,
  /** The live measures of a household's plan of a year, with ids (to rate them). */
  planMeasures: (db: Kysely<DB>, householdId: string, year: number) =>
    db
      .selectFrom('plan_measure as m')
      .innerJoin('household_plan as p', 'p.id', 'm.plan_id')
      .innerJoin('measure_catalogue as c', 'c.code', 'm.catalogue_code')
      .select(['m.id', 'c.name_zh', 'c.name_en', 'm.status'])
      .where('m.household_id', '=', householdId)
      .where('p.year', '=', year)
      .where('m.status', '<>', 'cancelled')
      .orderBy('m.id')
      .execute(),
  measureOf: (db: Kysely<DB>, householdId: string, measureId: string) =>
    db
      .selectFrom('plan_measure as m')
      .innerJoin('household_plan as p', 'p.id', 'm.plan_id')
      .select(['m.id', 'p.year'])
      .where('m.id', '=', measureId)
      .where('m.household_id', '=', householdId)
      .executeTakeFirst(),
  ratings: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('help_rating')
      .selectAll()
      .where('household_id', '=', householdId)
      .orderBy('year', 'desc')
      .orderBy('id')
      .execute(),
  ratingFor: (db: Kysely<DB>, householdId: string, year: number, measureId: string | null) => {
    let q = db
      .selectFrom('help_rating')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('year', '=', year);
    q = measureId ? q.where('measure_id', '=', measureId) : q.where('measure_id', 'is', null);
    return q.executeTakeFirst();
  },
  insertRating: (db: Kysely<DB>, v: Insertable<DB['help_rating']>) =>
    db.insertInto('help_rating').values(v).returning('id').executeTakeFirstOrThrow(),
  updateRating: (db: Kysely<DB>, id: string, rating: number, comment: string | null, at: Date) =>
    db.updateTable('help_rating').set({ rating, comment, rated_at: at }).where('id', '=', id).execute(),
  /** The household's own needs on the board, with the pledging organisation's name. */
  needs: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('need as n')
      .leftJoin('need_pledge as p', 'p.need_id', 'n.id')
      .leftJoin('organisation as o', 'o.id', 'p.organisation_id')
      .select([
        'n.id',
        'n.kind',
        'n.title',
        'n.description',
        'n.amount',
        'n.status',
        'n.published_at',
        'n.delivered_at',
        'n.confirmed_at',
        'n.confirm_rating',
        'o.name as organisation_name',
        'p.delivery_note',
      ])
      .where('n.household_id', '=', householdId)
      .where('n.status', '<>', 'withdrawn')
      .orderBy('n.published_at', 'desc')
      .execute(),
};

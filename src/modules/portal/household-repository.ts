import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

/** SQL of what a signed-in household reads and does: its plan, ratings and needs. */
export const householdRepository = {
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

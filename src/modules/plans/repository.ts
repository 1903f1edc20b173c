import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type {
  CatalogueRow,
  DB,
  HouseholdPlanTable,
  MeasureCatalogueTable,
  PlanMeasureTable,
} from '../../db/types.js';
import type { Batch, CatalogueEntry, LabourRule } from '../../domain/plans/catalogue.js';

/** Plans, their measures and the measure catalogue: rows only (SQL of the fit check: fit-repository.ts). */

export const catalogueEntry = (r: CatalogueRow): CatalogueEntry => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  batch: r.batch as Batch,
  measureType: r.measure_type,
  causes: r.causes,
  conditions: r.conditions,
  labour: r.labour as LabourRule,
  fundingSource: r.funding_source,
  defaultAmount: r.default_amount === null ? null : Number(r.default_amount),
  responsibleUnit: r.responsible_unit,
  months: r.months,
  sort: r.sort,
  active: r.active,
});

export const plansRepository = {
  catalogue: (db: Kysely<DB>) =>
    db.selectFrom('measure_catalogue').selectAll().orderBy('sort').orderBy('code').execute(),

  catalogueRow: (db: Kysely<DB>, code: string, lock = false) => {
    const q = db.selectFrom('measure_catalogue').selectAll().where('code', '=', code);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  insertCatalogue: (db: Kysely<DB>, row: Insertable<MeasureCatalogueTable>) =>
    db
      .insertInto('measure_catalogue')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst(),

  updateCatalogue: (db: Kysely<DB>, code: string, set: Updateable<MeasureCatalogueTable>) =>
    db
      .updateTable('measure_catalogue')
      .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('code', '=', code)
      .returningAll()
      .executeTakeFirstOrThrow(),

  /** The household locked (plan writes serialise per household). */
  lockHousehold: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  household: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst(),

  members: (db: Kysely<DB>, householdIds: string[]) =>
    householdIds.length
      ? db.selectFrom('member').selectAll().where('household_id', 'in', householdIds).orderBy('id').execute()
      : Promise.resolve([]),

  plan: (db: Kysely<DB>, householdId: string, year: number) =>
    db
      .selectFrom('household_plan')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('year', '=', year)
      .executeTakeFirst(),

  planById: (db: Kysely<DB>, id: string, lock = false) => {
    const q = db.selectFrom('household_plan').selectAll().where('id', '=', id);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  plansOf: (db: Kysely<DB>, householdIds: string[], year: number) =>
    householdIds.length
      ? db
          .selectFrom('household_plan')
          .selectAll()
          .where('household_id', 'in', householdIds)
          .where('year', '=', year)
          .execute()
      : Promise.resolve([]),

  /** Years in which the household has a plan, newest first. */
  planYears: async (db: Kysely<DB>, householdId: string) =>
    (
      await db
        .selectFrom('household_plan')
        .select('year')
        .where('household_id', '=', householdId)
        .orderBy('year', 'desc')
        .execute()
    ).map((r) => r.year),

  measures: (db: Kysely<DB>, planIds: string[]) =>
    planIds.length
      ? db.selectFrom('plan_measure').selectAll().where('plan_id', 'in', planIds).orderBy('id').execute()
      : Promise.resolve([]),

  measureById: (db: Kysely<DB>, id: string, lock = false) => {
    const q = db.selectFrom('plan_measure').selectAll().where('id', '=', id);
    return (lock ? q.forUpdate() : q).executeTakeFirst();
  },

  /** Insert a plan unless the household has one for the year (then undefined). */
  insertPlan: (db: Kysely<DB>, row: Insertable<HouseholdPlanTable>) =>
    db
      .insertInto('household_plan')
      .values(row)
      .onConflict((oc) => oc.columns(['household_id', 'year']).doNothing())
      .returningAll()
      .executeTakeFirst(),

  insertMeasures: (db: Kysely<DB>, rows: Insertable<PlanMeasureTable>[]) =>
    rows.length ? db.insertInto('plan_measure').values(rows).returningAll().execute() : Promise.resolve([]),

  updatePlan: (db: Kysely<DB>, id: string, set: Updateable<HouseholdPlanTable>) =>
    db
      .updateTable('household_plan')
      .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),

  /** A measure changed: the plan's last change now, its fit to be checked again. */
  touchPlan: (db: Kysely<DB>, id: string) =>
    db
      .updateTable('household_plan')
      .set({ updated_at: sql`now()`, fits: null })
      .where('id', '=', id)
      .execute(),

  updateMeasure: (db: Kysely<DB>, id: string, set: Updateable<PlanMeasureTable>) =>
    db
      .updateTable('plan_measure')
      .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};

import { sql, type Insertable, type Kysely, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import type {
  CatalogueRow,
  DB,
  HouseholdPlanTable,
  MeasureCatalogueTable,
  PlanMeasureTable,
} from '../../db/types.js';
import { PLANNED_STATUSES, type CatalogueEntry } from '../../domain/plans/catalogue.js';
import type { Batch, LabourRule } from '../../domain/plans/catalogue.js';
import { inRegion } from '../../kernel/scope.js';

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

const statusList = sql.join(PLANNED_STATUSES.map((s) => sql.lit(s)));

/** One row per plan for the fit check of many plans: causes, labour and the measures in brief. */
export interface FitRow {
  plan_id: string;
  household_id: string;
  household_no: string;
  head_name: string | null;
  village_code: string;
  village_name: string | null;
  household_status: string;
  main_cause: string | null;
  other_causes: string[];
  able: number;
  plan_status: string;
  measures: { c: string; t: string; s: string }[];
}

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

  /** The plans that `where` selects (alias p = household_plan, h = household) with what the fit check needs. */
  fitRows: async (db: Kysely<DB>, where: RawBuilder<SqlBool>): Promise<FitRow[]> =>
    (
      await sql<FitRow>`
        with p as (
          select p.id, p.household_id, p.status, h.household_no, h.head_name, h.village_code,
            h.status as household_status, h.main_cause, h.other_causes
          from household_plan p join household h on h.id = p.household_id
          where ${where}),
        m as (
          select pm.plan_id, array_agg(pm.catalogue_code) as c, array_agg(pm.measure_type) as t,
            array_agg(pm.status) as s
          from plan_measure pm where pm.plan_id in (select id from p) group by pm.plan_id),
        a as (
          select mb.household_id, count(*)::int as n from member mb
          where mb.household_id in (select household_id from p) and mb.member_status = 'present'
            and mb.labour_capacity in ('ordinary', 'skilled', 'weak')
          group by mb.household_id)
        select p.id::text as plan_id, p.household_id::text as household_id, p.household_no, p.head_name,
          p.village_code, r.name as village_name, p.household_status, p.main_cause, p.other_causes,
          p.status as plan_status, coalesce(a.n, 0) as able,
          coalesce(m.c, '{}') as mc, coalesce(m.t, '{}') as mt, coalesce(m.s, '{}') as ms
        from p
        left join m on m.plan_id = p.id
        left join a on a.household_id = p.household_id
        left join region r on r.code = p.village_code
        order by p.village_code, p.household_no`.execute(db)
    ).rows.map((r) => {
      const x = r as unknown as FitRow & { mc: string[]; mt: string[]; ms: string[] };
      const measures = x.mc.map((c, i) => ({ c, t: x.mt[i]!, s: x.ms[i]! }));
      return { ...x, measures };
    }),

  /** Condition: the plans of `year` in the region. */
  inYear: (region: string, year: number) =>
    sql<SqlBool>`p.year = ${year} and ${inRegion('h.village_code', region)}`,

  /** Whether plans of the year in the region wait for their fit check (fits null). */
  anyUnchecked: async (db: Kysely<DB>, region: string, year: number) =>
    (
      await sql`
        select 1 from household_plan p join household h on h.id = p.household_id
        where p.year = ${year} and p.fits is null and ${inRegion('h.village_code', region)} limit 1`.execute(
        db,
      )
    ).rows.length > 0,

  /** Lock the unchecked plans of the year in the region (in id order) and return their ids. */
  lockUnchecked: async (db: Kysely<DB>, region: string, year: number) =>
    (
      await sql<{ id: string }>`
        select p.id::text as id from household_plan p join household h on h.id = p.household_id
        where p.year = ${year} and p.fits is null and ${inRegion('h.village_code', region)}
        order by p.id for update of p`.execute(db)
    ).rows.map((r) => r.id),

  /** Store fit results (plan id → fits). */
  storeFits: async (db: Kysely<DB>, ids: readonly string[], fits: readonly boolean[]) => {
    if (!ids.length) return;
    await sql`
      update household_plan p set fits = u.f
      from unnest(${ids}::bigint[], ${fits}::boolean[]) as u(id, f) where p.id = u.id`.execute(db);
  },

  /** Plans of the year in the region by plan status, and how many of each do not fit (stored flags). */
  planCounts: async (db: Kysely<DB>, region: string, year: number) =>
    (
      await sql<{ status: string; n: number; unfit: number }>`
        select p.status, count(*)::int as n, count(*) filter (where not p.fits)::int as unfit
        from household_plan p join household h on h.id = p.household_id
        where p.year = ${year} and ${inRegion('h.village_code', region)}
        group by p.status`.execute(db)
    ).rows,

  /** Registered or monitored households of the region without a plan for the year. */
  withoutPlan: async (db: Kysely<DB>, region: string, year: number) =>
    (
      await sql<{ n: number }>`
        select count(*)::int as n from household h
        where ${inRegion('h.village_code', region)} and h.status in (${statusList})
          and not exists (select 1 from household_plan p where p.household_id = h.id and p.year = ${year})`.execute(
        db,
      )
    ).rows[0]!.n,

  /** Measures of the year's plans in the region by status, and the open ones past their deadline. */
  measureCounts: async (db: Kysely<DB>, region: string, year: number, today: string) =>
    (
      await sql<{ status: string; n: number; overdue: number; amount: string | null }>`
        select pm.status, count(*)::int as n,
          count(*) filter (where pm.status in ('planned', 'in_progress') and pm.deadline < ${today}::date)::int as overdue,
          sum(pm.amount)::text as amount
        from plan_measure pm
        join household_plan p on p.id = pm.plan_id
        join household h on h.id = pm.household_id
        where p.year = ${year} and ${inRegion('h.village_code', region)}
        group by pm.status`.execute(db)
    ).rows,

  /** Households of a village that get a card (registered or monitored), in household-number order. */
  cardHouseholds: (db: Kysely<DB>, villageCode: string) =>
    db
      .selectFrom('household')
      .selectAll()
      .where('village_code', '=', villageCode)
      .where('status', 'in', [...PLANNED_STATUSES])
      .orderBy('household_no')
      .execute(),

  /** Ecological compensation received in the year (card: policies enjoyed). */
  ecoCompensation: async (db: Kysely<DB>, householdIds: string[], year: number) => {
    const out = new Map<string, number>();
    if (!householdIds.length) return out;
    const rows = await db
      .selectFrom('household_year')
      .select(['household_id', 'transfer_eco'])
      .where('household_id', 'in', householdIds)
      .where('year', '<=', year)
      .orderBy('year')
      .execute();
    for (const r of rows) out.set(String(r.household_id), Number(r.transfer_eco));
    return out;
  },
};

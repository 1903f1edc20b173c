import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import { inRegion } from '../../kernel/scope.js';

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

/** The fit check of many plans and the figures of a region's plans (the gap list, the summary). */
export const planFitRepository = {
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
};

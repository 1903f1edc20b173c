import { sql, type Insertable, type Kysely, type RawBuilder, type Updateable } from 'kysely';
import type { CadreTable, DB } from '../../db/types.js';
import { KIND_STATUSES, NEEDS_CADRE_STATUSES } from '../../domain/cadres/rules.js';
import { inRegion } from '../../kernel/scope.js';

/** A household's current responsible cadre (for the household card and the household portal). */
export interface CurrentCadre {
  cadreId: string;
  name: string;
  phone: string | null;
  workUnit: string;
}

/** Current responsible cadres of the households (those without one are absent from the map). */
export async function currentCadres(
  db: Kysely<DB>,
  householdIds: readonly (string | number | bigint)[],
): Promise<Map<string, CurrentCadre>> {
  const ids = [...new Set(householdIds.map(String))];
  const out = new Map<string, CurrentCadre>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('cadre_assignment as a')
    .innerJoin('cadre as c', 'c.id', 'a.cadre_id')
    .select(['a.household_id', 'c.id', 'c.name', 'c.phone', 'c.work_unit'])
    .where('a.household_id', 'in', ids)
    .where('a.end_date', 'is', null)
    .execute();
  for (const r of rows)
    out.set(String(r.household_id), { cadreId: r.id, name: r.name, phone: r.phone, workUnit: r.work_unit });
  return out;
}

const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql.lit(x)),
    sql`, `,
  );

/** SQL: the visit-plan kind of a household status (mirrors domain householdKind). */
const kindOf = (status: RawBuilder<unknown>) => sql<string | null>`case
  when ${status} in (${list(KIND_STATUSES.poor)}) then 'poor'
  when ${status} in (${list(KIND_STATUSES.monitored)}) then 'monitored'
  when ${status} in (${list(KIND_STATUSES.exited)}) then 'exited' end`;

const PLANNED_STATUSES = [...KIND_STATUSES.poor, ...KIND_STATUSES.monitored, ...KIND_STATUSES.exited];

export interface PlannedRow {
  household_id: string;
  household_no: string;
  head_name: string | null;
  village_code: string;
  village_name: string;
  status: string;
  kind: string;
  visits_per_year: number;
  last_visit: string | null;
  visits_this_year: number;
  due_on: string | null;
  overdue: boolean;
  cadre_id: string | null;
  cadre_name: string | null;
}

/**
 * Households with a visit plan in a region (or of one cadre), with the plan's visits a year, the
 * last visit, visits this year and the due day (last visit + ceil(365/N) days; mirrors domain
 * nextVisitDue). `onlyOverdue` keeps the overdue ones, oldest due first.
 */
function plannedQuery(o: {
  scope: string;
  today: string;
  cadreId?: string | undefined;
  householdId?: string | undefined;
  onlyOverdue?: boolean;
}) {
  const where = [inRegion('h.village_code', o.scope), sql`h.status in (${list(PLANNED_STATUSES)})`];
  if (o.cadreId) where.push(sql`ca.cadre_id = ${o.cadreId}`);
  if (o.householdId) where.push(sql`h.id = ${o.householdId}`);
  const year = o.today.slice(0, 4);
  return sql`
    with hh as (
      select h.id, h.household_no, h.head_name, h.village_code, h.status,
        ${kindOf(sql.ref('h.status'))} as kind, ca.cadre_id
      from household h
      left join cadre_assignment ca on ca.household_id = h.id and ca.end_date is null
      where ${sql.join(where, sql` and `)}
    ), planned as (
      select hh.*, r.visits_per_year, lv.last_visit, coalesce(lv.this_year, 0)::int as visits_this_year,
        lv.last_visit + ceil(365.0 / nullif(r.visits_per_year, 0))::int as due_on
      from hh
      cross join lateral (
        select visits_per_year from visit_plan_rule r
        where r.household_kind = hh.kind and starts_with(hh.village_code, r.region_prefix)
        order by length(r.region_prefix) desc limit 1) r
      left join lateral (
        select max(visit_date) as last_visit,
          count(*) filter (where visit_date >= ${`${year}-01-01`}::date) as this_year
        from visit v where v.household_id = hh.id) lv on true
    )
    select p.id as household_id, p.household_no, p.head_name, p.village_code, rg.name as village_name,
      p.status, p.kind, p.visits_per_year, p.last_visit::text as last_visit, p.visits_this_year,
      p.due_on::text as due_on,
      (p.visits_per_year > 0 and (p.last_visit is null or p.due_on < ${o.today}::date)) as overdue,
      p.cadre_id, c.name as cadre_name
    from planned p
    join region rg on rg.code = p.village_code
    left join cadre c on c.id = p.cadre_id
    ${o.onlyOverdue ? sql`where p.visits_per_year > 0 and (p.last_visit is null or p.due_on < ${o.today}::date)` : sql``}`;
}

export interface GapPage<T> {
  total: number;
  rows: T[];
}

async function paged<T>(
  db: Kysely<DB>,
  q: RawBuilder<unknown>,
  order: RawBuilder<unknown>,
  limit: number,
  offset: number,
) {
  const r = await sql<T & { total: string }>`
    select x.*, count(*) over () as total from (${q}) x order by ${order} limit ${limit} offset ${offset}`.execute(
    db,
  );
  return { total: Number(r.rows[0]?.total ?? 0), rows: r.rows.map(({ total: _t, ...rest }) => rest as T) };
}

export interface CadreListRow {
  id: string;
  name: string;
  work_unit: string;
  unit_level: string;
  phone: string | null;
  region_code: string;
  region_name: string;
  user_id: string | null;
  username: string | null;
  active: boolean;
  caseload: number;
}

export const cadreRepository = {
  currentCadres,

  listCadres: async (
    db: Kysely<DB>,
    f: { scope: string; q?: string | undefined; limit: number; offset: number },
  ): Promise<GapPage<CadreListRow>> => {
    const conds = [inRegion('c.region_code', f.scope)];
    if (f.q) conds.push(sql`(c.name like ${`%${f.q}%`} or c.work_unit like ${`%${f.q}%`})`);
    return paged<CadreListRow>(
      db,
      sql`select c.id, c.name, c.work_unit, c.unit_level, c.phone, c.region_code, r.name as region_name,
            c.user_id, u.username, c.active,
            (select count(*) from cadre_assignment a where a.cadre_id = c.id and a.end_date is null)::int as caseload
          from cadre c join region r on r.code = c.region_code left join app_user u on u.id = c.user_id
          where ${sql.join(conds, sql` and `)}`,
      sql`caseload desc, id`,
      f.limit,
      f.offset,
    );
  },

  cadreById: async (db: Kysely<DB>, id: string): Promise<CadreListRow | undefined> =>
    (
      await sql<CadreListRow>`
        select c.id, c.name, c.work_unit, c.unit_level, c.phone, c.region_code, r.name as region_name,
          c.user_id, u.username, c.active,
          (select count(*) from cadre_assignment a where a.cadre_id = c.id and a.end_date is null)::int as caseload
        from cadre c join region r on r.code = c.region_code left join app_user u on u.id = c.user_id
        where c.id = ${id}`.execute(db)
    ).rows[0],

  cadreIdOfUser: async (db: Kysely<DB>, userId: string) =>
    (await db.selectFrom('cadre').select('id').where('user_id', '=', userId).executeTakeFirst())?.id,

  insertCadre: (db: Kysely<DB>, row: Insertable<CadreTable>) =>
    db.insertInto('cadre').values(row).returning('id').executeTakeFirstOrThrow(),

  updateCadre: (db: Kysely<DB>, id: string, patch: Updateable<CadreTable>) =>
    db
      .updateTable('cadre')
      .set({ ...patch, updated_at: new Date() })
      .where('id', '=', id)
      .execute(),

  cadreForUpdate: (db: Kysely<DB>, id: string) =>
    db.selectFrom('cadre').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  userById: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'username', 'scope_code'])
      .where('id', '=', id)
      .executeTakeFirst(),

  /** The cadre's households (current assignments) with what each needs next. */
  cadreHouseholds: async (db: Kysely<DB>, cadreId: string, today: string) => {
    const r = await sql<{
      household_id: string;
      household_no: string;
      head_name: string | null;
      village_code: string;
      village_name: string;
      status: string;
      start_date: string;
      visits_per_year: number | null;
      last_visit: string | null;
      visits_this_year: number | null;
      due_on: string | null;
      overdue: boolean | null;
    }>`
      select h.id as household_id, h.household_no, h.head_name, h.village_code, rg.name as village_name,
        h.status, a.start_date::text as start_date, p.visits_per_year, p.last_visit, p.visits_this_year,
        p.due_on, p.overdue
      from cadre_assignment a
      join household h on h.id = a.household_id
      join region rg on rg.code = h.village_code
      left join (${plannedQuery({ scope: '', today, cadreId })}) p on p.household_id = h.id
      where a.cadre_id = ${cadreId} and a.end_date is null
      order by p.overdue desc nulls last, p.due_on nulls first, h.household_no`.execute(db);
    return r.rows;
  },

  /** Open measures per household (plan_measure of the plans feature, when that table exists). */
  openMeasures: async (db: Kysely<DB>, householdIds: string[], today: string) => {
    const out = new Map<string, { open: number; overdue: number; nextDeadline: string | null }>();
    if (!householdIds.length) return out;
    const exists = await sql<{ t: string | null }>`select to_regclass('plan_measure')::text as t`.execute(db);
    if (!exists.rows[0]?.t) return out;
    const r = await sql<{
      household_id: string;
      open: number;
      overdue: number;
      next_deadline: string | null;
    }>`
      select household_id, count(*)::int as open,
        count(*) filter (where deadline < ${today}::date)::int as overdue,
        min(deadline)::text as next_deadline
      from plan_measure
      where household_id in (${sql.join(householdIds)}) and status in ('planned', 'in_progress')
      group by household_id`.execute(db);
    for (const x of r.rows)
      out.set(String(x.household_id), { open: x.open, overdue: x.overdue, nextDeadline: x.next_deadline });
    return out;
  },

  /** Open cases and open worklist items per household. */
  openCases: async (db: Kysely<DB>, householdIds: string[]) => {
    const out = new Map<string, number>();
    if (!householdIds.length) return out;
    const r = await sql<{ household_id: string; n: number }>`
      select household_id, count(*)::int as n from case_file
      where household_id in (${sql.join(householdIds)}) and not closed group by household_id`.execute(db);
    for (const x of r.rows) out.set(String(x.household_id), x.n);
    return out;
  },

  householdForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'status', 'household_no', 'head_name'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  household: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'status', 'household_no', 'head_name'])
      .where('id', '=', id)
      .executeTakeFirst(),

  assignments: async (db: Kysely<DB>, householdId: string) =>
    (
      await sql<{
        id: string;
        cadre_id: string;
        name: string;
        work_unit: string;
        unit_level: string;
        phone: string | null;
        start_date: string;
        end_date: string | null;
        reason: string;
        end_reason: string | null;
      }>`
        select a.id, a.cadre_id, c.name, c.work_unit, c.unit_level, c.phone, a.start_date::text,
          a.end_date::text, a.reason, a.end_reason
        from cadre_assignment a join cadre c on c.id = a.cadre_id
        where a.household_id = ${householdId}
        order by a.end_date is null desc, a.start_date desc, a.id desc`.execute(db)
    ).rows,

  currentAssignment: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('cadre_assignment')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('end_date', 'is', null)
      .executeTakeFirst(),

  endAssignment: (db: Kysely<DB>, id: string, endDate: string, reason: string) =>
    db
      .updateTable('cadre_assignment')
      .set({ end_date: endDate, end_reason: reason })
      .where('id', '=', id)
      .execute(),

  insertAssignment: (db: Kysely<DB>, row: Insertable<DB['cadre_assignment']>) =>
    db.insertInto('cadre_assignment').values(row).returning('id').executeTakeFirstOrThrow(),

  /** Gap: households that need a cadre (poor, returned, monitored) and have no current one. */
  withoutCadre: (db: Kysely<DB>, f: { scope: string; limit: number; offset: number }) =>
    paged<{
      household_id: string;
      household_no: string;
      head_name: string | null;
      village_code: string;
      village_name: string;
      status: string;
      since: string | null;
    }>(
      db,
      sql`select h.id as household_id, h.household_no, h.head_name, h.village_code, rg.name as village_name,
            h.status,
            (select max(a.end_date)::text from cadre_assignment a where a.household_id = h.id) as since
          from household h join region rg on rg.code = h.village_code
          where ${inRegion('h.village_code', f.scope)} and h.status in (${list(NEEDS_CADRE_STATUSES)})
            and not exists (select 1 from cadre_assignment a where a.household_id = h.id and a.end_date is null)`,
      sql`village_code, household_no`,
      f.limit,
      f.offset,
    ),

  overdueVisits: (
    db: Kysely<DB>,
    f: { scope: string; today: string; cadreId?: string | undefined; limit: number; offset: number },
  ) =>
    paged<PlannedRow>(
      db,
      plannedQuery({ scope: f.scope, today: f.today, cadreId: f.cadreId, onlyOverdue: true }),
      sql`due_on nulls first, household_no`,
      f.limit,
      f.offset,
    ),

  householdPlan: async (db: Kysely<DB>, householdId: string, today: string) =>
    (await sql<PlannedRow>`${plannedQuery({ scope: '', today, householdId })}`.execute(db)).rows[0],

  // ---- work teams ----

  teams: async (
    db: Kysely<DB>,
    f: { scope: string; today: string; village?: string | undefined; current: boolean },
  ) => {
    const conds = [inRegion('t.village_code', f.village ?? f.scope)];
    if (f.current)
      conds.push(
        sql`t.start_date <= ${f.today}::date and (t.end_date is null or t.end_date >= ${f.today}::date)`,
      );
    return (
      await sql<{
        id: string;
        village_code: string;
        village_name: string;
        is_poor_village: boolean;
        sending_unit: string;
        start_date: string;
        end_date: string | null;
        note: string | null;
        current: boolean;
        members: { id: string; name: string; role: string; workUnit: string | null; phone: string | null }[];
      }>`
        select t.id, t.village_code, r.name as village_name, r.is_poor_village, t.sending_unit,
          t.start_date::text, t.end_date::text, t.note,
          (t.start_date <= ${f.today}::date and (t.end_date is null or t.end_date >= ${f.today}::date)) as current,
          coalesce((select json_agg(json_build_object('id', m.id::text, 'name', m.name, 'role', m.role,
              'workUnit', m.work_unit, 'phone', m.phone)
            order by case m.role when 'first_secretary' then 0 when 'leader' then 1 else 2 end, m.id)
            from work_team_member m where m.team_id = t.id), '[]') as members
        from work_team t join region r on r.code = t.village_code
        where ${sql.join(conds, sql` and `)}
        order by t.village_code, t.start_date desc
        limit 2000`.execute(db)
    ).rows;
  },

  team: (db: Kysely<DB>, id: string) =>
    db.selectFrom('work_team').selectAll().where('id', '=', id).executeTakeFirst(),

  village: (db: Kysely<DB>, code: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level', 'is_poor_village'])
      .where('code', '=', code)
      .executeTakeFirst(),

  /** Teams of the village that are open at `date` or later (to end on a hand-over). */
  openTeams: (db: Kysely<DB>, village: string, date: string) =>
    db
      .selectFrom('work_team')
      .selectAll()
      .where('village_code', '=', village)
      .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', date)]))
      .forUpdate()
      .execute(),

  insertTeam: (db: Kysely<DB>, row: Insertable<DB['work_team']>) =>
    db.insertInto('work_team').values(row).returning('id').executeTakeFirstOrThrow(),

  setTeamEnd: (db: Kysely<DB>, id: string, endDate: string) =>
    db
      .updateTable('work_team')
      .set({ end_date: endDate, updated_at: new Date() })
      .where('id', '=', id)
      .execute(),

  insertMembers: (db: Kysely<DB>, rows: Insertable<DB['work_team_member']>[]) =>
    rows.length ? db.insertInto('work_team_member').values(rows).execute() : Promise.resolve([]),

  /** Gap: poor villages in the scope without a team on `today`. */
  villagesWithoutTeam: (db: Kysely<DB>, f: { scope: string; today: string; limit: number; offset: number }) =>
    paged<{
      village_code: string;
      village_name: string;
      township_name: string | null;
      last_team_end: string | null;
    }>(
      db,
      sql`select r.code as village_code, r.name as village_name, p.name as township_name,
            (select max(t.end_date)::text from work_team t where t.village_code = r.code) as last_team_end
          from region r left join region p on p.code = r.parent_code
          where r.level = 5 and r.is_poor_village and ${inRegion('r.code', f.scope)}
            and not exists (select 1 from work_team t where t.village_code = r.code
              and t.start_date <= ${f.today}::date and (t.end_date is null or t.end_date >= ${f.today}::date))`,
      sql`village_code`,
      f.limit,
      f.offset,
    ),

  // ---- visits ----

  insertVisit: (db: Kysely<DB>, row: Insertable<DB['visit']>) =>
    db.insertInto('visit').values(row).returning('id').executeTakeFirstOrThrow(),

  visits: async (
    db: Kysely<DB>,
    f: {
      scope: string;
      householdId?: string | undefined;
      cadreId?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    const conds = [inRegion('h.village_code', f.scope)];
    if (f.householdId) conds.push(sql`v.household_id = ${f.householdId}`);
    if (f.cadreId) conds.push(sql`v.cadre_id = ${f.cadreId}`);
    return paged<{
      id: string;
      household_id: string;
      household_no: string;
      head_name: string | null;
      cadre_id: string | null;
      cadre_name: string | null;
      visit_date: string;
      purpose: string;
      findings: string;
      follow_up: string | null;
      recorded_by_name: string | null;
    }>(
      db,
      sql`select v.id, v.household_id, h.household_no, h.head_name, v.cadre_id, c.name as cadre_name,
            v.visit_date::text as visit_date, v.purpose, v.findings, v.follow_up, u.username as recorded_by_name
          from visit v join household h on h.id = v.household_id
          left join cadre c on c.id = v.cadre_id left join app_user u on u.id = v.recorded_by
          where ${sql.join(conds, sql` and `)}`,
      sql`visit_date desc, id desc`,
      f.limit,
      f.offset,
    );
  },

  // ---- visit plan ----

  planRules: (db: Kysely<DB>) =>
    db.selectFrom('visit_plan_rule').selectAll().orderBy('region_prefix').orderBy('household_kind').execute(),

  upsertRule: (db: Kysely<DB>, row: Insertable<DB['visit_plan_rule']>) =>
    db
      .insertInto('visit_plan_rule')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['region_prefix', 'household_kind']).doUpdateSet({
          visits_per_year: row.visits_per_year,
          set_by: row.set_by,
          set_at: new Date(),
          reason: row.reason,
        }),
      )
      .execute(),

  // ---- summary ----

  summary: async (db: Kysely<DB>, scope: string, today: string) => {
    const [hh, overdue, villages] = await Promise.all([
      sql<{ needing: number; without: number; cadres: number }>`
        select count(*)::int as needing,
          count(*) filter (where not exists (select 1 from cadre_assignment a
            where a.household_id = h.id and a.end_date is null))::int as without,
          (select count(*) from cadre c where ${inRegion('c.region_code', scope)} and c.active)::int as cadres
        from household h
        where ${inRegion('h.village_code', scope)} and h.status in (${list(NEEDS_CADRE_STATUSES)})`.execute(
        db,
      ),
      sql<{ planned: number; overdue: number; never: number }>`
        select count(*)::int as planned, count(*) filter (where overdue)::int as overdue,
          count(*) filter (where overdue and last_visit is null)::int as never
        from (${plannedQuery({ scope, today })}) p`.execute(db),
      sql<{ poor: number; without: number }>`
        select count(*)::int as poor,
          count(*) filter (where not exists (select 1 from work_team t where t.village_code = r.code
            and t.start_date <= ${today}::date and (t.end_date is null or t.end_date >= ${today}::date)))::int as without
        from region r where r.level = 5 and r.is_poor_village and ${inRegion('r.code', scope)}`.execute(db),
    ]);
    return { hh: hh.rows[0]!, overdue: overdue.rows[0]!, villages: villages.rows[0]! };
  },
};

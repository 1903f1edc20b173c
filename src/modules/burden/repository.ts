import { sql, type Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { DataRequestTable, DB, InspectionTable } from '../../db/types.js';
import { POOR_STATUSES, REGISTERED_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of the burden meter: what was entered (audit events), what was derived, the registers. */

const yearRange = (column: string, year: number) =>
  sql`${sql.ref(column)} >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
    and ${sql.ref(column)} < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')`;

const list = (xs: readonly string[]) => sql.join(xs.map((s) => sql.lit(s)));

export const burdenRepository = {
  /** Audit events of a region and year by action and the actor's role ('household' for the portal). */
  entries: async (db: Kysely<DB>, scope: string, year: number) =>
    (
      await sql<{ action: string; role: string | null; events: string; fillings: string }>`
        select e.action,
          coalesce(u.role, case when e.actor_name like 'household%' then 'household' end) as role,
          count(*) as events,
          sum(case when e.action = 'household.import' and jsonb_typeof(e.after -> 'households') = 'array'
                then jsonb_array_length(e.after -> 'households')
                when e.action = 'household.import' and jsonb_typeof(e.after -> 'households') = 'number'
                then (e.after ->> 'households')::int else 1 end) as fillings
        from audit_event e left join app_user u on u.id = e.actor_id
        where ${yearRange('e.at', year)} and ${inRegion('e.region_code', scope)}
        group by 1, 2`.execute(db)
    ).rows.map((r) => ({ ...r, events: Number(r.events), fillings: Number(r.fillings) })),

  /** Records of the table-counted forms (FORMS[].table) of the region and year. */
  records: async (db: Kysely<DB>, scope: string, year: number) => {
    const r = await sql<{ income: string; visit: string; screening: string; plan: string }>`
      select
        (select count(*) from household_year y where y.year = ${year} and ${inRegion('y.village_code', scope)}) as income,
        (select count(*) from visit v join household h on h.id = v.household_id
          where v.visit_date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
            and ${inRegion('h.village_code', scope)}) as visit,
        (select count(*) from warning_signal w join household h on h.id = w.household_id
          where w.channel = 'cadre_screening'
            and w.observed_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
            and ${inRegion('h.village_code', scope)}) as screening,
        (select count(*) from plan_measure m join household h on h.id = m.household_id
          where m.start_date between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
            and ${inRegion('h.village_code', scope)}) as plan`.execute(db);
    const row = r.rows[0]!;
    return {
      income: Number(row.income),
      visit: Number(row.visit),
      screening: Number(row.screening),
      plan: Number(row.plan),
    };
  },

  /** Standard reports generated for the region (or its sub-regions) in the year. */
  reports: async (db: Kysely<DB>, scope: string, year: number) =>
    (
      await sql<{ kind: string; n: string; cells: string }>`
        select kind, count(*) as n, coalesce(sum(cells), 0) as cells from report_log
        where ${yearRange('generated_at', year)} and ${inRegion('region_code', scope)}
        group by kind`.execute(db)
    ).rows.map((r) => ({ kind: r.kind, n: Number(r.n), cells: Number(r.cells) })),

  /** Completed household exports (list and roster) of the region in the year, and their rows. */
  exports: async (db: Kysely<DB>, scope: string, year: number) => {
    const r = await sql<{ n: string; rows: string | null }>`
      select count(*) as n, sum((after ->> 'rows')::int) as rows from audit_event
      where action = 'household.export' and (after ->> 'completed')::boolean
        and ${yearRange('at', year)} and ${inRegion('region_code', scope, true)}`.execute(db);
    return { n: Number(r.rows[0]?.n ?? 0), rows: Number(r.rows[0]?.rows ?? 0) };
  },

  /** Household-rule decisions computed by batch evaluations of the region in the year. */
  evaluations: async (db: Kysely<DB>, scope: string, year: number) => {
    const r = await sql<{ runs: string; households: string | null }>`
      select count(*) as runs, sum(households) as households from evaluation_run
      where finished_at is not null and ${yearRange('started_at', year)}
        and region_prefix like ${scope + '%'}`.execute(db);
    return { runs: Number(r.rows[0]?.runs ?? 0), households: Number(r.rows[0]?.households ?? 0) };
  },

  logReport: (
    db: Kysely<DB>,
    r: {
      kind: string;
      region_code: string;
      year: number | null;
      format: string;
      rows: number;
      cells: number;
      head_hash: string;
      generated_by: string | null;
    },
  ) => db.insertInto('report_log').values(r).execute(),

  /** Registry figures by sub-region (one level below `scope`) from the summary table. */
  statistics: async (db: Kysely<DB>, scope: string, childLength: number, year: number) =>
    (
      await sql<{
        code: string;
        name: string | null;
        households: string;
        persons: string;
        registered: string;
        poor_households: string;
        poor_persons: string;
        exited: string;
        monitored: string;
      }>`
        select substr(s.village_code, 1, ${childLength}) as code, r.name,
          sum(s.households) as households, sum(s.persons) as persons,
          coalesce(sum(s.households) filter (where s.status in (${list(REGISTERED_STATUSES)})), 0) as registered,
          coalesce(sum(s.households) filter (where s.status in (${list(POOR_STATUSES)})), 0) as poor_households,
          coalesce(sum(s.persons) filter (where s.status in (${list(POOR_STATUSES)})), 0) as poor_persons,
          coalesce(sum(s.households) filter (where s.status = 'exited'), 0) as exited,
          coalesce(sum(s.households) filter (where s.status = 'monitored'), 0) as monitored
        from stats_village_year s
        left join region r on r.code = substr(s.village_code, 1, ${childLength})
        where s.year = ${year} and ${inRegion('s.village_code', scope)}
        group by 1, 2 order by 1`.execute(db)
    ).rows,

  /** Project funds of the region's projects for the year, by project and source. */
  funds: async (db: Kysely<DB>, scope: string, year: number) =>
    (
      await sql<{
        project_id: string;
        project: string;
        village_code: string;
        village: string | null;
        source: string;
        allocated: string;
        disbursed: string;
      }>`
        select p.id as project_id, p.name as project, p.village_code, r.name as village, f.source,
          f.allocated, f.disbursed
        from project_fund f join project p on p.id = f.project_id
        left join region r on r.code = p.village_code
        where f.year = ${year} and ${inRegion('p.village_code', scope)}
        order by p.village_code, p.id, f.source`.execute(db)
    ).rows,

  requests: (db: Kysely<DB>, scope: string, year: number) =>
    db
      .selectFrom('data_request')
      .selectAll()
      .where(inRegion('region_code', scope))
      .where('received_on', '>=', `${year}-01-01`)
      .where('received_on', '<=', `${year}-12-31`)
      .orderBy('received_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  request: (db: Kysely<DB>, id: string) =>
    db.selectFrom('data_request').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Inspections of the region and of the regions inside it. */
  inspections: (db: Kysely<DB>, scope: string, year: number) =>
    db
      .selectFrom('inspection')
      .selectAll()
      .where(inRegion('region_code', scope))
      .where('start_on', '>=', `${year}-01-01`)
      .where('start_on', '<=', `${year}-12-31`)
      .orderBy('start_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  region: (db: Kysely<DB>, code: string) =>
    db.selectFrom('region').select(['code', 'name']).where('code', '=', code).executeTakeFirst(),

  insertRequest: (db: Kysely<DB>, values: Insertable<DataRequestTable>) =>
    db.insertInto('data_request').values(values).returning(['id', 'version']).executeTakeFirstOrThrow(),

  /** Answer a request at `version` (optimistic lock); undefined when someone changed it since. */
  answerRequest: (db: Kysely<DB>, id: string, version: number, status: string, note: string) =>
    db
      .updateTable('data_request')
      .set((eb) => ({ status, response_note: note, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(['version', 'status'])
      .executeTakeFirst(),

  insertInspection: (db: Kysely<DB>, values: Insertable<InspectionTable>) =>
    db.insertInto('inspection').values(values).returning('id').executeTakeFirstOrThrow(),
};

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { NEEDS_CADRE_STATUSES } from '../../domain/cadres/rules.js';
import { inRegion } from '../../kernel/scope.js';
import { paged } from './paged-query.js';
import { list, plannedQuery, type PlannedRow } from './visit-due-query.js';

/** The gap lists (no cadre, overdue visits, no work team) and the responsibility summary's counts. */
export const gapRepository = {
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

  /**
   * The summary's counts on `today`; with `statusYear` (a past year on the dashboard, `today` its last
   * day) the households' statuses of that year, the cadres assigned and the visits made by then.
   */
  summary: async (db: Kysely<DB>, scope: string, today: string, statusYear?: number) => {
    const past = statusYear !== undefined;
    const status = past ? sql.ref('hy.status') : sql.ref('h.status');
    const current = past
      ? sql`a.start_date <= ${today}::date and (a.end_date is null or a.end_date > ${today}::date)`
      : sql`a.end_date is null`;
    const [hh, overdue, villages] = await Promise.all([
      sql<{ needing: number; without: number; cadres: number }>`
        select count(*)::int as needing,
          count(*) filter (where not exists (select 1 from cadre_assignment a
            where a.household_id = h.id and ${current}))::int as without,
          (select count(*) from cadre c where ${inRegion('c.region_code', scope)} and c.active)::int as cadres
        from household h
        ${past ? sql`join household_year hy on hy.household_id = h.id and hy.year = ${statusYear}` : sql``}
        where ${inRegion('h.village_code', scope)} and ${status} in (${list(NEEDS_CADRE_STATUSES)})`.execute(
        db,
      ),
      sql<{ planned: number; overdue: number; never: number }>`
        select count(*)::int as planned, count(*) filter (where overdue)::int as overdue,
          count(*) filter (where overdue and last_visit is null)::int as never
        from (${plannedQuery({ scope, today, statusYear })}) p`.execute(db),
      sql<{ poor: number; without: number }>`
        select count(*)::int as poor,
          count(*) filter (where not exists (select 1 from work_team t where t.village_code = r.code
            and t.start_date <= ${today}::date and (t.end_date is null or t.end_date >= ${today}::date)))::int as without
        from region r where r.level = 5 and r.is_poor_village and ${inRegion('r.code', scope)}`.execute(db),
    ]);
    return { hh: hh.rows[0]!, overdue: overdue.rows[0]!, villages: villages.rows[0]! };
  },
};

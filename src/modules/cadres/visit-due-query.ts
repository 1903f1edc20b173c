import { sql, type RawBuilder } from 'kysely';
import { KIND_STATUSES } from '../../domain/cadres/rules.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of the visit plan: which households have one, how often they are due, which are overdue. */

/** A list of SQL literals, for `in (...)`. */
export const list = (xs: readonly string[]) =>
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
export function plannedQuery(o: {
  scope: string;
  today: string;
  cadreId?: string | undefined;
  householdId?: string | undefined;
  onlyOverdue?: boolean;
  /**
   * A past year's view (the dashboard's year): statuses of that year (household_year), the cadre
   * assigned on `today` (the year's last day) and the visits up to it. Absent: the registry as it is now.
   */
  statusYear?: number | undefined;
}) {
  const past = o.statusYear !== undefined;
  const status = past ? sql.ref('hy.status') : sql.ref('h.status');
  const where = [inRegion('h.village_code', o.scope), sql`${status} in (${list(PLANNED_STATUSES)})`];
  if (o.cadreId) where.push(sql`ca.cadre_id = ${o.cadreId}`);
  if (o.householdId) where.push(sql`h.id = ${o.householdId}`);
  const year = o.today.slice(0, 4);
  const assigned = past
    ? sql`ca.household_id = h.id and ca.start_date <= ${o.today}::date
        and (ca.end_date is null or ca.end_date > ${o.today}::date)`
    : sql`ca.household_id = h.id and ca.end_date is null`;
  return sql`
    with hh as (
      select h.id, h.household_no, h.head_name, h.village_code, ${status} as status,
        ${kindOf(status)} as kind, ca.cadre_id
      from household h
      ${past ? sql`join household_year hy on hy.household_id = h.id and hy.year = ${o.statusYear}` : sql``}
      left join cadre_assignment ca on ${assigned}
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
        from visit v where v.household_id = hh.id
          ${past ? sql`and v.visit_date <= ${o.today}::date` : sql``}) lv on true
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

import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import { ABLE_CAPACITIES } from '../../domain/plans/fit.js';
import { inRegion } from '../../kernel/scope.js';

export interface PlanListFilter {
  region: string;
  year: number;
  today: string;
  /** A plan status, or 'none': households that need a plan and have none for the year. */
  status?: string | undefined;
  cause?: string | undefined;
  /** A measure type of the rules (industry, employment, health…): plans with a live one of it. */
  measureType?: string | undefined;
  /** Plans with a planned or started measure past its deadline. */
  overdue?: boolean | undefined;
}

export interface PlanListRow {
  household_id: string;
  household_no: string;
  head_name: string | null;
  village_code: string;
  village_name: string | null;
  household_status: string;
  main_cause: string | null;
  other_causes: string[];
  able: number;
  plan_id: string | null;
  plan_status: string | null;
  agreed_at: Date | null;
  measures: {
    id: string;
    code: string;
    nameZh: string | null;
    nameEn: string | null;
    type: string;
    status: string;
    deadline: string | null;
    overdue: boolean;
  }[];
}

const list = (xs: readonly string[]) => sql.join(xs.map((s) => sql.lit(s)));

/** The conditions of the filter on h (household) and p (its plan of the year, or null). */
function where(f: PlanListFilter): RawBuilder<SqlBool> {
  const live = sql`pm.plan_id = p.id and pm.status <> 'cancelled'`;
  const parts: RawBuilder<unknown>[] = [
    inRegion('h.village_code', f.region),
    sql`(p.id is not null or h.status in (${list(PLANNED_STATUSES)}))`,
  ];
  if (f.status === 'none') parts.push(sql`p.id is null`);
  else if (f.status) parts.push(sql`p.status = ${f.status}`);
  if (f.cause) parts.push(sql`(h.main_cause = ${f.cause} or ${f.cause} = any(h.other_causes))`);
  if (f.measureType)
    parts.push(
      sql`exists (select 1 from plan_measure pm where ${live} and pm.measure_type = ${f.measureType})`,
    );
  if (f.overdue)
    parts.push(sql`exists (select 1 from plan_measure pm where pm.plan_id = p.id
      and pm.status in ('planned', 'in_progress') and pm.deadline < ${f.today}::date)`);
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}

/** The full 一户一策 list: every household that needs a plan, with its plan of the year and measures. */
export const planListRepository = {
  async page(db: Kysely<DB>, f: PlanListFilter, limit: number, offset: number) {
    const r = await sql<PlanListRow & { total: number }>`
      select count(*) over ()::int as total, h.id::text as household_id, h.household_no, h.head_name,
        h.village_code, rg.name as village_name, h.status as household_status, h.main_cause, h.other_causes,
        p.id::text as plan_id, p.status as plan_status, p.agreed_at,
        (select count(*)::int from member mb where mb.household_id = h.id and mb.member_status = 'present'
          and mb.labour_capacity in (${list(ABLE_CAPACITIES)})) as able,
        coalesce((select json_agg(json_build_object('id', pm.id::text, 'code', pm.catalogue_code,
            'nameZh', mc.name_zh, 'nameEn', mc.name_en, 'type', pm.measure_type, 'status', pm.status,
            'deadline', pm.deadline::text,
            'overdue', pm.status in ('planned', 'in_progress') and pm.deadline < ${f.today}::date) order by pm.id)
          from plan_measure pm left join measure_catalogue mc on mc.code = pm.catalogue_code
          where pm.plan_id = p.id), '[]'::json) as measures
      from household h
      left join household_plan p on p.household_id = h.id and p.year = ${f.year}
      left join region rg on rg.code = h.village_code
      where ${where(f)}
      order by h.village_code, h.household_no
      limit ${limit} offset ${offset}`.execute(db);
    return { total: r.rows[0]?.total ?? 0, rows: r.rows };
  },
};

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { IndicatorFigures, IndicatorKind } from '../../domain/targets/indicators.js';
import { inRegion, provinceOf } from '../../kernel/scope.js';

/**
 * The registry's counts behind each target indicator, for one year and region, grouped by the
 * first `len` characters of the village code (the sub-region). SQL only; the value of each kind is
 * computed from these figures in src/domain/targets/indicators.ts. "Monitored in the year": a
 * household whose status history enters 'monitored' during the year, or whose last change before
 * the year left it monitored.
 */
export interface FigureQuery {
  year: number;
  region: string;
  len: number;
  /** Monitoring line of the year (yuan per person), for monitoring coverage. */
  monitoringLine: number;
}

type Row = { code: string } & IndicatorFigures;
type Fetch = (db: Kysely<DB>, q: FigureQuery) => Promise<Row[]>;

const bounds = (year: number) => ({ y0: `${year}-01-01`, y1: `${year + 1}-01-01` });

/** A CTE `mon (id, village_code)`: households monitored at some time in the year, in the region. */
const monitoredCte = (q: Pick<FigureQuery, 'year' | 'region'>) => {
  const { y0, y1 } = bounds(q.year);
  return sql`mon as (
    select h.id, h.village_code from household h
    where ${inRegion('h.village_code', q.region)} and (
      exists (select 1 from status_history sh where sh.household_id = h.id and sh.village_code = h.village_code
        and sh.to_status = 'monitored' and sh.changed_on >= ${y0}::date and sh.changed_on < ${y1}::date)
      or (select sh.to_status from status_history sh where sh.household_id = h.id and sh.village_code = h.village_code
        and sh.changed_on < ${y0}::date
        order by sh.changed_on desc, sh.id desc limit 1) = 'monitored'))`;
};

/** Households that moved to `status` during the year (each once), with their size. */
const movedTo = (status: string, q: FigureQuery) => {
  const { y0, y1 } = bounds(q.year);
  return sql`select distinct h.id, h.village_code, h.size from status_history sh join household h on h.id = sh.household_id
    where sh.to_status = ${status} and sh.changed_on >= ${y0}::date and sh.changed_on < ${y1}::date
      and ${inRegion('h.village_code', q.region)} and ${inRegion('sh.village_code', q.region)}`;
};

const rows = async (db: Kysely<DB>, query: ReturnType<typeof sql<Row>>) => (await query.execute(db)).rows;

const exits: Fetch = (db, q) =>
  rows(
    db,
    sql<Row>`with e as (${movedTo('exited', q)}), s as (
      select e.village_code, coalesce(hy.size, e.size) as size from e
      left join household_year hy on hy.household_id = e.id and hy.year = ${q.year})
    select left(village_code, ${q.len}) as code, count(*)::int as count, sum(size)::int as persons from s group by 1`,
  );

const FIGURES: Readonly<Record<IndicatorKind, Fetch>> = {
  exit_households: exits,
  exit_persons: async (db, q) => (await exits(db, q)).map((r) => ({ code: r.code, count: r.persons ?? 0 })),

  measure_households: (db, q) =>
    rows(
      db,
      sql<Row>`select left(h.village_code, ${q.len}) as code, count(*)::int as count from household h
        where ${inRegion('h.village_code', q.region)} and h.status in ('poor', 'exited', 'returned', 'monitored')
          and exists (select 1 from plan_measure pm where pm.household_id = h.id and pm.status <> 'cancelled')
        group by 1`,
    ),

  monitoring_coverage: (db, q) =>
    rows(
      db,
      sql<Row>`with ${monitoredCte(q)}
        select left(hy.village_code, ${q.len}) as code, count(*)::int as whole,
          count(*) filter (where hy.household_id in (select id from mon))::int as part
        from household_year hy
        where hy.year = ${q.year} and ${inRegion('hy.village_code', q.region)}
          and hy.per_capita_income < ${q.monitoringLine} and hy.status not in ('poor', 'returned')
        group by 1`,
    ),

  risks_removed: (db, q) =>
    rows(
      db,
      sql<Row>`with r as (${movedTo('risk_removed', q)})
        select left(village_code, ${q.len}) as code, count(*)::int as count from r group by 1`,
    ),

  employed_labour: (db, q) =>
    rows(
      db,
      sql<Row>`select left(me.village_code, ${q.len}) as code, count(distinct me.member_id)::int as count
        from member_employment me
        where me.year = ${q.year} and ${inRegion('me.village_code', q.region)} and me.months > 0
          and exists (select 1 from status_history sh where sh.household_id = me.household_id
            and ${inRegion('sh.village_code', provinceOf(q.region))} and sh.to_status = 'exited' and sh.changed_on < ${bounds(q.year).y1}::date)
        group by 1`,
    ),

  exited_income_growth: (db, q) =>
    rows(
      db,
      sql<Row>`select left(a.village_code, ${q.len}) as code,
          sum(a.net_income)::float8 as income, sum(a.size)::int as persons,
          sum(b.net_income)::float8 as "incomeBefore", sum(b.size)::int as "personsBefore"
        from household_year a join household_year b on b.household_id = a.household_id and b.year = ${q.year - 1}
        where a.year = ${q.year} and ${inRegion('a.village_code', q.region)}
          and exists (select 1 from status_history sh where sh.household_id = a.household_id
            and ${inRegion('sh.village_code', provinceOf(q.region))} and sh.to_status = 'exited' and sh.changed_on < ${bounds(q.year).y0}::date)
        group by 1`,
    ),

  measure_coverage: (db, q) =>
    rows(
      db,
      sql<Row>`with ${monitoredCte(q)}
        select left(mon.village_code, ${q.len}) as code, count(*)::int as whole,
          count(*) filter (where exists (select 1 from plan_measure pm where pm.household_id = mon.id
            and pm.status <> 'cancelled' and (pm.start_date is null or pm.start_date < ${bounds(q.year).y1}::date)))::int as part
        from mon group by 1`,
    ),

  dibao_linkage: (db, q) => {
    const { y0, y1 } = bounds(q.year);
    return rows(
      db,
      sql<Row>`with ${monitoredCte(q)}, nolabour as (
          select mon.id, mon.village_code from mon
          where exists (select 1 from member m where m.household_id = mon.id and m.member_status = 'present')
            and not exists (select 1 from member m where m.household_id = mon.id and m.member_status = 'present'
              and m.labour_capacity in ('ordinary', 'skilled', 'weak')))
        select left(n.village_code, ${q.len}) as code, count(*)::int as whole,
          count(*) filter (where exists (select 1 from assistance_roll r where r.household_id = n.id
            and (r.start_month is null or r.start_month < ${y1}::date)
            and (r.ceased_on is null or r.ceased_on >= ${y0}::date)))::int as part
        from nolabour n group by 1`,
    );
  },
};

export const indicatorRepository = {
  /** The figures of one kind per sub-region code. */
  figures: (db: Kysely<DB>, kind: IndicatorKind, q: FigureQuery) => FIGURES[kind](db, q),

  /** The indicator kinds (migration 050), in their order. */
  kinds: (db: Kysely<DB>) =>
    sql<{
      kind: string;
      era: 'pre2020' | 'post2020';
      name_zh: string;
      name_en: string;
      unit: 'households' | 'persons' | 'percent';
      aggregation: 'sum' | 'rate';
      binding: boolean;
      definition_zh: string;
      definition_en: string;
    }>`select kind, era, name_zh, name_en, unit, aggregation, binding, definition_zh, definition_en
      from target_indicator order by sort`
      .execute(db)
      .then((r) => r.rows),
};

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/**
 * SQL of the seven standard reports added after 2020 (derived-reports.ts): rolls of households and
 * counts by sub-region (the first `len` characters of the village code), all read from the registry.
 */
const y0 = (year: number) => `${year}-01-01`;
const y1 = (year: number) => `${year + 1}-01-01`;
/**
 * A CTE `mon (id, village_code)`: households monitored at some time in the year — the status history
 * enters 'monitored' during the year, or the last change before it left the household monitored
 * (the same reading as the targets' indicators, src/modules/targets/indicator-repository.ts).
 */
const monitoredCte = (year: number, region: string) => sql`mon as (
  select h.id, h.village_code from household h
  where ${inRegion('h.village_code', region)} and (
    exists (select 1 from status_history sh where sh.household_id = h.id and sh.village_code = h.village_code
      and sh.to_status = 'monitored' and sh.changed_on >= ${y0(year)}::date and sh.changed_on < ${y1(year)}::date)
    or (select sh.to_status from status_history sh where sh.household_id = h.id and sh.village_code = h.village_code
      and sh.changed_on < ${y0(year)}::date
      order by sh.changed_on desc, sh.id desc limit 1) = 'monitored'))`;

const rowsOf = async <T>(db: Kysely<DB>, q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows;

export interface MonitoredRow {
  village: string | null;
  household_no: string;
  head_name: string | null;
  category: string | null;
  status: string;
  size: number;
  entered_on: string | null;
  income: number | null;
  measures: number;
}

export interface RollRow {
  village: string | null;
  household_no: string;
  head_name: string | null;
  programme: string;
  category: string;
  persons: number;
  monthly_amount: number;
  state: string;
  start_month: string;
  ceased_on: string | null;
}

export const derivedRepository = {
  /** Households monitored at some time in the year: category, date entered, income, measures. */
  monitored: (db: Kysely<DB>, region: string, year: number) =>
    rowsOf(
      db,
      sql<MonitoredRow>`with ${monitoredCte(year, region)}
        select r.name as village, h.household_no, h.head_name, h.monitoring_category as category, h.status, h.size,
          (select max(sh.changed_on)::text from status_history sh where sh.household_id = h.id
            and sh.village_code = h.village_code and sh.to_status = 'monitored' and sh.changed_on < ${y1(year)}::date) as entered_on,
          hy.per_capita_income::float8 as income,
          (select count(*)::int from plan_measure pm where pm.household_id = h.id and pm.status <> 'cancelled') as measures
        from mon join household h on h.id = mon.id
        left join region r on r.code = h.village_code
        left join household_year hy on hy.household_id = h.id and hy.year = ${year}
        order by h.village_code, h.household_no`,
    ),

  /** Dibao and 特困 roll entries paid at some time in the year. */
  rolls: (db: Kysely<DB>, region: string, year: number) =>
    rowsOf(
      db,
      sql<RollRow>`select r.name as village, h.household_no, h.head_name, a.programme, a.category, a.persons,
          a.monthly_amount::float8 as monthly_amount, a.state, a.start_month::text as start_month, a.ceased_on::text as ceased_on
        from assistance_roll a join household h on h.id = a.household_id
        left join region r on r.code = a.village_code
        where ${inRegion('a.village_code', region)} and a.start_month < ${y1(year)}::date
          and (a.ceased_on is null or a.ceased_on >= ${y0(year)}::date)
        order by a.village_code, a.programme, h.household_no`,
    ),

  /** Plans of the year and their measures, by sub-region. */
  plans: (db: Kysely<DB>, region: string, len: number, year: number) =>
    rowsOf(
      db,
      sql<{
        code: string;
        plans: number;
        agreed: number;
        households: number;
        measures: number;
        planned: number;
        in_progress: number;
        completed: number;
        cancelled: number;
        amount: number;
      }>`select left(h.village_code, ${len}) as code, count(distinct p.id)::int as plans,
          count(distinct p.id) filter (where p.status = 'agreed')::int as agreed,
          count(distinct p.household_id)::int as households, count(m.id)::int as measures,
          count(m.id) filter (where m.status = 'planned')::int as planned,
          count(m.id) filter (where m.status = 'in_progress')::int as in_progress,
          count(m.id) filter (where m.status = 'completed')::int as completed,
          count(m.id) filter (where m.status = 'cancelled')::int as cancelled,
          coalesce(sum(m.amount) filter (where m.status <> 'cancelled'), 0)::float8 as amount
        from household_plan p join household h on h.id = p.household_id
        left join plan_measure m on m.plan_id = p.id
        where p.year = ${year} and ${inRegion('h.village_code', region)}
        group by 1`,
    ),

  /** Visits of the year by sub-region, and the registered and monitored households visited. */
  visits: (db: Kysely<DB>, region: string, len: number, year: number) =>
    rowsOf(
      db,
      sql<{ code: string; households: number; visited: number; visits: number; followups: number }>`
        with hh as (
          select h.id, left(h.village_code, ${len}) as code from household h
          where ${inRegion('h.village_code', region)} and h.status in ('poor', 'exited', 'returned', 'monitored', 'risk_removed')),
        v as (
          select left(h.village_code, ${len}) as code, v.household_id, v.follow_up from visit v join household h on h.id = v.household_id
          where v.visit_date >= ${y0(year)}::date and v.visit_date < ${y1(year)}::date and ${inRegion('h.village_code', region)})
        select c.code, (select count(*)::int from hh where hh.code = c.code) as households,
          (select count(distinct v.household_id)::int from v where v.code = c.code and v.household_id in (select id from hh)) as visited,
          (select count(*)::int from v where v.code = c.code) as visits,
          (select count(*)::int from v where v.code = c.code and coalesce(v.follow_up, '') <> '') as followups
        from (select code from hh union select code from v) c`,
    ),

  /** Paired assistance (对口帮扶, 东西部协作, 定点帮扶) to the region: commitments and deliveries of the year. */
  pairs: (db: Kysely<DB>, region: string, year: number) =>
    rowsOf(
      db,
      sql<{
        helper_name: string;
        kind: string;
        helper_level: string;
        recipient: string | null;
        recipient_code: string;
        category: string;
        committed: number | null;
        delivered: number;
      }>`select p.helper_name, p.kind, p.helper_level, r.name as recipient, p.recipient_code, c.category,
          (select sum(ac.amount)::float8 from assist_commitment ac where ac.pair_id = p.id and ac.year = ${year} and ac.category = c.category) as committed,
          coalesce((select sum(d.amount)::float8 from assist_delivery d where d.pair_id = p.id and d.year = ${year} and d.category = c.category), 0) as delivered
        from assist_pair p left join region r on r.code = p.recipient_code
        cross join (values ('funds'), ('projects'), ('purchases'), ('jobs'), ('staff')) as c (category)
        where ${inRegion('p.recipient_code', region)} and p.start_year <= ${year} and (p.end_year is null or p.end_year >= ${year})
          and (exists (select 1 from assist_commitment ac where ac.pair_id = p.id and ac.year = ${year} and ac.category = c.category)
            or exists (select 1 from assist_delivery d where d.pair_id = p.id and d.year = ${year} and d.category = c.category))
        order by p.recipient_code, p.helper_name, c.category`,
    ),

  /** Consumption assistance (消费帮扶): each product of the region's townships, its orders of the year. */
  consumption: (db: Kysely<DB>, region: string, year: number) =>
    rowsOf(
      db,
      sql<{
        township: string | null;
        product: string;
        producer: string | null;
        orders: number;
        buyers: number;
        ordered: number;
        fulfilled: number;
        households: number;
        household_income: number;
      }>`select r.name as township, p.name as product, p.producer_name as producer,
          count(o.id)::int as orders, count(distinct o.organisation_id)::int as buyers,
          coalesce(sum(o.amount) filter (where o.status <> 'cancelled'), 0)::float8 as ordered,
          coalesce(sum(o.amount) filter (where o.status = 'fulfilled'), 0)::float8 as fulfilled,
          (select count(distinct pi.household_id)::int from product_income pi join product_order o2 on o2.id = pi.order_id
            where o2.product_id = p.id and o2.fulfilled_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
              and o2.fulfilled_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')) as households,
          (select coalesce(sum(pi.amount), 0)::float8 from product_income pi join product_order o2 on o2.id = pi.order_id
            where o2.product_id = p.id and o2.fulfilled_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
              and o2.fulfilled_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')) as household_income
        from product p left join region r on r.code = p.township_code
        join product_order o on o.product_id = p.id
          and o.ordered_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
          and o.ordered_at < make_timestamptz(${year + 1}, 1, 1, 0, 0, 0, 'Asia/Shanghai')
        where ${inRegion('p.township_code', region)} or ${region.length > 9 ? sql`p.township_code = ${region.slice(0, 9)}` : sql`false`}
        group by r.name, p.township_code, p.id order by p.township_code, p.name`,
    ),

  /** Members with employment records of the year, by sub-region: where, months, income. */
  employment: (db: Kysely<DB>, region: string, len: number, year: number) =>
    rowsOf(
      db,
      sql<{
        code: string;
        members: number;
        exited_members: number;
        monitored_members: number;
        local: number;
        county: number;
        province: number;
        out_of_province: number;
        months: number;
        income: number;
      }>`with e as (
          select me.member_id, me.household_id, left(me.village_code, ${len}) as code, me.reach, me.months, me.income
          from member_employment me where me.year = ${year} and ${inRegion('me.village_code', region)})
        select e.code, count(distinct e.member_id)::int as members,
          count(distinct e.member_id) filter (where exists (select 1 from status_history sh where sh.household_id = e.household_id
            and sh.to_status = 'exited' and sh.changed_on < ${y1(year)}::date))::int as exited_members,
          count(distinct e.member_id) filter (where h.status = 'monitored')::int as monitored_members,
          count(distinct e.member_id) filter (where e.reach = 'local')::int as local,
          count(distinct e.member_id) filter (where e.reach = 'county')::int as county,
          count(distinct e.member_id) filter (where e.reach = 'province')::int as province,
          count(distinct e.member_id) filter (where e.reach = 'out_of_province')::int as out_of_province,
          coalesce(sum(e.months), 0)::int as months, coalesce(sum(e.income), 0)::float8 as income
        from e join household h on h.id = e.household_id
        group by 1`,
    ),

  /** Names of the sub-regions (children) of a region. */
  children: (db: Kysely<DB>, region: string) =>
    rowsOf(
      db,
      sql<{ code: string; name: string }>`select code, name from region
        where ${region === '' ? sql`parent_code is null` : sql`parent_code = ${region}`} order by code`,
    ),
};

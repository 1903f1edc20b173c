import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import type { HolidayRow } from '../../domain/working-days.js';
import { containsRegion, inRegion } from '../../kernel/scope.js';
import { plannedQuery } from '../cadres/visit-due-query.js';

/**
 * The inbox's own questions to the registry (each source read where it lives, nothing copied):
 * every query is scoped by a region prefix and returns at most `limit` rows plus the full count.
 */

export interface Counted<R> {
  total: number;
  /** Of the total (not only the rows listed): how many are urgent and how many overdue. */
  urgent: number;
  overdue: number;
  rows: R[];
}

type Totals = { total: string | number; n_urgent: string | number; n_overdue: string | number };

const counted = <R extends Totals>(rows: R[]): Counted<Omit<R, keyof Totals>> => ({
  total: Number(rows[0]?.total ?? 0),
  urgent: Number(rows[0]?.n_urgent ?? 0),
  overdue: Number(rows[0]?.n_overdue ?? 0),
  rows: rows.map(({ total: _t, n_urgent: _u, n_overdue: _o, ...r }) => r),
});

/**
 * The cut-off days of a source, on the column the query filters: a row is urgent when that column is
 * before `urgent`, overdue when before `overdue` (computed from the working-day calendar by sources.ts,
 * so the database only compares dates).
 */
export interface Cutoffs {
  urgent: string;
  overdue: string;
}

/** The window counts of urgent and overdue rows over a date expression (all rows, before the limit). */
const dueCounts = (due: RawBuilder<unknown>, c: Cutoffs) =>
  sql`count(*) filter (where ${due} < ${c.urgent}::date) over () as n_urgent,
    count(*) filter (where ${due} < ${c.overdue}::date) over () as n_overdue`;

export interface HouseholdRef {
  household_id: string | null;
  household_no: string | null;
  head_name: string | null;
  region_code: string;
  region_name: string | null;
}

export const inboxRepository = {
  /** The holiday rows that hold in a region: the national ones and those of the regions above it. */
  async holidays(db: Kysely<DB>, region: string, from: string, to: string): Promise<HolidayRow[]> {
    const rows = await db
      .selectFrom('public_holiday')
      .select(['region_code', sql<string>`day::text`.as('day'), 'kind'])
      .where(containsRegion('region_code', region))
      .where('day', '>=', from)
      .where('day', '<=', to)
      .execute();
    return rows.map((r) => ({
      day: r.day,
      kind: r.kind === 'work' ? 'work' : 'off',
      regionCode: r.region_code,
    }));
  },

  /** Planned households whose visit is due by `until` or never happened, oldest due first. */
  async visitsDue(
    db: Kysely<DB>,
    o: { scope: string; today: string; until: string; limit: number; cut: Cutoffs },
  ) {
    const r = await sql<HouseholdRef & Totals & { due_on: string | null; last_visit: string | null }>`
      select q.household_id, q.household_no, q.head_name, q.village_code as region_code,
        q.village_name as region_name, q.due_on, q.last_visit, count(*) over () as total,
        ${dueCounts(sql`coalesce(q.due_on::date, ${o.today}::date)`, o.cut)}
      from (${plannedQuery({ scope: o.scope, today: o.today })}) q
      where q.visits_per_year > 0 and (q.last_visit is null or q.due_on::date <= ${o.until}::date)
      order by q.due_on nulls first, q.household_id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Open cases in some (kind, state) pairs, with the day the case entered its state (China time). */
  async openCases(
    db: Kysely<DB>,
    o: { scope: string; pairs: readonly (readonly [string, string])[]; limit: number },
  ) {
    if (o.pairs.length === 0) return { total: 0, rows: [] };
    const pairs = sql.join(o.pairs.map(([k, s]) => sql`(${k}, ${s})`));
    const r = await sql<
      HouseholdRef & {
        id: string;
        kind: string;
        state: string;
        due_on: string | null;
        entered: string;
        total: string;
      }
    >`
      select c.id, c.kind, c.state, c.due_on::text as due_on, h.id as household_id, h.household_no,
        h.head_name, c.village_code as region_code, rg.name as region_name,
        ((select max(e.at) from case_event e where e.case_id = c.id) at time zone 'Asia/Shanghai')::date::text
          as entered,
        count(*) over () as total
      from case_file c
      join household h on h.id = c.household_id
      left join region rg on rg.code = c.village_code
      where not c.closed and ${inRegion('c.village_code', o.scope)} and (c.kind, c.state) in (${pairs})
      order by c.due_on nulls last, c.id
      limit ${o.limit}`.execute(db);
    return { total: Number(r.rows[0]?.total ?? 0), rows: r.rows.map(({ total: _t, ...x }) => x) };
  },

  /**
   * How many open cases of each (kind, state) pair there are (the list stops at its limit), and how
   * many of them are urgent and overdue: a step is due on the case's deadline, a notice period on the
   * day the case entered its state + the notice's days − 1 (`noticeDays` of the pair, null for a step).
   */
  async openCaseCounts(
    db: Kysely<DB>,
    o: { scope: string; pairs: readonly (readonly [string, string, number | null])[]; cut: Cutoffs },
  ) {
    if (o.pairs.length === 0) return [];
    const pairs = sql.join(o.pairs.map(([k, s, d]) => sql`(${k}::text, ${s}::text, ${d}::int)`));
    const r = await sql<{ kind: string; state: string; n: string; n_urgent: string; n_overdue: string }>`
      select x.kind, x.state, count(*) as n,
        count(*) filter (where x.due < ${o.cut.urgent}::date) as n_urgent,
        count(*) filter (where x.due < ${o.cut.overdue}::date) as n_overdue
      from (
        select c.kind, c.state,
          case when p.notice_days is null then c.due_on
            else ((select max(e.at) from case_event e where e.case_id = c.id) at time zone 'Asia/Shanghai')::date
              + (p.notice_days - 1)
          end as due
        from case_file c
        join (values ${pairs}) as p(kind, state, notice_days) on p.kind = c.kind and p.state = c.state
        where not c.closed and ${inRegion('c.village_code', o.scope)}
      ) x
      group by x.kind, x.state`.execute(db);
    return r.rows.map((x) => ({
      kind: x.kind,
      state: x.state,
      n: Number(x.n),
      urgent: Number(x.n_urgent),
      overdue: Number(x.n_overdue),
    }));
  },

  /** Open monitoring cases with a decision deadline on or before `until`. */
  async monitoringDue(
    db: Kysely<DB>,
    o: { scope: string; until: string; limit: number; cut: Cutoffs; exceptStates: readonly string[] },
  ) {
    // a case in a state whose step awaits the user stands in the inbox as that step, not twice
    const except =
      o.exceptStates.length === 0
        ? sql`true`
        : sql`c.state not in (${sql.join(o.exceptStates.map((x) => sql`${x}`))})`;
    const r = await sql<HouseholdRef & Totals & { id: string; state: string; due_on: string }>`
      select c.id, c.state, c.due_on::text as due_on, h.id as household_id, h.household_no, h.head_name,
        c.village_code as region_code, rg.name as region_name, count(*) over () as total,
        ${dueCounts(sql`c.due_on`, o.cut)}
      from case_file c
      join household h on h.id = c.household_id
      left join region rg on rg.code = c.village_code
      where not c.closed and c.kind = 'monitoring' and c.due_on is not null and c.due_on <= ${o.until}::date
        and ${inRegion('c.village_code', o.scope)} and ${except}
      order by c.due_on, c.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Open self-reports of households, with the China day they arrived. */
  async selfReports(db: Kysely<DB>, o: { scope: string; limit: number; cut: Cutoffs }) {
    const r = await sql<HouseholdRef & Totals & { id: string; kind: string; arrived: string }>`
      select w.id, w.kind, (w.created_at at time zone 'Asia/Shanghai')::date::text as arrived,
        h.id as household_id, h.household_no, h.head_name, h.village_code as region_code,
        rg.name as region_name, count(*) over () as total,
        ${dueCounts(sql`(w.created_at at time zone 'Asia/Shanghai')::date`, o.cut)}
      from warning_signal w
      join household h on h.id = w.household_id
      left join region rg on rg.code = h.village_code
      where w.channel = 'self_report' and w.status = 'open' and ${inRegion('h.village_code', o.scope)}
      order by w.created_at, w.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Grievances not yet resolved, with the step due next (acknowledge, then resolve). */
  async grievances(db: Kysely<DB>, o: { scope: string; until: string; limit: number; cut: Cutoffs }) {
    const r = await sql<
      HouseholdRef & Totals & { id: string; tracking_code: string; step: string; due: string }
    >`
      select x.*, count(*) over () as total, ${dueCounts(sql`x.due::date`, o.cut)} from (
        select g.id, g.tracking_code, case when g.acknowledged_at is null then 'ack' else 'resolve' end as step,
          ((case when g.acknowledged_at is null then g.ack_due_at else g.resolve_due_at end)
            at time zone 'Asia/Shanghai')::date::text as due,
          g.household_id, h.household_no, h.head_name, g.region_code, rg.name as region_name
        from grievance g
        left join household h on h.id = g.household_id
        left join region rg on rg.code = g.region_code
        where g.state in ('received', 'acknowledged') and ${inRegion('g.region_code', o.scope)}
      ) x
      where x.due <= ${o.until}
      order by x.due, x.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Dibao and 特困 roll entries whose review falls on or before `until`. */
  async reviewsDue(db: Kysely<DB>, o: { scope: string; until: string; limit: number; cut: Cutoffs }) {
    const r = await sql<HouseholdRef & Totals & { id: string; programme: string; due: string }>`
      select a.id, a.programme, a.next_review_on::text as due, h.id as household_id, h.household_no,
        h.head_name, a.village_code as region_code, rg.name as region_name, count(*) over () as total,
        ${dueCounts(sql`a.next_review_on`, o.cut)}
      from assistance_roll a
      join household h on h.id = a.household_id
      left join region rg on rg.code = a.village_code
      where a.state <> 'ceased' and a.next_review_on is not null and a.next_review_on <= ${o.until}::date
        and ${inRegion('a.village_code', o.scope)}
      order by a.next_review_on, a.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Facts proposed by village cadres and waiting for confirmation, with the China day proposed. */
  async proposals(db: Kysely<DB>, o: { scope: string; limit: number; cut: Cutoffs }) {
    const r = await sql<HouseholdRef & Totals & { id: string; kind: string; proposed: string }>`
      select f.id, f.kind, (f.recorded_at at time zone 'Asia/Shanghai')::date::text as proposed,
        h.id as household_id, h.household_no, h.head_name, f.village_code as region_code,
        rg.name as region_name, count(*) over () as total,
        ${dueCounts(sql`(f.recorded_at at time zone 'Asia/Shanghai')::date`, o.cut)}
      from household_fact f
      join household h on h.id = f.household_id
      left join region rg on rg.code = f.village_code
      where f.state = 'proposed' and ${inRegion('f.village_code', o.scope)}
      order by f.recorded_at, f.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** An organisation account's pledges not yet delivered. */
  async pledges(db: Kysely<DB>, o: { userId: string; limit: number; cut: Cutoffs }) {
    const r = await sql<
      Totals & {
        id: string;
        title: string;
        due: string | null;
        region_code: string;
        region_name: string | null;
      }
    >`
      select p.id, n.title, p.expected_date::text as due, n.village_code as region_code,
        rg.name as region_name, count(*) over () as total, ${dueCounts(sql`p.expected_date`, o.cut)}
      from need_pledge p
      join organisation o on o.id = p.organisation_id
      join need n on n.id = p.need_id
      left join region rg on rg.code = n.village_code
      where o.user_id = ${o.userId} and p.delivered_at is null and n.status not in ('withdrawn', 'confirmed')
      order by p.expected_date nulls last, p.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },
};

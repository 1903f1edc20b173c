import { sql, type Kysely } from 'kysely';
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
  rows: R[];
}

const counted = <R extends { total: string | number }>(rows: R[]): Counted<Omit<R, 'total'>> => ({
  total: Number(rows[0]?.total ?? 0),
  rows: rows.map(({ total: _t, ...r }) => r),
});

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
  async visitsDue(db: Kysely<DB>, o: { scope: string; today: string; until: string; limit: number }) {
    const r = await sql<HouseholdRef & { due_on: string | null; last_visit: string | null; total: string }>`
      select q.household_id, q.household_no, q.head_name, q.village_code as region_code,
        q.village_name as region_name, q.due_on, q.last_visit, count(*) over () as total
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
    return counted(r.rows);
  },

  /** How many open cases of each (kind, state) pair there are (the list stops at its limit). */
  async openCaseCounts(db: Kysely<DB>, o: { scope: string; pairs: readonly (readonly [string, string])[] }) {
    if (o.pairs.length === 0) return [];
    const pairs = sql.join(o.pairs.map(([k, s]) => sql`(${k}, ${s})`));
    const r = await sql<{ kind: string; state: string; n: string }>`
      select c.kind, c.state, count(*) as n from case_file c
      where not c.closed and ${inRegion('c.village_code', o.scope)} and (c.kind, c.state) in (${pairs})
      group by c.kind, c.state`.execute(db);
    return r.rows.map((x) => ({ kind: x.kind, state: x.state, n: Number(x.n) }));
  },

  /** Open monitoring cases with a decision deadline on or before `until`. */
  async monitoringDue(db: Kysely<DB>, o: { scope: string; until: string; limit: number }) {
    const r = await sql<HouseholdRef & { id: string; state: string; due_on: string; total: string }>`
      select c.id, c.state, c.due_on::text as due_on, h.id as household_id, h.household_no, h.head_name,
        c.village_code as region_code, rg.name as region_name, count(*) over () as total
      from case_file c
      join household h on h.id = c.household_id
      left join region rg on rg.code = c.village_code
      where not c.closed and c.kind = 'monitoring' and c.due_on is not null and c.due_on <= ${o.until}::date
        and ${inRegion('c.village_code', o.scope)}
      order by c.due_on, c.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Open self-reports of households, with the China day they arrived. */
  async selfReports(db: Kysely<DB>, o: { scope: string; limit: number }) {
    const r = await sql<HouseholdRef & { id: string; kind: string; arrived: string; total: string }>`
      select w.id, w.kind, (w.created_at at time zone 'Asia/Shanghai')::date::text as arrived,
        h.id as household_id, h.household_no, h.head_name, h.village_code as region_code,
        rg.name as region_name, count(*) over () as total
      from warning_signal w
      join household h on h.id = w.household_id
      left join region rg on rg.code = h.village_code
      where w.channel = 'self_report' and w.status = 'open' and ${inRegion('h.village_code', o.scope)}
      order by w.created_at, w.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** Grievances not yet resolved, with the step due next (acknowledge, then resolve). */
  async grievances(db: Kysely<DB>, o: { scope: string; until: string; limit: number }) {
    const r = await sql<
      HouseholdRef & { id: string; tracking_code: string; step: string; due: string; total: string }
    >`
      select x.*, count(*) over () as total from (
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
  async reviewsDue(db: Kysely<DB>, o: { scope: string; until: string; limit: number }) {
    const r = await sql<HouseholdRef & { id: string; programme: string; due: string; total: string }>`
      select a.id, a.programme, a.next_review_on::text as due, h.id as household_id, h.household_no,
        h.head_name, a.village_code as region_code, rg.name as region_name, count(*) over () as total
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
  async proposals(db: Kysely<DB>, o: { scope: string; limit: number }) {
    const r = await sql<HouseholdRef & { id: string; kind: string; proposed: string; total: string }>`
      select f.id, f.kind, (f.recorded_at at time zone 'Asia/Shanghai')::date::text as proposed,
        h.id as household_id, h.household_no, h.head_name, f.village_code as region_code,
        rg.name as region_name, count(*) over () as total
      from household_fact f
      join household h on h.id = f.household_id
      left join region rg on rg.code = f.village_code
      where f.state = 'proposed' and ${inRegion('f.village_code', o.scope)}
      order by f.recorded_at, f.id
      limit ${o.limit}`.execute(db);
    return counted(r.rows);
  },

  /** An organisation account's pledges not yet delivered. */
  async pledges(db: Kysely<DB>, o: { userId: string; limit: number }) {
    const r = await sql<{
      id: string;
      title: string;
      due: string | null;
      region_code: string;
      region_name: string | null;
      total: string;
    }>`
      select p.id, n.title, p.expected_date::text as due, n.village_code as region_code,
        rg.name as region_name, count(*) over () as total
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

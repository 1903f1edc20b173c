import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/types.js';
import { chinaDate, daysBetween } from '../../domain/calendar.js';
import { REVIEWED_KINDS } from '../../modules/quality/repository-consistency.js';
import type { DemoContext } from '../context.js';

/**
 * Demo: the recent visit round of the recorded facts (docs/demo-data.md "Recorded facts"). The facts
 * of facts.ts are dated around the demo's evaluation date E (the end of its last income year); when
 * the demo's today T is later, the review interval (policy parameter factMaxAgeMonths, the quality
 * check `stale_facts`) would flag most households. So a second round, dated from T:
 *  - each household is revisited 30 days to 6 months before T (after E), deterministic from the seed,
 *    but for RECENT_ROUND.notRevisited of them (their facts stay as of E, and stale_facts names them
 *    once they are older than the interval);
 *  - a visit re-checks every decision-critical fact the review interval covers: the latest confirmed
 *    record of food and clothing, housing safety, drinking water, each present member's schooling and
 *    insurance, each risk still open, the legal supporters and the means test is recorded again with
 *    the same value, observed on the visit day (a home-visit record names the round, a department's
 *    list keeps its name);
 *  - households whose income is recorded by month: the months after E up to the month before the
 *    visit, each the same month of E's year with 3 % growth (item by item, to the cent).
 * The rules evaluate a year as of its 31 December and read facts observed up to then: the decisions
 * of E's year do not change. The current means test (src/modules/safety-net/means.ts) reads the 12
 * months ending with today's window, which the round never completes (it stops a month before the
 * visit): it keeps falling back to the year row as of E.
 */
export const RECENT_ROUND = {
  /** Share of the households not revisited in the recent round (hash below it × 1000). */
  notRevisited: 0.07,
  /** The visits lie between `earliestDays` and `latestDays` days before today. */
  earliestDays: 180,
  latestDays: 30,
  /** Income growth over the same month of the last income year. */
  growth: 1.03,
} as const;

/** A number 0…999 from the seed and a key expression (an md5 hash; deterministic). */
export const hashOf = (key: RawBuilder<unknown>, salt: string, seed: number) =>
  sql<number>`(('x' || substr(md5(${key} || ${`:${salt}:${seed}`}), 1, 7))::bit(28)::int % 1000)`;

interface Round {
  db: Kysely<DB>;
  seed: number;
  /** The demo's today (China date) and its instant. */
  today: string;
  now: Date;
  /** The evaluation date E the first round is dated for. */
  asOf: string;
  note: string;
}

/**
 * The revisited households of the staged set `demo_fact_hh` (facts.ts) with their visit day, as a
 * temporary table `demo_fact_recent`; false when today leaves no room after E for a round.
 */
async function stageRound(r: Round): Promise<boolean> {
  const room = daysBetween(r.asOf, r.today) - RECENT_ROUND.latestDays;
  if (room < 1) return false;
  const span = Math.min(RECENT_ROUND.earliestDays - RECENT_ROUND.latestDays, room);
  const h = hashOf(sql`household_no`, 'revisit', r.seed);
  await sql`drop table if exists demo_fact_recent`.execute(r.db);
  await sql`create temporary table demo_fact_recent as
    select id, village_code, checked, ${r.today}::date - ${RECENT_ROUND.latestDays}::int
        - (${hashOf(sql`household_no`, 'revisit-day', r.seed)} % ${span}::int) as visited_on
    from demo_fact_hh where ${h} >= ${Math.round(RECENT_ROUND.notRevisited * 1000)}`.execute(r.db);
  await sql`create index on demo_fact_recent (id)`.execute(r.db);
  await sql`analyze demo_fact_recent`.execute(r.db);
  return true;
}

/** recorded_at and confirmed_at of a fact observed on `on` (2 and 6 days later, never after now). */
const stamps = (r: Round, on: RawBuilder<unknown>) =>
  sql`least(${on} + interval '2 days', ${r.now}::timestamptz), least(${on} + interval '6 days', ${r.now}::timestamptz), ${r.note}`;

/** The re-checked facts: the latest confirmed record of each reviewed kind, again on the visit day. */
async function recheck(r: Round) {
  const kinds = REVIEWED_KINDS.filter((k) => k !== 'income_month');
  const round = sql.raw(`to_char(v.visited_on, 'YYYY"年第"Q"季度入户走访（复核）"')`);
  await sql`
    with latest as (
      select distinct on (f.household_id, f.kind, f.member_id, f.subject) f.*
      from household_fact f join demo_fact_recent v on v.id = f.household_id
      where f.state = 'confirmed' and f.kind = any(${kinds}::text[])
      order by f.household_id, f.kind, f.member_id, f.subject, f.observed_on desc, f.id desc
    )
    insert into household_fact (village_code, household_id, member_id, kind, subject, value, observed_on, source,
      source_ref, state, recorded_at, confirmed_at, decision_note)
    select l.village_code, l.household_id, l.member_id, l.kind, l.subject, l.value, v.visited_on, l.source,
      case when l.source = 'home_visit' then ${round} else l.source_ref end, 'confirmed',
      ${stamps(r, sql`v.visited_on`)}
    from latest l join demo_fact_recent v on v.id = l.household_id
    left join member m on m.id = l.member_id
    where not (l.kind = 'risk' and l.value->>'removedOn' is not null)
      and (l.member_id is null or m.member_status = 'present')`.execute(r.db);
}

/** Income by month after E up to the month before the visit (households with monthly records). */
async function recentIncome(r: Round) {
  const year = Number(r.asOf.slice(0, 4));
  await sql`
    with m as (
      select v.id, v.village_code, v.checked, gs::date as d
      from demo_fact_recent v
      cross join lateral generate_series(date_trunc('month', ${r.asOf}::date) + interval '1 month',
        date_trunc('month', v.visited_on) - interval '1 month', interval '1 month') gs
      where exists (select 1 from household_fact f where f.household_id = v.id and f.kind = 'income_month'
        and f.state = 'confirmed')
    ), src as (
      select distinct on (m.id, m.d) m.*, f.value, f.source, f.observed_on as base_on
      from m join household_fact f on f.household_id = m.id and f.kind = 'income_month' and f.state = 'confirmed'
        and f.observed_on = make_date(${year}::int, extract(month from m.d)::int, 1)
      order by m.id, m.d, f.id desc
    )
    insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, source_ref,
      state, recorded_at, confirmed_at, decision_note)
    select s.village_code, s.id, 'income_month', to_char(s.d, 'YYYY-MM'),
      jsonb_build_object('month', to_char(s.d, 'YYYY-MM'), 'items', (select jsonb_object_agg(i.key,
        round((i.value)::numeric * ${RECENT_ROUND.growth}, 2)) from jsonb_each_text(s.value->'items') i)),
      s.d, s.source, case when s.source = 'home_visit' then to_char(s.d, 'YYYY') || '年逐月收入核查（帮扶责任人走访）'
        else to_char(s.d, 'YYYY') || '年防返贫监测排查收入申报' end,
      'confirmed', ${stamps(r, sql`(s.d + interval '1 month' + (s.id % 20) * interval '1 day')`)}
    from src s`.execute(r.db);
}

/** The recent round (see the header); after the first round, while `demo_fact_hh` is staged. */
export async function seedRecentRound(ctx: DemoContext, asOf: string, note: string): Promise<void> {
  const r: Round = { db: ctx.db, seed: ctx.seed, today: chinaDate(ctx.today), now: ctx.today, asOf, note };
  if (!(await stageRound(r))) return;
  await recheck(r);
  await recentIncome(r);
  await sql`drop table if exists demo_fact_recent`.execute(r.db);
}

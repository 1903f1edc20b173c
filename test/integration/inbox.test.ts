import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/kernel/clock.js';
import { recordSelfReport } from '../../src/modules/warnings/service.js';
import { buildServices } from '../../src/composition/services.js';
import { createDigest } from '../../src/modules/notifications/digest.js';
import { loggingDelivery } from '../../src/modules/notifications/delivery.js';
import { ensureRuleRun, fillDemoWorklists, ruleRunDeps } from '../../src/modules/inbox/rule-schedule.js';
import { generateDemo } from '../../src/demo/service.js';
import { addWorkingDays } from '../../src/domain/working-days.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/** Beijing 10:00 of a China date. */
const at = (day: string) => `${day}T02:00:00Z`;

let tdb: TestDatabase;
let app: FastifyInstance;
const clock = fixedClock(at('2026-11-02'));
const cookies: Record<string, string> = {};
const h: Record<string, { id: string }> = {};

interface Item {
  kind: string;
  id: string;
  householdId: string | null;
  due: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  urgent: boolean;
  link: string;
  title_zh: string;
}
interface InboxBody {
  today: string;
  total: number;
  urgent: number;
  overdue: number;
  counts: Record<string, number>;
  items: Item[];
}

async function get<T>(user: string, url: string, status = 200): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body) as T;
}
const inbox = (user: string) => get<InboxBody>(user, '/api/inbox');
const find = (b: InboxBody, kind: string, id: string) => b.items.find((i) => i.kind === kind && i.id === id);

async function openMonitoring(householdId: string): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: cookies.vil! },
    payload: {
      kind: 'monitoring',
      householdId,
      confirmIneligible: true,
      payload: { note: '因病支出大' },
      data: { channel: 'cadre_screening' },
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (JSON.parse(res.body) as { id: string }).id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const none = {
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 5200, status: 'none' }],
  };
  h.lead = await createHousehold(db, { village: T.villageA1, ...none });
  h.holiday = await createHousehold(db, { village: T.villageA1, ...none });
  h.reporter = await createHousehold(db, { village: T.villageA1, ...none });
  h.foreign = await createHousehold(db, { village: T.villageB1, ...none });
  for (const [u, role, scope] of [
    ['vil', 'village_cadre', T.villageA1],
    ['twn', 'township_officer', T.townshipA],
    ['cty', 'county_officer', T.county],
    ['civ', 'civil_affairs_county', T.county],
  ] as const)
    await createUser(db, u, role, scope);
  app = await testApp(db, clock);
  for (const u of ['vil', 'twn', 'cty', 'civ']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('inbox', () => {
  it('reads working days from the holiday table (the October holiday of 2026)', async () => {
    const s = buildServices(tdb.db, { clock, sessionHours: 1, log: { error: () => undefined } });
    const cal = await s.inbox.calendarFor(T.villageA1, '2026-09-30');
    expect(addWorkingDays(cal, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays(cal, '2026-02-13', 1)).toBe('2026-02-14'); // the Saturday worked before 春节
  });

  it('shows a monitoring deadline to the township only when it comes near (injected clock)', async () => {
    clock.set(at('2026-11-02')); // Monday; the decision is due 15 days later, 2026-11-17
    const id = await openMonitoring(h.lead!.id);
    // the village cadre has the case's first step to take: it stands in the inbox from the start
    const vil = await inbox('vil');
    expect(find(vil, 'case_step', id)).toMatchObject({ due: '2026-11-17', link: `/cases/${id}` });
    // the township: 11 working days left, beyond the 5-day horizon
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toBeUndefined();
    clock.set(at('2026-11-09')); // 6 working days left
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toBeUndefined();
    clock.set(at('2026-11-10')); // 11, 12, 13, 16, 17: 5 working days left
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toMatchObject({
      due: '2026-11-17',
      workingDaysLeft: 5,
      urgent: false,
      overdue: false,
    });
    clock.set(at('2026-11-16'));
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toMatchObject({
      workingDaysLeft: 1,
      urgent: true,
    });
    clock.set(at('2026-11-18'));
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toMatchObject({
      workingDaysLeft: -1,
      overdue: true,
    });
    // the county decides later in the procedure; its inbox shows the deadline too, not a step yet
    expect(find(await inbox('cty'), 'case_step', id)).toBeUndefined();
    expect(find(await inbox('cty'), 'monitoring_deadline', id)).toBeDefined();
  });

  it('counts 15 calendar days over the October holiday as 5 working days', async () => {
    clock.set(at('2026-09-24')); // Thursday; due 2026-10-09 over 中秋 and 国庆
    const id = await openMonitoring(h.holiday!.id);
    expect(find(await inbox('twn'), 'monitoring_deadline', id)).toMatchObject({
      due: '2026-10-09',
      workingDaysLeft: 5, // 28, 29, 30 September, 8 and 9 October
    });
  });

  it('gives a self-report two working days, in the village and township of the household only', async () => {
    const { db } = tdb;
    const mine = await db.transaction().execute((trx) =>
      recordSelfReport(trx, h.reporter!.id, {
        kind: 'illness',
        description: '住院',
        observedOn: '2026-09-29',
      }),
    );
    const other = await db.transaction().execute((trx) =>
      recordSelfReport(trx, h.foreign!.id, {
        kind: 'illness',
        description: '住院',
        observedOn: '2026-09-29',
      }),
    );
    await db
      .updateTable('warning_signal')
      .set({ created_at: new Date(at('2026-09-30')) })
      .where('id', 'in', [mine, other])
      .execute();
    clock.set(at('2026-09-30'));
    const vil = await inbox('vil');
    expect(find(vil, 'self_report', mine)).toMatchObject({
      due: '2026-10-09',
      workingDaysLeft: 2,
      link: '/warnings',
      householdId: h.reporter!.id,
    });
    expect(find(vil, 'self_report', other)).toBeUndefined();
    expect(find(await inbox('twn'), 'self_report', other)).toBeUndefined();
    expect(find(await inbox('twn'), 'self_report', mine)).toBeDefined();
    // the county officer and civil affairs are not the ones to check it
    expect((await inbox('cty')).items.some((i) => i.kind === 'self_report')).toBe(false);
    expect((await inbox('civ')).items.some((i) => i.kind === 'self_report')).toBe(false);
    clock.set(at('2026-10-12'));
    expect(find(await inbox('vil'), 'self_report', mine)).toMatchObject({
      workingDaysLeft: -2,
      overdue: true,
    });
  });

  it('puts proposed facts before the township, not the village cadre, and counts them in the badge', async () => {
    const { db } = tdb;
    const f = await db
      .insertInto('household_fact')
      .values({
        village_code: T.villageA1,
        household_id: h.reporter!.id,
        kind: 'food_clothing',
        value: JSON.stringify({ secure: false }),
        observed_on: '2026-11-02',
        source: 'home_visit',
        state: 'proposed',
        recorded_at: new Date(at('2026-11-02')),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    clock.set(at('2026-11-03'));
    const twn = await inbox('twn');
    expect(find(twn, 'fact_proposal', String(f.id))).toMatchObject({ due: '2026-11-09', link: '/facts' });
    expect(find(await inbox('vil'), 'fact_proposal', String(f.id))).toBeUndefined();
    const counts = await get<{ total: number; counts: Record<string, number> }>('twn', '/api/inbox/counts');
    expect(counts.total).toBe(twn.total);
    expect(counts.counts.fact_proposal).toBe(1);
  });

  it('counts every item of a kind in the badge, beyond the 100 it lists', async () => {
    const { db } = tdb;
    const { sql } = await import('kysely');
    // 130 proposals of one household: 130 to confirm, of which the inbox lists the 100 oldest
    const added = await sql<{ id: string }>`insert into household_fact (village_code, household_id, kind,
        subject, value, observed_on, source, state, recorded_at)
      select ${T.villageA1}, ${h.holiday!.id}, 'income_month', '2026-' || lpad(((i % 10) + 1)::text, 2, '0'),
        '{}'::jsonb, '2026-10-01', 'home_visit', 'proposed', ${new Date(at('2026-11-02'))}::timestamptz
        + i * interval '1 second'
      from generate_series(1, 130) as i
      returning id`.execute(db);
    expect(added.rows).toHaveLength(130);
    try {
      clock.set(at('2026-11-03'));
      const twn = await inbox('twn');
      expect(twn.items.filter((i) => i.kind === 'fact_proposal')).toHaveLength(100);
      expect(twn.counts.fact_proposal).toBeGreaterThanOrEqual(130);
      const proposed = await db
        .selectFrom('household_fact')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('state', '=', 'proposed')
        .where('village_code', 'like', `${T.townshipA}%`)
        .executeTakeFirstOrThrow();
      expect(twn.counts.fact_proposal).toBe(Number(proposed.n));
      const counts = await get<{ total: number; counts: Record<string, number> }>('twn', '/api/inbox/counts');
      expect(counts.counts.fact_proposal).toBe(Number(proposed.n));
      expect(counts.total).toBe(Object.values(twn.counts).reduce((a, b) => a + b, 0));
      expect(counts.total).toBeGreaterThan(twn.items.length);
    } finally {
      await db
        .deleteFrom('household_fact')
        .where(
          'id',
          'in',
          added.rows.map((r) => r.id),
        )
        .execute();
    }
  });

  it('counts urgent and overdue items exactly, beyond the 100 it lists (working days, injected clock)', async () => {
    const { db } = tdb;
    const { sql } = await import('kysely');
    clock.set(at('2026-11-03')); // Tuesday; a proposal is due 5 working days after the day it was made
    const before = await inbox('twn');
    // below 100 items per kind, every item is listed: the database's counts are the items' flags
    expect(Object.values(before.counts).every((n) => n < 100)).toBe(true);
    expect(before.urgent).toBe(before.items.filter((i) => i.urgent).length);
    expect(before.overdue).toBe(before.items.filter((i) => i.overdue).length);
    const made = [
      ['2026-10-20', 120], // due 27 October: overdue
      ['2026-10-26', 1], // due Monday 2 November: one working day late, overdue
      ['2026-10-27', 2], // due today: urgent, not overdue
      ['2026-10-28', 2], // due tomorrow, one working day left: urgent
      ['2026-10-29', 3], // due Thursday 5 November, two working days left: neither
    ] as const;
    const ids: string[] = [];
    for (const [day, n] of made) {
      const added = await sql<{ id: string }>`insert into household_fact (village_code, household_id, kind,
          subject, value, observed_on, source, state, recorded_at)
        select ${T.villageA1}, ${h.reporter!.id}, 'income_month', ${day} || '-' || i, '{}'::jsonb, ${day},
          'home_visit', 'proposed', ${new Date(at(day))}::timestamptz + i * interval '1 second'
        from generate_series(1, ${n}::int) as i
        returning id`.execute(db);
      ids.push(...added.rows.map((r) => r.id));
    }
    expect(ids).toHaveLength(128);
    try {
      const twn = await inbox('twn');
      expect(twn.items.filter((i) => i.kind === 'fact_proposal')).toHaveLength(100);
      expect(twn.counts.fact_proposal).toBe(before.counts.fact_proposal! + 128);
      // 121 overdue, 125 urgent (the overdue are urgent too), though only 100 are listed
      expect(twn.overdue).toBe(before.overdue + 121);
      expect(twn.urgent).toBe(before.urgent + 125);
      const counts = await get<{ urgent: number; overdue: number }>('twn', '/api/inbox/counts');
      expect(counts).toMatchObject({ urgent: twn.urgent, overdue: twn.overdue });
      // the edges, item by item, agree with the counts' cut-off days
      const edge = (day: string) =>
        twn.items.filter((i) => i.kind === 'fact_proposal' && ids.includes(i.id) && i.due === day);
      expect(edge('2026-11-02').every((i) => i.overdue && i.workingDaysLeft === -1)).toBe(true);
      expect(edge('2026-11-03').every((i) => i.urgent && !i.overdue && i.workingDaysLeft === 0)).toBe(true);
      // a day later, those due today are overdue as well
      clock.set(at('2026-11-04'));
      const next = await inbox('twn');
      expect(next.overdue).toBeGreaterThanOrEqual(before.overdue + 123);
    } finally {
      await db.deleteFrom('household_fact').where('id', 'in', ids).execute();
    }
  });

  it('orders what to do next for a household and answers 404 outside the scope', async () => {
    const { steps } = await get<{ steps: { kind: string; link: string }[] }>(
      'vil',
      `/api/households/${h.reporter!.id}/next`,
    );
    const kinds = steps.map((s) => s.kind);
    expect(kinds).toContain('warning'); // the open self-report
    expect(kinds).toContain('proposal');
    expect(kinds.indexOf('warning')).toBeLessThan(kinds.indexOf('proposal'));
    await get('vil', `/api/households/${h.foreign!.id}/next`, 404);
    const many = await get<{ households: Record<string, unknown[]> }>(
      'vil',
      `/api/inbox/next?households=${h.reporter!.id},${h.lead!.id}`,
    );
    expect(Object.keys(many.households).sort()).toEqual([h.lead!.id, h.reporter!.id].sort());
    await get('vil', `/api/inbox/next?households=${h.reporter!.id},${h.foreign!.id}`, 404);
  });

  it('fills the worklists once when no rule run covers the region, and next steps read them', async () => {
    const s = buildServices(tdb.db, { clock, sessionHours: 1, log: { error: () => undefined } });
    const deps = ruleRunDeps(tdb.db, s.ruleRun, s.regions.latestYear);
    const first = await ensureRuleRun(deps, T.county);
    expect(first?.year).toBe(2025);
    expect(first?.households).toBe(4);
    expect(await ensureRuleRun(deps, T.county)).toBeNull(); // covered now
    const items = await tdb.db.selectFrom('worklist_item').select('household_id').execute();
    expect(items.length).toBe(first!.items);
  });

  it('sends a daily digest once per user and day through the logging delivery', async () => {
    const s = buildServices(tdb.db, { clock, sessionHours: 1, log: { error: () => undefined } });
    const logged: string[] = [];
    const run = createDigest({
      db: tdb.db,
      clock,
      inbox: s.inbox.inbox,
      delivery: loggingDelivery({ info: (m) => logged.push(m) }),
    });
    clock.set(at('2026-11-03'));
    const first = await run();
    expect(first.sent).toBeGreaterThanOrEqual(2); // the village cadre and the township at least
    expect((await run()).sent).toBe(0);
    const rows = await tdb.db
      .selectFrom('notification')
      .selectAll()
      .where('for_day', '=', '2026-11-03')
      .execute();
    expect(rows.length).toBe(first.sent);
    expect(rows.every((r) => r.delivered_by === 'log' && r.channel === 'log')).toBe(true);
    expect(rows.find((r) => r.region_code === T.townshipA)?.subject).toMatch(
      /^【精准】2026-11-03 待办 \d+ 项/,
    );
    expect(logged.length).toBe(first.sent);
  });
});

describe('a fresh demo', () => {
  let demo: TestDatabase;
  afterAll(async () => demo?.drop());

  it('gives a village cadre rule-derived worklist candidates right after it is created', async () => {
    demo = await createTestDatabase();
    const { db } = demo;
    await db
      .insertInto('region')
      .values([
        { code: '43', level: 1, parent_code: null, name: '湖南省' },
        { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
        { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
        { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
        { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
        { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
      ])
      .execute();
    await generateDemo(db, { countyCode: '433124', seed: 7, scale: 0.02 });
    await createUser(db, 'village', 'village_cadre', '433124110226');
    const s = buildServices(db, { clock, sessionHours: 1, log: { error: () => undefined } });
    const lines: string[] = [];
    await fillDemoWorklists(db, s, '433124', (l) => lines.push(l));
    expect(lines.join('\n')).toMatch(/worklists: rule run \d+ over 433124/);
    const demoApp = await testApp(db, clock);
    try {
      const cookie = await login(demoApp, 'village', 'test-password-1');
      const res = await demoApp.inject({ method: 'GET', url: '/api/worklists', headers: { cookie } });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ run: { id: string } | null; total: number }>();
      expect(body.run).not.toBeNull();
      expect(body.total).toBeGreaterThan(0);
    } finally {
      await demoApp.close();
    }
  }, 300_000);
});

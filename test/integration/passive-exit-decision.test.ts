import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '../../src/domain/calendar.js';
import { clockOf } from '../../src/kernel/clock.js';
import { buildApp } from '../../src/server/app.js';
import { login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';

/**
 * The exit procedure's decision (close_record, township or county) carries the passive-exit flag of
 * the household's latest income year (issue 21 item 5): recorded in the case data, appended to the
 * decision's outcome reason when raised, kept in the audit; it warns and does not refuse.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let now = new Date('2026-03-02T02:00:00Z');
const today = () => chinaDate(now);
const h: Record<string, { id: string; size: number }> = {};

/** A poor household of `village` whose 2025 income per person is `perCapita`, `transfers` of it by transfers. */
async function household(village: string, perCapita: number, transfers: number) {
  const { id } = await createHousehold(tdb.db, {
    village,
    status: 'poor',
    income: [{ year: 2025, perCapita }],
  });
  const y = await tdb.db
    .selectFrom('household_year')
    .select('size')
    .where('household_id', '=', id)
    .executeTakeFirstOrThrow();
  await tdb.db
    .updateTable('household_year')
    .set({
      wage_income: (perCapita - transfers) * y.size,
      transfer_income: transfers * y.size,
      transfer_dibao: transfers * y.size,
    })
    .where('household_id', '=', id)
    .execute();
  return { id, size: y.size };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  // by transfers: 6,000 per person, 4,000 of it dibao → 2,000 of its own, below every line since 2011
  h.passive = await household(T.villageA1, 6000, 4000);
  // of its own: 9,000 per person, 1,000 of it transfers → 8,000, above every line to date
  h.own = await household(T.villageA1, 9000, 1000);
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  app = await buildApp({
    db: tdb.db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'twn']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as Record<string, unknown> & { id: string; state: string };
};
const act = (user: string, id: string, action: string, payload: object = {}) =>
  call(user, 'POST', `/api/cases/${id}/actions/${action}`, { payload, confirmIneligible: true });

/** An exit case of `householdId` taken to the decision step (announced). */
async function toDecision(householdId: string) {
  const c = ok(
    await call('vil', 'POST', '/api/cases', {
      kind: 'exit',
      householdId,
      payload: { note: '村“两委”提议' },
      data: {},
      confirmIneligible: true,
    }),
  );
  ok(await act('vil', c.id, 'verify', { note: '入户核实收入' }));
  ok(await act('vil', c.id, 'household_agree', { signatures: [{ who: 'household', name: '户主' }] }));
  const notice = { notice: { start: today(), end: addDays(today(), 6), objections: [] } };
  now = new Date(now.getTime() + 7 * 86_400_000);
  ok(await act('vil', c.id, 'close_notice', notice));
  ok(await act('vil', c.id, 'announce', { note: '已公告' }));
  return c.id;
}

type Flag = {
  year: number;
  passive: boolean;
  perCapita: number;
  perCapitaWithoutTransfers: number;
  line: number;
  reasons: { criterion: string; label_zh: string; label_en: string }[];
};

describe('passive exit at the exit decision', () => {
  it('flags an exit on transfers alone for the deciding level, with reasons, and still decides', async () => {
    const id = await toDecision(h.passive!.id);
    // the deciding level reads the flag before it decides (the case page shows it at this step)
    const before = ok(await call('twn', 'GET', `/api/effort/households/${h.passive!.id}/passive-exit`));
    expect(before).toMatchObject({ year: 2025, passive: true, perCapita: 6000 });
    const done = ok(await act('twn', id, 'close_record', { note: '乡镇销号' }));
    expect(done.state).toBe('closed');
    const flag = (done.data as { passiveExit: Flag }).passiveExit;
    expect(flag).toMatchObject({
      year: 2025,
      passive: true,
      perCapita: 6000,
      perCapitaWithoutTransfers: 2000,
    });
    expect(flag.line).toBeGreaterThan(2000);
    expect(flag.line).toBeLessThanOrEqual(6000);
    expect(flag.line).toBe(before.line);
    expect(flag.reasons).toHaveLength(1);
    expect(flag.reasons[0]!.criterion).toBe('passive_exit');
    expect(flag.reasons[0]!.label_zh).toContain('被动脱贫提示');
    expect(flag.reasons[0]!.label_en).toContain('passive exit');
    // the decision's reason: the deciding officer's note, then the warning in words
    expect(done.outcomeReason).toBe(`乡镇销号（${flag.reasons[0]!.label_zh}）`);
    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['after'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', id)
      .where('action', '=', 'case.close_record')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ state: 'closed', passiveExit: { passive: true, year: 2025 } });
    const hh = await tdb.db
      .selectFrom('household')
      .select('status')
      .where('id', '=', h.passive!.id)
      .executeTakeFirstOrThrow();
    expect(hh.status).toBe('exited'); // the flag warns, it does not refuse
  });

  it('records a household above the line of its own as not passive, the reason unchanged', async () => {
    const id = await toDecision(h.own!.id);
    const done = ok(await act('twn', id, 'close_record', { note: '乡镇销号' }));
    const flag = (done.data as { passiveExit: Flag }).passiveExit;
    expect(flag).toMatchObject({ passive: false, perCapita: 9000, perCapitaWithoutTransfers: 8000 });
    expect(flag.reasons[0]!.label_zh).toContain('不是被动脱贫');
    expect(done.outcomeReason).toBe('乡镇销号');
  });

  it('records nothing on steps other than the decision', async () => {
    const c = ok(
      await call('vil', 'POST', '/api/cases', {
        kind: 'exit',
        householdId: (await household(T.villageA1, 6000, 4000)).id,
        payload: {},
        data: {},
        confirmIneligible: true,
      }),
    );
    const v = ok(await act('vil', c.id, 'verify', { note: '入户核实收入' }));
    expect(v.data).not.toHaveProperty('passiveExit');
    const w = ok(await act('vil', c.id, 'withdraw', { note: '撤回' }));
    expect(w.data).not.toHaveProperty('passiveExit');
    expect(w.outcomeReason).toBe('撤回');
  });
});

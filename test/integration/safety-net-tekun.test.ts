import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '../../src/domain/calendar.js';
import { clockOf } from '../../src/kernel/clock.js';
import { buildApp } from '../../src/server/app.js';
import { login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';

/**
 * A 特困 case to its roll entry, and a fast-tracked temporary assistance (docs/safety-net.md).
 * Parameters for the county: dibao standard 600, 特困 basic living 780 and care 420 (partly
 * dependent) a month; temporary assistance up to 3,000 a case, the township alone up to 1,000,
 * 4,000 a year. Hand calculation: one person, partly dependent → 780 + 420 = 1,200 a month.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let now = new Date('2026-04-01T02:00:00Z');
const today = () => chinaDate(now);
let elder = '';
let burnt = '';

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
const ok = <T = Record<string, unknown>>(res: { statusCode: number; body: string }): T => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  elder = (
    await createHousehold(db, {
      village: T.villageA1,
      status: 'poor',
      type: 'general_poor',
      members: [{ name: '龙老五', sex: '1', birth: '1948-02-03', relation: 'head', health: 'chronic' }],
      income: [{ year: 2025, perCapita: 1800 }],
    })
  ).id;
  burnt = (await createHousehold(db, { village: T.villageA2, status: 'none', type: 'ordinary' })).id;
  await db
    .insertInto('safety_net_param')
    .values({
      region_code: T.county,
      effective_from: '2026-01-01',
      values: JSON.stringify({
        dibaoStandardMonthly: 600,
        tekunBasicMonthly: 780,
        tekunCareMonthly: { partly_dependent: 420 },
        temporary: { caseLimit: 3000, townshipLimit: 1000, yearlyCeiling: 4000 },
      }),
      set_at: now,
    })
    .execute();
  const fact = (kind: string, value: object) => ({
    village_code: T.villageA1,
    household_id: elder,
    kind,
    value: JSON.stringify(value),
    observed_on: '2025-12-20',
    source: 'civil_affairs',
    state: 'confirmed',
  });
  await db
    .insertInto('household_fact')
    .values([
      fact('legal_supporter', {
        relation: 'nephew',
        supporterName: null,
        capacity: 'none',
        agreedMonthly: 0,
        paid12m: 0,
        agreementRef: null,
      }),
      fact('dibao_means', {
        declared: { vehicles: 0, houses: 1, deposits: 500, spending12m: 4000 },
        verified: { vehicles: 0, houses: 1, deposits: 500, spending12m: 4000 },
      }),
    ])
    .execute();
  await createUser(db, 'town', 'civil_affairs_township', T.townshipA);
  await createUser(db, 'bureau', 'civil_affairs_county', T.county);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['town', 'bureau']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('特困 and temporary assistance', () => {
  it('a 特困 case (its own procedure) enters the 特困 roll with basic living and care', async () => {
    const c = ok<{ id: string; states: string[] }>(
      await call('town', 'POST', '/api/cases', {
        kind: 'tekun',
        householdId: elder,
        payload: {},
        confirmIneligible: true,
      }),
    );
    expect(c.states).not.toContain('democratic_review');
    const step = async (user: string, action: string, payload: object) =>
      ok(await call(user, 'POST', `/api/cases/${c.id}/actions/${action}`, { payload }));
    await step('town', 'investigate', {
      staff: ['甲', '乙'],
      signatures: [{ who: 'household', name: '龙老五' }],
      dataConsent: { by: '龙老五', signedOn: today() },
      note: '无劳动能力、无生活来源、侄子无赡养义务能力',
    });
    const notice = { notice: { start: today(), end: addDays(today(), 6), objections: [] } };
    now = new Date(now.getTime() + 7 * 86_400_000);
    await step('town', 'close_notice', notice);
    await step('bureau', 'county_check', { note: '县级核查' });
    await step('bureau', 'approve', {
      note: '认定为特困人员',
      decision: { supportMode: 'dispersed', careLevel: 'partly_dependent' },
    });
    const roll = ok<{ items: Record<string, unknown>[] }>(
      await call('town', 'GET', `/api/safety-net/rolls?programme=tekun`),
    );
    expect(roll.items).toHaveLength(1);
    expect(roll.items[0]).toMatchObject({
      householdId: elder,
      category: 'dispersed',
      careLevel: 'partly_dependent',
      persons: 1,
      monthlyAmount: 1200,
      state: 'active',
      startMonth: '2026-04-01',
    });
    const members = await tdb.db
      .selectFrom('member')
      .select(['is_tekun', 'is_dibao'])
      .where('household_id', '=', elder)
      .execute();
    expect(members).toEqual([{ is_tekun: true, is_dibao: false }]);
    const h = await tdb.db
      .selectFrom('household')
      .select('household_type')
      .where('id', '=', elder)
      .executeTakeFirstOrThrow();
    expect(h.household_type).toBe('tekun');
  });

  it('dibao and 特困 exclude each other: the 特困 household cannot enter the dibao roll', async () => {
    const c = ok<{ id: string }>(
      await call('town', 'POST', '/api/cases', {
        kind: 'dibao',
        householdId: elder,
        payload: {},
        confirmIneligible: true,
      }),
    );
    expect(c.id).toBeTruthy();
    const unique = tdb.db.insertInto('assistance_roll').values({
      programme: 'dibao',
      household_id: elder,
      village_code: T.villageA1,
      category: 'A',
      persons: 1,
      monthly_amount: '100',
      state: 'active',
      start_month: '2026-04-01',
      created_at: now,
      updated_at: now,
    });
    await expect(unique.execute()).rejects.toThrow(/assistance_roll_one_open/);
  });

  it('an emergency is aided at once (fast track), paid in the month, regularised after', async () => {
    const over = await call('town', 'POST', '/api/safety-net/temporary', {
      householdId: burnt,
      type: 'emergency',
      cause: 'fire',
      amount: 3000.01,
      fastTrack: true,
    });
    expect(over.statusCode).toBe(409);
    const notFast = await call('town', 'POST', '/api/safety-net/temporary', {
      householdId: burnt,
      type: 'expenditure',
      cause: 'medical',
      amount: 500,
      fastTrack: true,
    });
    expect(notFast.statusCode).toBe(409);
    const t = ok<{
      id: string;
      state: string;
      amount: number;
      payMonth: string;
      regulariseBy: string;
      approvalLevel: string;
    }>(
      await call('town', 'POST', '/api/safety-net/temporary', {
        householdId: burnt,
        type: 'emergency',
        cause: 'fire',
        amount: 800,
        fastTrack: true,
        note: '房屋失火，先行救助',
      }),
    );
    expect(t).toMatchObject({
      state: 'aided',
      amount: 800,
      payMonth: '2026-04-01',
      regulariseBy: addDays(today(), 10),
      approvalLevel: 'township',
    });
    const done = ok<{ state: string }>(
      await call('town', 'POST', `/api/safety-net/temporary/${t.id}/decide`, {
        action: 'regularise',
        note: '补齐申请和审批手续',
      }),
    );
    expect(done.state).toBe('regularised');
    // a second, expenditure-driven case: above the township limit the county approves; the year's ceiling holds
    const second = ok<{ id: string }>(
      await call('town', 'POST', '/api/safety-net/temporary', {
        householdId: burnt,
        type: 'expenditure',
        cause: 'medical',
        amount: 3000,
      }),
    );
    expect(
      (
        await call('town', 'POST', `/api/safety-net/temporary/${second.id}/decide`, {
          action: 'approve',
          note: '同意',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call('bureau', 'POST', `/api/safety-net/temporary/${second.id}/decide`, {
          action: 'approve',
          amount: 3500,
          note: '超上限',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      ok<{ state: string }>(
        await call('bureau', 'POST', `/api/safety-net/temporary/${second.id}/decide`, {
          action: 'approve',
          amount: 3000,
          note: '同意',
        }),
      ).state,
    ).toBe('approved');
    const third = await call('town', 'POST', '/api/safety-net/temporary', {
      householdId: burnt,
      type: 'emergency',
      cause: 'accident',
      amount: 300,
    });
    expect(third.statusCode).toBe(409); // 800 + 3,000 + 300 > 4,000
    const list = ok<{ totals: { programme: string; listed: number; lines: number }[] }>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-04-01' }),
    );
    expect(list.totals.find((x) => x.programme === 'temporary')).toMatchObject({ listed: 3800, lines: 2 });
    expect(list.totals.find((x) => x.programme === 'tekun')).toMatchObject({ listed: 1200, lines: 1 });
  });
});

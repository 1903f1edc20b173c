import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { fixedClock } from '../../src/kernel/clock.js';

/**
 * The household's effort in the portal (issue 21 item 5): progress it reports waits on its cadre's
 * confirmation screen (scoped), the confirmation earns the county's points; its points and its own
 * village's and township's shop; a redemption it makes itself, never above its balance.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh = '';
let portal = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = (await createHousehold(tdb.db, { village: T.villageA1 })).id;
  await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'vil2', 'village_cadre', T.villageA2);
  await createUser(tdb.db, 'vilB', 'village_cadre', T.villageB1);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await testApp(tdb.db, fixedClock('2026-11-28T08:00:00Z'));
  for (const u of ['vil', 'vil2', 'vilB', 'twn', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
  const issued = await send('vil', 'POST', '/api/portal-codes', { householdIds: [hh] });
  const [c] = issued.json<{ codes: { householdNo: string; code: string }[] }>().codes;
  const res = await app.inject({
    method: 'POST',
    url: '/api/portal/login',
    payload: { householdNo: c!.householdNo, code: c!.code },
  });
  const cookie = res.cookies.find((x) => x.name === 'jz_portal');
  if (!cookie) throw new Error(`portal login: ${res.statusCode} ${res.body}`);
  portal = `jz_portal=${cookie.value}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

function send(user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
}
const asHousehold = (method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: portal } });
const pending = async (user: string, region?: string) => {
  const res = await send(user, 'GET', `/api/effort/commitments/pending${region ? `?region=${region}` : ''}`);
  return res;
};

describe('own effort in the portal', () => {
  let progressId = '';

  it('lists reported progress on the confirmation screen of its own cadres only', async () => {
    await send('cty', 'PUT', '/api/effort/rules', {
      countyCode: T.county,
      code: 'commitment_kept',
      labelZh: '履行承诺',
      labelEn: 'commitment kept',
      points: 15,
    });
    const c = await send('vil', 'POST', `/api/effort/households/${hh}/commitments`, { text: '参加养殖培训' });
    expect(c.statusCode, c.body).toBe(200);
    const rep = await asHousehold('POST', '/api/portal/commitments/progress', {
      commitmentId: c.json().id,
      text: '已参加第一期',
    });
    expect(rep.statusCode, rep.body).toBe(200);
    progressId = rep.json()[0].progress[0].id;
    for (const u of ['vil', 'twn', 'cty']) {
      const items = (await pending(u)).json().items;
      expect(items).toEqual([
        expect.objectContaining({
          progressId,
          householdId: hh,
          commitment: '参加养殖培训',
          text: '已参加第一期',
          reportedOn: '2026-11-28',
          reportedVia: 'portal',
        }),
      ]);
    }
    // another village of the township, another township: nothing of it
    expect((await pending('vil2')).json().items).toEqual([]);
    expect((await pending('vilB')).json().items).toEqual([]);
    expect((await pending('twn', T.villageA2)).json().items).toEqual([]);
    expect((await pending('vilB', T.villageA1)).statusCode).toBe(403);
  });

  it('leaves the list once confirmed, with the points on the household’s balance', async () => {
    const ok = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/confirm`, { progressId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await pending('vil')).json().items).toEqual([]);
    const p = (await asHousehold('GET', '/api/portal/points')).json();
    expect(p.balance).toBe(15);
    expect(p.entries[0]).toMatchObject({ kind: 'earn', points: 15, ruleCode: 'commitment_kept' });
    expect(p.rules).toEqual([
      { code: 'commitment_kept', labelZh: '履行承诺', labelEn: 'commitment kept', points: 15 },
    ]);
  });

  it('shows its own village’s and township’s shop and redeems there, never above the balance', async () => {
    const add = async (user: string, regionCode: string, name: string, points: number) => {
      const r = await send(user, 'POST', '/api/effort/shop', { regionCode, name, points });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().id as string;
    };
    const soap = await add('vil', T.villageA1, '肥皂', 10);
    const towel = await add('twn', T.townshipA, '毛巾', 5);
    const pot = await add('vil', T.villageA1, '电饭锅', 200);
    const neighbours = await add('vil2', T.villageA2, '邻村的米', 1);
    const foreign = await add('vilB', T.villageB1, '外乡的油', 1);
    const shop = (await asHousehold('GET', '/api/portal/points'))
      .json()
      .shop.map((i: { id: string }) => i.id);
    expect(shop.sort()).toEqual([soap, towel, pot].sort());
    for (const itemId of [neighbours, foreign]) {
      const r = await asHousehold('POST', '/api/portal/points/redeem', { itemId, quantity: 1 });
      expect(r.statusCode).toBe(404);
    }
    const before = await tdb.db.selectFrom('incentive_entry').select('id').execute();
    const tooMuch = await asHousehold('POST', '/api/portal/points/redeem', { itemId: pot, quantity: 1 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().details).toMatchObject({ balance: 15, needed: 200 });
    expect(tooMuch.json().details.messageZh).toContain('积分余额 15 分');
    expect(await tdb.db.selectFrom('incentive_entry').select('id').execute()).toHaveLength(before.length);
    const bad = await asHousehold('POST', '/api/portal/points/redeem', { itemId: soap, quantity: 0 });
    expect(bad.statusCode).toBe(400);
    const done = await asHousehold('POST', '/api/portal/points/redeem', { itemId: soap, quantity: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      balance: 5,
      entry: { kind: 'redeem', points: -10, itemName: '肥皂' },
    });
    const row = await tdb.db
      .selectFrom('incentive_entry')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: 'redeem', balance_after: 5, recorded_by: null, household_id: hh });
    const events = await auditEventsOf(tdb.db, 'effort.ledger');
    expect(events.at(-1)).toMatchObject({ actor_id: null });
    expect(String(events.at(-1)!.actor_name)).toMatch(/^household \d{16}$/);
    // the cadre's ledger shows the household's own redemption
    const ledger = (await send('vil', 'GET', `/api/effort/households/${hh}/ledger`)).json();
    expect(ledger.balance).toBe(5);
  });

  it('needs the household’s own portal session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/portal/points' })).statusCode).toBe(401);
    const r = await app.inject({
      method: 'POST',
      url: '/api/portal/points/redeem',
      payload: { itemId: '1', quantity: 1 },
      headers: { cookie: cookies.vil! },
    });
    expect(r.statusCode).toBe(403); // a staff session does not act as a household
  });
});

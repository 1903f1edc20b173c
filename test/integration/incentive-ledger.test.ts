import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createAuditService } from '../../src/modules/audit/service.js';

/**
 * The incentive ledger (奖补 / 积分, issue 21 item 5): points earned by the county's rules (as data),
 * redeemed at a village's points shop, never below zero, every entry audited, scoped; a commitment
 * written into the plan whose confirmed progress earns the county's commitment points.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh: string;
let foreignHh: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = (await createHousehold(tdb.db, { village: T.villageA1 })).id;
  foreignHh = (await createHousehold(tdb.db, { village: T.villageB1 })).id;
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'vilB', 'village_cadre', T.villageB1);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await testApp(tdb.db, fixedClock('2026-11-28T08:00:00Z'));
  for (const u of ['vil', 'vilB', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const send = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
const rule = (code: string, points: number) => ({
  countyCode: T.county,
  code,
  labelZh: code,
  labelEn: code,
  points,
});
const balance = async () =>
  (await send('vil', 'GET', `/api/effort/households/${hh}/ledger`)).json().balance as number;
const entries = () => tdb.db.selectFrom('incentive_entry').selectAll().orderBy('id').execute();
let item: string;

describe('incentive ledger', () => {
  it('earns by the county rules only', async () => {
    expect((await send('vil', 'PUT', '/api/effort/rules', rule('training_attended', 20))).statusCode).toBe(
      403,
    );
    const set = await send('cty', 'PUT', '/api/effort/rules', rule('training_attended', 20));
    expect(set.statusCode, set.body).toBe(200);
    const rules = (await send('vil', 'GET', '/api/effort/rules')).json();
    expect(rules.countyCode).toBe(T.county);
    expect(rules.rules.find((r: { code: string }) => r.code === 'training_attended')).toMatchObject({
      points: 20,
      own: true,
      active: true,
    });
    expect(rules.rules.find((r: { code: string }) => r.code === 'hygiene_met')).toMatchObject({
      own: false,
      active: false,
    });
    // a default template the county has not adopted earns nothing
    const no = await send('vil', 'POST', `/api/effort/households/${hh}/ledger/earn`, {
      ruleCode: 'hygiene_met',
    });
    expect(no.statusCode).toBe(400);
    const e = await send('vil', 'POST', `/api/effort/households/${hh}/ledger/earn`, {
      ruleCode: 'training_attended',
      note: '参加电商培训',
    });
    expect(e.statusCode, e.body).toBe(200);
    expect(e.json()).toMatchObject({ kind: 'earn', points: 20, balanceAfter: 20 });
    expect(await balance()).toBe(20);
  });

  it('redeems at the village shop and never goes below zero', async () => {
    const add = await send('vil', 'POST', '/api/effort/shop', {
      regionCode: T.villageA1,
      name: '洗衣粉',
      points: 15,
    });
    expect(add.statusCode, add.body).toBe(200);
    item = add.json().id;
    expect(
      (await send('vil', 'GET', '/api/effort/shop')).json().map((i: { name: string }) => i.name),
    ).toEqual(['洗衣粉']);
    const r = await send('vil', 'POST', `/api/effort/households/${hh}/ledger/redeem`, {
      itemId: item,
      quantity: 1,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'redeem', points: -15, balanceAfter: 5, itemName: '洗衣粉' });
    const before = await entries();
    const over = await send('vil', 'POST', `/api/effort/households/${hh}/ledger/redeem`, {
      itemId: item,
      quantity: 1,
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().details).toMatchObject({ balance: 5, needed: 15 });
    expect(await entries()).toEqual(before); // nothing written
    expect(await balance()).toBe(5);
    expect(before.every((x) => x.balance_after >= 0)).toBe(true);
  });

  it('is scoped: a foreign household or another village’s shop answers 404', async () => {
    expect((await send('vil', 'GET', `/api/effort/households/${foreignHh}/ledger`)).statusCode).toBe(404);
    expect(
      (
        await send('vil', 'POST', `/api/effort/households/${foreignHh}/ledger/earn`, {
          ruleCode: 'training_attended',
        })
      ).statusCode,
    ).toBe(404);
    const b = await send('vilB', 'POST', '/api/effort/shop', {
      regionCode: T.villageB1,
      name: '毛巾',
      points: 1,
    });
    expect(b.statusCode).toBe(200);
    // village A's cadre cannot see it; and a village B item is not for a village A household
    expect(
      (
        await send('vil', 'POST', `/api/effort/households/${hh}/ledger/redeem`, {
          itemId: b.json().id,
          quantity: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await send('vilB', 'POST', '/api/effort/shop', { regionCode: T.villageA1, name: '毛巾', points: 1 }))
        .statusCode,
    ).toBe(403);
  });

  it('confirmed commitment progress earns the county’s commitment points', async () => {
    const c = await send('vil', 'POST', `/api/effort/households/${hh}/commitments`, {
      text: '按时参加技能培训，年内外出务工',
      dueOn: '2026-12-31',
    });
    expect(c.statusCode, c.body).toBe(200);
    const cid = c.json().id;
    const rep = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/progress`, {
      commitmentId: cid,
      text: '已参加培训',
    });
    expect(rep.statusCode, rep.body).toBe(200);
    const p1 = rep.json()[0].progress[0].id;
    // no commitment rule in the county yet: the confirmation earns nothing
    const ok1 = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/confirm`, {
      progressId: p1,
    });
    expect(ok1.json()[0].progress[0]).toMatchObject({ confirmed: true, pointsEarned: null });
    expect(await balance()).toBe(5);
    await send('cty', 'PUT', '/api/effort/rules', rule('commitment_kept', 15));
    const rep2 = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/progress`, {
      commitmentId: cid,
      text: '已外出务工',
    });
    const p2 = rep2.json()[0].progress[1].id;
    const ok2 = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/confirm`, {
      progressId: p2,
      kept: true,
    });
    expect(ok2.json()[0]).toMatchObject({ state: 'kept' });
    expect(ok2.json()[0].progress[1]).toMatchObject({ confirmed: true, pointsEarned: 15 });
    expect(await balance()).toBe(20);
    const again = await send('vil', 'POST', `/api/effort/households/${hh}/commitments/confirm`, {
      progressId: p2,
    });
    expect(again.statusCode).toBe(409);
  });

  it('records employment and training, every entry audited', async () => {
    const m = (await membersOf(tdb.db, hh))[1]!.id;
    const emp = await send('vil', 'POST', `/api/effort/households/${hh}/employment`, {
      memberId: m,
      year: 2026,
      place: '浙江省宁波市',
      employer: '某电子厂',
      reach: 'out_of_province',
      months: 8,
      income: 32000,
      observedOn: '2026-11-20',
      source: 'home_visit',
    });
    expect(emp.statusCode, emp.body).toBe(200);
    const tr = await send('vil', 'POST', `/api/effort/households/${hh}/training`, {
      memberId: m,
      course: '电商技能',
      organiser: '县人社局',
      startedOn: '2026-03-01',
      endedOn: '2026-03-05',
      certificate: '结业证书',
      source: 'document',
    });
    expect(tr.statusCode, tr.body).toBe(200);
    const bad = await send('vil', 'POST', `/api/effort/households/${hh}/training`, {
      ...tr.json(),
      id: undefined,
    });
    expect(bad.statusCode).toBe(400);
    const all = (await send('vil', 'GET', `/api/effort/households/${hh}`)).json();
    expect(all.employment[0]).toMatchObject({ workPlace: '浙江省宁波市', months: 8, income: 32000 });
    expect(all.training[0]).toMatchObject({ course: '电商技能' });
    expect(all.ledger.balance).toBe(20);
    const ledgerEvents = await auditEventsOf(tdb.db, 'effort.ledger');
    expect(ledgerEvents).toHaveLength((await entries()).length);
    expect(await auditEventsOf(tdb.db, 'effort.record')).toHaveLength(2);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });
});

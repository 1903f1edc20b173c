import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { defaultParams } from '../../src/domain/rules/params.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The linkage board (保障与开发衔接) on a hand-made county: six households, each planted for one
 * indicator (or none), counted by region, drilled down, scoped, and its assessed income shown only to
 * readers who see health. The 2025 standard is the default one (no county value is set).
 */

const TODAY = new Date('2026-03-02T02:00:00Z');
const STD = defaultParams(2025).ruralDibaoStandardMonthly; // yuan per person and month
const yearly = (factorOfStandard: number) => Math.round(STD * 12 * factorOfStandard);

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const h: Record<string, string> = {};

const get = async (who: string, url: string) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const couple = (tag: string) => [
    { name: `户主${tag}`, sex: '1' as const, birth: '1980-03-01', relation: 'head' },
    { name: `配偶${tag}`, sex: '2' as const, birth: '1982-05-11', relation: 'spouse' },
  ];
  // township A, village A1: a poor household at half the standard, not covered; a dibao household of
  // working age with no development measure
  h.low = (
    await createHousehold(db, {
      village: T.villageA1,
      members: couple('低'),
      income: [{ year: 2025, perCapita: yearly(0.5) }],
    })
  ).id;
  // the son's support and the household's means checked at a home visit (confirmed facts)
  const fact = (kind: string, subject: string, value: object) =>
    sql`insert into household_fact (village_code, household_id, kind, subject, value, observed_on, source, state)
      values (${T.villageA1}, ${h.low}, ${kind}, ${subject}, ${JSON.stringify(value)}::jsonb, '2025-12-01',
        'home_visit', 'confirmed')`.execute(db);
  await fact('legal_supporter', 'child:', {
    relation: 'child',
    supporterName: null,
    capacity: 'none',
    agreedMonthly: 0,
    paid12m: 0,
    agreementRef: null,
  });
  const means = { vehicles: 0, houses: 1, deposits: 0, spending12m: 3000 };
  await fact('dibao_means', '', { declared: means, verified: means });
  h.dibao = (
    await createHousehold(db, {
      village: T.villageA1,
      members: couple('保'),
      income: [{ year: 2025, perCapita: yearly(0.5) }],
    })
  ).id;
  await sql`update member set is_dibao = true where household_id = ${h.dibao}`.execute(db);
  // village A2: a 特困 person of 75 alone, recorded with 3 months of migrant work (an inferred employment
  // measure, which makes no sense) and an industry tie (the dividend, which does);
  // an ordinary household at 1.2 × the standard (near-dibao)
  h.tekun = (
    await createHousehold(db, {
      village: T.villageA2,
      status: 'exited',
      members: [{ name: '五保', sex: '1', birth: '1950-06-01', relation: 'head' }],
      income: [{ year: 2025, perCapita: yearly(0.8), status: 'exited' }],
    })
  ).id;
  await sql`update member set is_tekun = true, labour_capacity = 'none', migrant_months = 3 where household_id = ${h.tekun}`.execute(
    db,
  );
  await sql`update household set coop_member = true where id = ${h.tekun}`.execute(db);
  h.near = (
    await createHousehold(db, {
      village: T.villageA2,
      status: 'none',
      type: 'ordinary',
      members: couple('边'),
      income: [{ year: 2025, perCapita: yearly(1.2), status: 'none' }],
    })
  ).id;
  // township B: a person on dibao and 特困 at once; a well-off household
  h.both = (
    await createHousehold(db, {
      village: T.villageB1,
      members: couple('双'),
      income: [{ year: 2025, perCapita: yearly(0.5) }],
    })
  ).id;
  await sql`update member set is_dibao = true, is_tekun = true where household_id = ${h.both} and relation = 'head'`.execute(
    db,
  );
  h.far = (
    await createHousehold(db, {
      village: T.villageB1,
      status: 'none',
      type: 'ordinary',
      members: couple('富'),
      income: [{ year: 2025, perCapita: yearly(3), status: 'none' }],
    })
  ).id;
  await createUser(db, 'lb_civ', 'civil_affairs_county', T.county);
  await createUser(db, 'lb_ctwn', 'civil_affairs_township', T.townshipA);
  await createUser(db, 'lb_vil', 'village_cadre', T.villageA2);
  app = await testApp(
    db,
    clockOf(() => TODAY),
  );
  for (const [k, u] of [
    ['civ', 'lb_civ'],
    ['ctwn', 'lb_ctwn'],
    ['vil', 'lb_vil'],
  ] as const)
    cookies[k] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('linkage board', () => {
  it('counts the planted households by township, and compares the standard with the lines', async () => {
    const r = await get('civ', `/api/linkage-board?region=${T.county}`);
    expect(r.status).toBe(200);
    const b = r.body;
    expect(b.year).toBe(2025);
    expect(b.asOf).toBe('2025-12-31');
    expect(b.totals).toEqual({
      households: 6,
      dibao: 2, // 保 and 双
      tekun: 2, // 五保 and 双
      eligible_not_covered: 1, // 低: half the standard, support and means checked
      eligible_to_verify: 0,
      dibao_labour_no_development: 2, // 保, and 双 (the spouse can work; no measure but social security)
      tekun_development: 1, // 五保 with an employment measure
      near_dibao: 1, // 边 at 1.2 × the standard
      overlap: 1, // 双's head
    });
    const byCode = Object.fromEntries(b.children.map((c: { code: string }) => [c.code, c]));
    expect(Object.keys(byCode).sort()).toEqual([T.townshipB, T.townshipA].sort());
    expect(byCode[T.townshipA].counts).toMatchObject({ households: 4, near_dibao: 1, overlap: 0 });
    expect(byCode[T.townshipB].counts).toMatchObject({ households: 2, overlap: 1, near_dibao: 0 });
    const p = defaultParams(2025);
    expect(b.standards).toEqual([
      expect.objectContaining({
        county: T.county,
        countyName: '花垣县',
        dibaoMonthly: STD,
        dibaoAnnual: STD * 12,
        povertyLine: p.povertyLine,
        belowLine: STD * 12 < p.povertyLine,
        nearFactor: 1.5,
      }),
    ]);
  });

  it('takes the near-dibao factor as a parameter', async () => {
    const narrow = await get('civ', `/api/linkage-board?region=${T.county}&nearFactor=1.1`);
    expect(narrow.body.totals.near_dibao).toBe(0); // 1.2 × is outside 1.1 ×
    expect((await get('civ', `/api/linkage-board?region=${T.county}&nearFactor=0.5`)).status).toBe(400);
  });

  it('drills down to the households of one count, the village below the township', async () => {
    const r = await get('ctwn', `/api/linkage-board/households?region=${T.townshipA}&indicator=near_dibao`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.items[0]).toMatchObject({
      householdId: h.near,
      headName: '户主边',
      villageCode: T.villageA2,
      villageName: '测试甲村',
      perCapitaMonthly: Math.round((yearly(1.2) / 12) * 100) / 100,
      standardMonthly: STD,
      onDibao: false,
    });
    const t = await get(
      'ctwn',
      `/api/linkage-board/households?region=${T.townshipA}&indicator=tekun_development`,
    );
    expect(t.body.items.map((i: { householdId: string }) => i.householdId)).toEqual([h.tekun]);
    expect(t.body.items[0].developmentMeasures).toEqual(['employment', 'industry']);
    const village = await get('ctwn', `/api/linkage-board?region=${T.villageA1}`);
    expect(village.body.children).toEqual([]);
    expect(village.body.totals.households).toBe(2);
  });

  it('keeps to the reader scope and withholds the assessed income from readers who do not see health', async () => {
    expect((await get('ctwn', `/api/linkage-board?region=${T.townshipB}`)).status).toBe(403);
    expect(
      (await get('ctwn', `/api/linkage-board/households?region=${T.county}&indicator=overlap`)).status,
    ).toBe(403);
    const own = await get('ctwn', '/api/linkage-board');
    expect(own.body.region).toBe(T.townshipA);
    expect(own.body.totals.overlap).toBe(0);
    const v = await get('vil', `/api/linkage-board/households?indicator=near_dibao`);
    expect(v.status).toBe(200);
    expect(v.body.items[0]).toMatchObject({ householdId: h.near, perCapitaMonthly: null });
    expect((await get('vil', `/api/linkage-board/households?indicator=nonsense`)).status).toBe(400);
  });
});

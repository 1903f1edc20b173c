import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { povertyLine } from '../../src/domain/policy/defaults.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * Four two-adult households in 2025, line 4000 (given in the query):
 *   A  村A1  3,000 per person, poor                   gap 0.25
 *   B  村A1  4,000 per person (exactly the line), exited this year; 2,000 of its 8,000 are transfers
 *            → 3,000 per person without them: a passive exit
 *   C  村A2  5,000 per person, exited this year on wages alone
 *   D  村B1  2,000 per person, poor                   gap 0.5
 * 8 persons: headcount 4/8, poverty gap (2·0.25 + 2·0.5)/8 = 0.1875, squared gap (2·0.0625 + 2·0.25)/8.
 * Equivalised (scale 1.5): 4000, 5333⅓, 6666⅔, 2666⅔ ∝ 3, 4, 5, 2 → Gini 5/28, median 5333⅓,
 * 60 % line 3200 with D below it. MPI: the factory's members have no recorded schooling (1/8) and
 * no household has a sanitary toilet (1/16): A and D add income (1/4) → 7/16 ≥ 1/3, B and C 3/16.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  ids.A = (
    await createHousehold(tdb.db, { village: T.villageA1, income: [{ year: 2025, perCapita: 3000 }] })
  ).id;
  const exit = (perCapita: number) => [
    { year: 2024, perCapita: 3000, status: 'poor' },
    { year: 2025, perCapita, status: 'exited' },
  ];
  ids.B = (await createHousehold(tdb.db, { village: T.villageA1, status: 'exited', income: exit(4000) })).id;
  ids.C = (await createHousehold(tdb.db, { village: T.villageA2, status: 'exited', income: exit(5000) })).id;
  ids.D = (
    await createHousehold(tdb.db, { village: T.villageB1, income: [{ year: 2025, perCapita: 2000 }] })
  ).id;
  await sql`update household_year set wage_income = 6000, transfer_income = 2000
    where household_id = ${ids.B} and year = 2025`.execute(tdb.db);
  app = await testApp(tdb.db);
  for (const u of ['cty', 'twn']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const get = async (user: string, url: string, status = 200) => {
  const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

describe('measures on the registry', () => {
  it('equals the hand computation for the county', async () => {
    const m = await get('cty', `/api/measures?region=${T.county}&year=2025&line=4000`);
    expect(m).toMatchObject({ line: 4000, lineSource: 'query', households: 4, persons: 8 });
    expect(m.poverty.headcount).toBeCloseTo(0.5, 12);
    expect(m.poverty.povertyGap).toBeCloseTo(0.1875, 12);
    expect(m.poverty.squaredGap).toBeCloseTo(0.078125, 12);
    expect(m.inequality.gini).toBeCloseTo(5 / 28, 12);
    expect(m.relative.median).toBeCloseTo(16000 / 3, 9);
    expect(m.relative.arpr.p60).toBeCloseTo(0.25, 12);
    expect(m.mpi.H).toBeCloseTo(0.5, 12);
    expect(m.mpi.A).toBeCloseTo(7 / 16, 12);
    expect(m.mpi.M0).toBeCloseTo(7 / 32, 12);
    const income = m.mpi.indicators.find((i: { name: string }) => i.name === 'income');
    expect(income.contribution).toBeCloseTo(4 / 7, 12);
    expect(m.income).toMatchObject({ wage: 26000, transfer: 2000, total: 28000 });
    expect(m.income.shares.endogenous).toBeCloseTo(26 / 28, 12);
    expect(m.exits).toEqual({ exits: 2, passive: 1 });
  });

  it('uses the policy poverty line of the year by default', async () => {
    const m = await get('cty', `/api/measures?region=${T.county}&year=2025`);
    expect(m.lineSource).toBe('policy');
    expect(m.line).toBe(povertyLine(2025));
  });

  it('drills down to each child region and decomposes by township', async () => {
    const m = await get('cty', `/api/measures?region=${T.county}&year=2025&line=4000&by=township`);
    const child = (code: string) => m.children.find((c: { code: string }) => c.code === code);
    expect(m.children).toHaveLength(2);
    expect(child(T.townshipA).persons).toBe(6);
    expect(child(T.townshipA).poverty.headcount).toBeCloseTo(1 / 3, 12);
    expect(child(T.townshipA).poverty.povertyGap).toBeCloseTo(1 / 12, 12);
    expect(child(T.townshipB).poverty.headcount).toBe(1);
    const g = Object.fromEntries(m.by.groups.map((x: { key: string }) => [x.key, x]));
    expect(g[T.townshipA]).toMatchObject({ label: '双龙镇', population: 6 });
    expect(g[T.townshipA].populationShare).toBeCloseTo(0.75, 12);
    expect(g[T.townshipA].contribution.headcount).toBeCloseTo(0.5, 12);
    expect(g[T.townshipB].contribution.povertyGap).toBeCloseTo(1 / 1.5, 12);

    const twn = await get('twn', `/api/measures?year=2025&line=4000`);
    expect(twn.region.code).toBe(T.townshipA);
    expect(twn.children.map((c: { code: string }) => c.code).sort()).toEqual([T.villageA2, T.villageA1]);
  });

  it('keeps a township officer inside the township', async () => {
    const res = await get('twn', `/api/measures?region=${T.townshipB}&year=2025`, 403);
    expect(res.code).toBe('E_OUT_OF_SCOPE');
    await get('twn', `/api/measures?region=${T.county}&year=2025`, 403);
    await get('twn', `/api/measures/series?region=${T.county}`, 403);
    await get('twn', `/api/measures/passive-exits?region=${T.townshipB}&year=2025`, 403);
  });

  it('lists the passive exits', async () => {
    const r = await get('cty', `/api/measures/passive-exits?region=${T.county}&year=2025&line=4000`);
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({ id: ids.B, perCapitaIncome: 4000, perCapitaWithoutTransfer: 3000 });
    expect(
      (await get('cty', `/api/measures/passive-exits?region=${T.townshipB}&year=2025&line=4000`)).total,
    ).toBe(0);
    // against the policy line of 2025 (4,500) B is below the line: no exit above it, so not passive
    expect((await get('cty', `/api/measures/passive-exits?region=${T.county}&year=2025`)).total).toBe(0);
  });

  it('gives the series over years', async () => {
    const s = await get('cty', `/api/measures/series?region=${T.county}`);
    expect(s.years.map((y: { year: number }) => y.year)).toEqual([2024, 2025]);
    expect(s.years[0]).toMatchObject({ line: povertyLine(2024), households: 2, persons: 4 });
    expect(s.years[0].poverty.headcount).toBe(1); // B and C at 3,000 in 2024
  });

  it('rejects a year without data', async () => {
    const r = await get('cty', `/api/measures?region=${T.county}&year=2019`, 400);
    expect(r.code).toBe('E_VALIDATION');
  });

  it('sees a change of the registry at once (cache invalidated by trigger)', async () => {
    const url = `/api/measures?region=${T.county}&year=2025&line=4000`;
    expect((await get('cty', url)).poverty.headcount).toBeCloseTo(0.5, 12);
    await sql`update household_year set wage_income = 10000, net_income = 10000, per_capita_income = 5000
      where household_id = ${ids.D} and year = 2025`.execute(tdb.db);
    expect((await get('cty', url)).poverty.headcount).toBeCloseTo(0.25, 12);
    // a member change (a child born in 2020) changes the equivalence scale of A
    await sql`insert into member (household_id, village_code, name, sex, id_number, birth_date, relation)
      select ${ids.A}, village_code, '孩子', '1', '433124202001010011', '2020-01-01', 'son'
      from household_key where id = ${ids.A}`.execute(tdb.db);
    await sql`update household_year set size = 3 where household_id = ${ids.A} and year = 2025`.execute(
      tdb.db,
    );
    const m = await get('cty', url);
    expect(m.persons).toBe(9);
  });
});

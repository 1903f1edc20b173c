import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { connect, type Database } from '../../src/db/database.js';
import { measuresRepository } from '../../src/modules/measurement/repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The measures cache of two server processes on one database (migration 033, docs/scaling.md): two
 * apps, each with its own pool and cache. Two two-person households at line 4000 in 2025: A (村A1)
 * 3,000 and D (村B1) 2,000 per person → headcount 1. D's income raised through app B to 5,000 per
 * person → 1/2 in both apps; A's raised by SQL and its change mark pruned → app A has missed the mark
 * and must read its store again whole → 0.
 */
let tdb: TestDatabase;
let second: Database;
const apps: Record<'a' | 'b', FastifyInstance> = {} as Record<'a' | 'b', FastifyInstance>;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};
const URL_ = `/api/measures?region=${T.county}&year=2025&line=4000`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'vilB', 'village_cadre', T.villageB1);
  ids.A = (
    await createHousehold(tdb.db, { village: T.villageA1, income: [{ year: 2025, perCapita: 3000 }] })
  ).id;
  ids.D = (
    await createHousehold(tdb.db, { village: T.villageB1, income: [{ year: 2025, perCapita: 2000 }] })
  ).id;
  second = connect(tdb.url, 5).db; // the second process's own pool
  apps.a = await testApp(tdb.db);
  apps.b = await testApp(second);
  cookies.cty = await login(apps.a, 'cty', 'test-password-1');
  cookies.vilB = await login(apps.b, 'vilB', 'test-password-1');
});

afterAll(async () => {
  await apps.a?.close();
  await apps.b?.close();
  await second?.destroy();
  await tdb?.drop();
});

const headcount = async (app: 'a' | 'b') => {
  const res = await apps[app].inject({ method: 'GET', url: URL_, headers: { cookie: cookies.cty! } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { poverty: { headcount: number } }).poverty.headcount;
};

describe('the measures cache across server processes', () => {
  it("a write through one process is seen by the other's cached measures; no mark is consumed", async () => {
    expect(await headcount('a')).toBe(1);
    expect(await headcount('b')).toBe(1);
    const { version } = await tdb.db
      .selectFrom('household')
      .select('version')
      .where('id', '=', ids.D!)
      .executeTakeFirstOrThrow();
    const res = await apps.b.inject({
      method: 'PUT',
      url: `/api/households/${ids.D}/years/2025`,
      payload: {
        version,
        wageIncome: 10000,
        businessIncome: 0,
        propertyIncome: 0,
        transferIncome: 0,
        productionCost: 0,
        reason: '年度收入核算',
      },
      headers: { cookie: cookies.vilB! },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await headcount('b')).toBe(0.5);
    expect(await headcount('a')).toBe(0.5); // B read the mark first: it is still there for A
    const marks = await sql<{ n: number }>`
      select count(*)::int as n from measures_change where village_code = ${T.villageB1}`.execute(tdb.db);
    expect(marks.rows[0]!.n).toBeGreaterThan(0);
  });

  it('a process whose marks were pruned reads its store again whole', async () => {
    expect(await headcount('a')).toBe(0.5);
    await sql`update household_year set wage_income = 10000, net_income = 10000, per_capita_income = 5000
      where household_id = ${ids.A} and year = 2025`.execute(tdb.db);
    // every mark older than the kept window: pruned, the floor raised above A's position
    await sql`update measures_change set changed_at = now() - interval '2 hours'`.execute(tdb.db);
    await measuresRepository.pruneChanges(tdb.db, 60);
    const left = await sql<{ n: number }>`select count(*)::int as n from measures_change`.execute(tdb.db);
    expect(left.rows[0]!.n).toBe(0);
    expect(await headcount('a')).toBe(0);
    expect(await headcount('b')).toBe(0);
  });
});

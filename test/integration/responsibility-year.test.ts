import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * The dashboard's responsibility block follows the year selector (issue 20 item 6):
 * GET /api/responsibility/summary?year=Y reads a past year as of its last day — the households' statuses
 * of that year, the cadres assigned and the visits made by then — and the current year as of today.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';
const now = new Date('2026-03-02T02:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  // poor in 2019 and 2020, exited since (not needing a cadre now); a cadre only from 2021
  const exited = await createHousehold(db, {
    village: T.villageA1,
    status: 'exited',
    income: [
      { year: 2019, perCapita: 3000, status: 'poor' },
      { year: 2020, perCapita: 6000, status: 'poor' },
      { year: 2025, perCapita: 12000, status: 'exited' },
    ],
  });
  // poor then and now, with a cadre since 2018 and a visit in 2019
  const poor = await createHousehold(db, {
    village: T.villageA1,
    status: 'poor',
    income: [
      { year: 2019, perCapita: 3000, status: 'poor' },
      { year: 2025, perCapita: 3500, status: 'poor' },
    ],
  });
  // monitored now, not then (none in 2019): needs a cadre now and has none
  await createHousehold(db, {
    village: T.villageA1,
    status: 'monitored',
    income: [
      { year: 2019, perCapita: 9000, status: 'none' },
      { year: 2025, perCapita: 5000, status: 'monitored' },
    ],
  });
  // poor in 2019 only (not registered now), never given a cadre
  await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    income: [
      { year: 2019, perCapita: 2500, status: 'poor' },
      { year: 2025, perCapita: 15000, status: 'none' },
    ],
  });
  const cadre = await db
    .insertInto('cadre')
    .values({ name: '龙干部', region_code: T.county, unit_level: 'county', work_unit: '县农业农村局' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('cadre_assignment')
    .values([
      { cadre_id: cadre.id, household_id: exited.id, start_date: '2021-03-01', reason: '结对帮扶' },
      { cadre_id: cadre.id, household_id: poor.id, start_date: '2018-05-01', reason: '结对帮扶' },
    ])
    .execute();
  await createUser(db, 'cty', 'county_officer', T.county);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  cookie = await login(app, 'cty', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const summary = async (query: string) => {
  const res = await app.inject({
    method: 'GET',
    url: `/api/responsibility/summary?region=${T.county}${query}`,
    headers: { cookie },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    asOf: string;
    cadres: { householdsNeeding: number; householdsWithout: number };
    plans: { year: number };
  };
};

describe('the responsibility summary by year', () => {
  it('today: the registry as it is (poor and monitored need a cadre; the monitored one has none)', async () => {
    const s = await summary('');
    expect(s.asOf).toBe('2026-03-02');
    expect(s.cadres).toMatchObject({ householdsNeeding: 2, householdsWithout: 1 });
    expect(await summary('&year=2026')).toEqual(s);
  });

  it('2019: as of its last day — the three poor households of that year, two without a cadre yet', async () => {
    const s = await summary('&year=2019');
    expect(s.asOf).toBe('2019-12-31');
    expect(s.plans.year).toBe(2019);
    expect(s.cadres).toMatchObject({ householdsNeeding: 3, householdsWithout: 2 });
  });

  it('a year without registry rows counts nothing rather than today', async () => {
    const s = await summary('&year=2016');
    expect(s.cadres).toMatchObject({ householdsNeeding: 0, householdsWithout: 0 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';
import type { Database } from '../../src/db/database.js';

/**
 * What worked (issue 21 item 4; docs/what-worked.md) through HTTP on a small built township, figures by
 * hand below. Today is 2026-03-02, so 2025 is the last complete year. Every household: cause illness,
 * two persons, poor in 2023 at 3,000 yuan a person (one stratum in township A).
 * - treated (a health measure delivered in 2024), 6 in township A: 4 exited at 5,000 in 2024, 2 still
 *   poor at 3,400; one more in township B, with no comparison household there;
 * - comparison, 6 in township A with a plan in 2024 (an industry measure): 2 exited at 5,000, 4 still
 *   poor at 3,300; a seventh without a plan, exited at 5,000 (only in the comparison with every household);
 * - one more household in A whose health measure was cancelled: in neither group.
 * Horizon 1, assisted comparison: income change treated (4·2000 + 2·400) / 6 = 1466.67, comparison
 * (2·2000 + 4·300) / 6 = 866.67, difference 600; lasting exit 4/6 against 2/6, difference 1/3.
 * Every household: comparison (5200 + 2000) / 7 = 1028.57, difference 438.10; lasting exit 3/7.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

async function planMeasure(db: Database, householdId: string, status: string, type = 'health') {
  const plan = await db
    .insertInto('household_plan')
    .values({ household_id: householdId, year: 2024 })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plan_measure')
    .values({
      plan_id: plan.id,
      household_id: householdId,
      catalogue_code: type === 'health' ? 'family_doctor' : 'industry_subsidy',
      measure_type: type,
      batch: type === 'health' ? 'social_security' : 'production',
      start_date: '2024-02-01',
      status,
    })
    .execute();
}

const path = (later: { perCapita: number; status: string }) => [
  { year: 2023, perCapita: 3000, status: 'poor' },
  { year: 2024, ...later },
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const exited = { perCapita: 5000, status: 'exited' };
  for (let i = 0; i < 6; i++) {
    const later = i < 4 ? exited : { perCapita: 3400, status: 'poor' };
    const h = await createHousehold(db, { village: T.villageA1, status: later.status, income: path(later) });
    await planMeasure(db, h.id, i % 2 ? 'completed' : 'in_progress');
  }
  const b = await createHousehold(db, { village: T.villageB1, income: path(exited) });
  await planMeasure(db, b.id, 'completed');
  for (let i = 0; i < 6; i++) {
    const later = i < 2 ? exited : { perCapita: 3300, status: 'poor' };
    const c = await createHousehold(db, { village: T.villageA2, status: later.status, income: path(later) });
    await planMeasure(db, c.id, 'completed', 'industry');
  }
  await createHousehold(db, { village: T.villageA2, status: 'exited', income: path(exited) });
  const cancelled = await createHousehold(db, { village: T.villageA2, income: path(exited) });
  await planMeasure(db, cancelled.id, 'cancelled');
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twnb', 'township_officer', T.townshipB);
  await createUser(db, 'prov', 'county_officer', T.province);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => new Date('2026-03-02T02:00:00Z')),
  });
  await app.ready();
  for (const u of ['cty', 'twnb', 'prov']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

interface Estimate {
  treated: number;
  comparison: number;
  treatedMean: number | null;
  comparisonMean: number | null;
  difference: number | null;
  low: number | null;
  high: number | null;
  hidden: boolean;
}
interface Cell {
  kind: string;
  cause: string;
  startYear: number | null;
  treated: number;
  matchedTreated: number;
  comparisonHouseholds: number;
  tooRecent: number;
  hidden: boolean;
  outcomes: Record<'incomeChange' | 'lastingExit' | 'entered', Estimate>;
}
const get = (user: string, query: string) =>
  app.inject({ method: 'GET', url: `/api/outcomes?${query}`, headers: { cookie: cookies[user]! } });

describe('what worked', () => {
  it('compares the treated with matched households of the same township', async () => {
    const res = await get('cty', 'horizon=1&minCell=5');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ lastYear: number; households: number; cells: Cell[] }>();
    expect(body.lastYear).toBe(2025);
    expect(body.households).toBe(15);
    const all = body.cells.find((c) => c.kind === 'health' && c.cause === '*' && c.startYear === null)!;
    expect(all).toMatchObject({ treated: 7, matchedTreated: 6, comparisonHouseholds: 6, hidden: false });
    const inc = all.outcomes.incomeChange;
    expect(inc.treatedMean).toBeCloseTo(8800 / 6, 6);
    expect(inc.comparisonMean).toBeCloseTo(5200 / 6, 6);
    expect(inc.difference).toBeCloseTo(600, 6);
    expect(inc.low!).toBeLessThan(600);
    expect(inc.high!).toBeGreaterThan(600);
    expect(all.outcomes.lastingExit.difference).toBeCloseTo(1 / 3, 10);
    expect(all.outcomes.entered.hidden).toBe(true); // nobody was outside at baseline
    expect(body.cells.some((c) => c.cause === 'illness' && c.kind === 'health')).toBe(true);
  });

  it('compares with every household without the measure on request', async () => {
    const body = (await get('cty', 'horizon=1&minCell=5&comparison=all')).json<{ cells: Cell[] }>();
    const all = body.cells.find((c) => c.kind === 'health' && c.cause === '*' && c.startYear === null)!;
    expect(all).toMatchObject({ matchedTreated: 6, comparisonHouseholds: 7 });
    expect(all.outcomes.incomeChange.comparisonMean).toBeCloseTo(7200 / 7, 6);
    expect(all.outcomes.incomeChange.difference).toBeCloseTo(8800 / 6 - 7200 / 7, 6);
    expect(all.outcomes.lastingExit.comparisonMean).toBeCloseTo(3 / 7, 10);
  });

  it('reads outcomes only up to the last complete year', async () => {
    // horizon 3: the 2024 measures' baseline 2023 + 3 = 2026 is after 2025, the last complete year
    const all = (await get('cty', 'horizon=3&minCell=5')).json<{ cells: Cell[] }>().cells[0]!;
    expect(all).toMatchObject({ kind: 'health', treated: 0, tooRecent: 7, hidden: true });
  });

  it('keeps to the user’s region and hides small groups', async () => {
    const res = await get('twnb', 'horizon=1');
    expect(res.statusCode).toBe(200);
    const all = res.json<{ households: number; cells: Cell[] }>();
    expect(all.households).toBe(1);
    expect(all.cells[0]).toMatchObject({ treated: 1, matchedTreated: 0, hidden: true });
    expect(all.cells[0]!.outcomes.incomeChange.difference).toBeNull();
    expect((await get('twnb', `region=${T.townshipA}`)).statusCode).toBe(403);
  });

  it('names the catalogue measures when compared by measure', async () => {
    const body = (await get('cty', 'by=measure&horizon=1&minCell=5')).json<{
      names: { code: string; nameZh: string }[];
      cells: Cell[];
    }>();
    expect(body.cells.map((c) => c.kind)).toContain('family_doctor');
    expect(body.names.find((n) => n.code === 'family_doctor')?.nameZh).toBe('家庭医生签约服务');
  });

  it('refuses a region wider than a county and bad parameters, naming the field', async () => {
    const wide = await get('prov', '');
    expect(wide.statusCode).toBe(400);
    expect(wide.json<{ details: { field: string; messageZh: string } }>().details).toMatchObject({
      field: 'region',
      messageZh: expect.stringContaining('县'),
    });
    expect((await get('prov', `region=${T.county}&horizon=1&minCell=5`)).statusCode).toBe(200);
    for (const q of ['horizon=0', 'horizon=9', 'minCell=1', 'by=cause', 'region=12x', 'comparison=none']) {
      const res = await get('cty', q);
      expect(res.statusCode, q).toBe(400);
    }
  });
});

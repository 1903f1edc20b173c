import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { plansDemo } from '../../src/demo/seeders/plans.js';
import { createPlanService } from '../../src/modules/plans/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { clockOf } from '../../src/kernel/clock.js';

/** The plans demo extension on a small demo county: volume, imperfections, determinism. */

let tdb: TestDatabase;
let db: Database;
const TODAY = new Date('2026-11-28T08:00:00Z');
const admin = { id: '0', username: 'admin', displayName: 'admin', role: 'admin' as const, scopeCode: '' };

const REGIONS = [
  { code: '43', level: 1, parent_code: null, name: '湖南省' },
  { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
  { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
  { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
  { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
  { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
];

const ctx = () => ({ db, countyCode: '433124', seed: 42, scale: 0.02, today: TODAY, log: () => {} });
const rows = async <T>(q: string) => (await sql<T>`${sql.raw(q)}`.execute(db)).rows;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await db.insertInto('region').values(REGIONS).execute();
  await generateDemo(db, { countyCode: '433124', seed: 42, scale: 0.02 });
  await runDemoExtensions(ctx(), [plansDemo]);
}, 180_000);

afterAll(async () => tdb?.drop());

describe('plans demo', () => {
  it('gives most registered and monitored households a plan in each of the last three years', async () => {
    const [c] = await rows<{ eligible: number; planned: number }>(`
      select count(*)::int as eligible,
        count(*) filter (where exists (select 1 from household_plan p where p.household_id = h.id and p.year = 2026))::int as planned
      from household h where h.status in ('poor', 'returned', 'monitored', 'exited')`);
    expect(c!.eligible).toBeGreaterThan(50);
    expect(c!.planned / c!.eligible).toBeGreaterThan(0.85);
    expect(c!.planned / c!.eligible).toBeLessThan(0.99);
    const years = await rows<{ year: number }>('select distinct year from household_plan order by year');
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026]);
    const none = await rows<{ n: number }>(
      `select count(*)::int as n from household_plan p join household h on h.id = p.household_id where h.status in ('none', 'risk_removed')`,
    );
    expect(none[0]!.n).toBe(0);
  });

  it('plants realistic gaps: about 5–8 % of plans do not fit, current plans not all agreed, a few overdue', async () => {
    const s = await createPlanService(
      db,
      clockOf(() => TODAY),
    ).summary(admin, { region: '433124', year: 2026 });
    const share = s.notFitting / s.plans;
    expect(share).toBeGreaterThan(0.035);
    expect(share).toBeLessThan(0.1);
    expect(s.draft).toBeGreaterThan(0);
    expect(s.agreed / s.plans).toBeGreaterThan(0.6);
    expect(s.overdue).toBeGreaterThan(0);
    expect(s.overdue).toBeLessThan(0.2 * (s.measures.planned + s.measures.in_progress));
    for (const st of ['planned', 'in_progress', 'completed', 'cancelled'] as const)
      expect(s.measures[st], st).toBeGreaterThan(0);
    const past = await createPlanService(
      db,
      clockOf(() => TODAY),
    ).summary(admin, { region: '433124', year: 2024 });
    expect(
      past.measures.completed / (past.measures.planned + past.measures.in_progress + past.measures.completed),
    ).toBeGreaterThan(0.9);
    const completedWithoutOutcome = await rows<{ n: number }>(
      `select count(*)::int as n from plan_measure where status = 'completed' and outcome is null`,
    );
    expect(completedWithoutOutcome[0]!.n).toBe(0);
    const amounts = await rows<{ lo: string; hi: string }>(
      `select min(amount)::text as lo, max(amount)::text as hi from plan_measure where amount > 0`,
    );
    expect(Number(amounts[0]!.lo)).toBeGreaterThanOrEqual(100);
    expect(Number(amounts[0]!.hi)).toBeLessThanOrEqual(80000);
  });

  it('is deterministic from the seed and reruns cleanly', async () => {
    const before = await rows<{ h: string }>(
      `select md5(string_agg(household_id || ':' || year || ':' || status, ',' order by household_id, year)) as h from household_plan`,
    );
    await plansDemo.clear(ctx());
    expect((await rows<{ n: number }>('select count(*)::int as n from plan_measure'))[0]!.n).toBe(0);
    await plansDemo.seed(ctx());
    const after = await rows<{ h: string }>(
      `select md5(string_agg(household_id || ':' || year || ':' || status, ',' order by household_id, year)) as h from household_plan`,
    );
    expect(after[0]!.h).toBe(before[0]!.h);
  });
});

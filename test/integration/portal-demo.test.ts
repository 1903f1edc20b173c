import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { plansDemo } from '../../src/demo/seeders/plans.js';
import { portalDemo } from '../../src/demo/seeders/portal.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { testApp } from '../helpers/app.js';

/** The portal demo extension on a small demo county: grievances in every state, ratings, the demo sign-in. */
let tdb: TestDatabase;
let app: FastifyInstance;
const TODAY = new Date('2026-11-28T08:00:00Z');
const REGIONS = [
  { code: '43', level: 1, parent_code: null, name: '湖南省' },
  { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
  { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
  { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
  { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
  { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
];
const ctx = () => ({
  db: tdb.db,
  countyCode: '433124',
  seed: 42,
  scale: 0.2,
  today: TODAY,
  log: () => {},
  password: 'jingzhun-demo',
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  await tdb.db.insertInto('region').values(REGIONS).execute();
  await generateDemo(tdb.db, { countyCode: '433124', seed: 42, scale: 0.2 });
  await runDemoExtensions(ctx(), [plansDemo, portalDemo]);
  app = await testApp(tdb.db);
}, 240_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('portal demo', () => {
  it('plants grievances in every state, some overdue and escalated, a few per thousand households', async () => {
    const r = await sql<{ state: string; n: number; escalated: number }>`
      select state, count(*)::int as n, count(escalated_at)::int as escalated from grievance group by state`.execute(
      tdb.db,
    );
    const by = Object.fromEntries(r.rows.map((x) => [x.state, x]));
    for (const s of ['received', 'acknowledged', 'resolved', 'closed'])
      expect(by[s]?.n ?? 0).toBeGreaterThan(0);
    const total = r.rows.reduce((a, x) => a + x.n, 0);
    const households = Number(
      (await sql<{ n: string }>`select count(*) as n from household`.execute(tdb.db)).rows[0]!.n,
    );
    expect(total / households).toBeGreaterThan(0.002);
    expect(total / households).toBeLessThan(0.01);
    expect(r.rows.reduce((a, x) => a + x.escalated, 0)).toBeGreaterThan(0);
    const ratings = (
      await sql<{
        n: number;
        mean: number;
      }>`select count(*)::int as n, avg(rating)::float8 as mean from help_rating`.execute(tdb.db)
    ).rows[0]!;
    expect(ratings.n).toBeGreaterThan(20);
    expect(ratings.mean).toBeGreaterThan(3.8);
    expect(ratings.mean).toBeLessThan(4.6);
  });

  it('lets the demo household of 十八洞村 sign in with the demo password', async () => {
    const h = await tdb.db
      .selectFrom('household')
      .innerJoin('portal_access', 'portal_access.household_id', 'household.id')
      .select(['household_no', 'village_code', 'status'])
      .executeTakeFirstOrThrow();
    expect(h.village_code).toBe('433124110226');
    expect(['poor', 'returned', 'monitored', 'exited']).toContain(h.status);
    const res = await app.inject({
      method: 'POST',
      url: '/api/portal/login',
      payload: { householdNo: h.household_no, code: 'jingzhun-demo' },
    });
    expect(res.statusCode).toBe(200);
    const cookie = `jz_portal=${res.cookies.find((c) => c.name === 'jz_portal')!.value}`;
    const me = await app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().card.plan).not.toBeNull();
  });
});

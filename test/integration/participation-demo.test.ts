import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { ensureDemoAccounts } from '../../src/demo/setup.js';
import { participationDemo } from '../../src/demo/seeders/participation.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { login, testApp } from '../helpers/app.js';

/** The participation demo extension on a small demo county: volume, kinds, states, the `org` account. */

let tdb: TestDatabase;
let db: Database;
const TODAY = new Date('2026-11-28T08:00:00Z');
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
  await runDemoExtensions(ctx(), [participationDemo]);
  await ensureDemoAccounts(db, '433124', 'demo-password-1');
}, 180_000);

afterAll(async () => tdb?.drop());

describe('participation demo', () => {
  it('has approved and pending organisations, needs of every kind in every state, products and income', async () => {
    const orgs = await rows<{ status: string; n: number }>(
      'select status, count(*)::int as n from organisation group by status order by status',
    );
    expect(orgs).toEqual([
      { status: 'approved', n: 8 },
      { status: 'pending', n: 1 },
    ]);
    const kinds = await rows<{ kind: string }>('select distinct kind from need order by kind');
    expect(kinds).toHaveLength(8);
    const states = await rows<{ status: string; n: number }>(
      'select status, count(*)::int as n from need group by status',
    );
    expect(states.map((s) => s.status).sort()).toEqual(['confirmed', 'delivered', 'open', 'pledged']);
    const total = states.reduce((a, s) => a + s.n, 0);
    const open = states.find((s) => s.status === 'open')!.n;
    expect(1 - open / total).toBeGreaterThan(0.5);
    expect(1 - open / total).toBeLessThan(0.9);
    const bad = await rows<{ n: number }>(
      `select count(*)::int as n from need n left join need_pledge p on p.need_id = n.id
       where (n.status = 'open') = (p.id is not null)`,
    );
    expect(bad[0]!.n).toBe(0);
    const inc = await rows<{ orders: number; income: string }>(
      `select (select count(*)::int from product_order where status = 'fulfilled') as orders,
        (select sum(amount) from product_income) as income`,
    );
    expect(inc[0]!.orders).toBeGreaterThan(0);
    expect(Number(inc[0]!.income)).toBeGreaterThan(0);
  });

  it('the demo account `org` signs in as its organisation and sees the board', async () => {
    const app = await testApp(db);
    try {
      const cookie = await login(app, 'org', 'demo-password-1');
      const me = await app.inject({ method: 'GET', url: '/api/org/me', headers: { cookie } });
      expect(me.json().name).toBe('花垣县爱心助农联合会');
      const board = await app.inject({
        method: 'GET',
        url: '/api/needs/board?status=open',
        headers: { cookie },
      });
      expect(board.json().total).toBeGreaterThan(0);
      expect(
        (await app.inject({ method: 'GET', url: '/api/households', headers: { cookie } })).statusCode,
      ).toBe(403);
    } finally {
      await app.close();
    }
  });

  it('is deterministic and can run again', async () => {
    const before = await rows<{ s: string }>(
      `select string_agg(title || amount || status, ',' order by id) as s from need`,
    );
    await participationDemo.clear(ctx());
    await participationDemo.seed(ctx());
    const after = await rows<{ s: string }>(
      `select string_agg(title || amount || status, ',' order by id) as s from need`,
    );
    expect(after[0]!.s).toBe(before[0]!.s);
  });
});

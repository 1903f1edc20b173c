import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { cadresDemo } from '../../src/demo/seeders/cadres.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/** The 'cadres' demo extension on a small generated county: realistic ratios, planted gaps, the login link. */

let tdb: TestDatabase;
let db: Database;

const REGIONS = [
  { code: '43', level: 1, parent_code: null, name: '湖南省' },
  { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
  { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
  { code: '433124109', level: 4, parent_code: '433124', name: '花垣镇' },
  { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
  { code: '433124109201', level: 5, parent_code: '433124109', name: '大龙村' },
  { code: '433124109202', level: 5, parent_code: '433124109', name: '小龙村' },
  { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
  { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
];
const n = async (q: ReturnType<typeof sql>) =>
  Number((await q.execute(db)).rows[0] && Object.values((await q.execute(db)).rows[0] as object)[0]);

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await db.insertInto('region').values(REGIONS).execute();
  await generateDemo(db, { countyCode: '433124', seed: 7, scale: 0.06 });
  await createUser(db, 'village', 'village_cadre', '433124110226');
}, 300_000);

afterAll(async () => tdb?.drop());

describe('cadres demo extension', () => {
  it('seeds cadres, assignments, teams and visits with realistic gaps, deterministically', async () => {
    const log: string[] = [];
    const ctx = {
      db,
      countyCode: '433124',
      seed: 7,
      scale: 0.06,
      today: new Date('2025-09-15T04:00:00Z'),
      log: (l: string) => log.push(l),
    };
    const t0 = performance.now();
    expect(await runDemoExtensions(ctx, [cadresDemo])).toEqual(['cadres']);
    const ms = performance.now() - t0;
    console.log(log.join('\n'), `\n${ms.toFixed(0)} ms`);

    const needing = await n(
      sql`select count(*) from household where status in ('poor','returned','monitored')`,
    );
    const planned = await n(
      sql`select count(*) from household where status in ('poor','returned','monitored','exited','risk_removed')`,
    );
    const withCurrent = await n(sql`select count(*) from cadre_assignment where end_date is null`);
    const cadres = await n(sql`select count(*) from cadre`);
    const without =
      await n(sql`select count(*) from household h where status in ('poor','returned','monitored')
      and not exists (select 1 from cadre_assignment a where a.household_id = h.id and a.end_date is null)`);
    const handovers = await n(
      sql`select count(distinct household_id) from cadre_assignment where end_date is not null`,
    );
    const overdueish =
      await n(sql`select count(*) from household h where status in ('poor','returned','monitored','exited','risk_removed')
      and not exists (select 1 from visit v where v.household_id = h.id and v.visit_date > date '2025-09-15' - 200)`);
    console.log({ needing, planned, withCurrent, cadres, without, handovers, overdueish });
    expect(needing).toBeGreaterThan(0);
    // one cadre per ~5–8 households with a plan
    expect(withCurrent / cadres).toBeGreaterThan(4);
    expect(withCurrent / cadres).toBeLessThan(9);
    // a few % of the households that need a cadre have none; some hand-overs
    expect(without).toBeLessThan(Math.max(3, needing * 0.1));
    expect(handovers).toBeGreaterThan(planned * 0.1);
    // teams in poor villages, visits recent for most
    const poorVillages = await n(sql`select count(*) from region where level = 5 and is_poor_village`);
    const teams = await n(sql`select count(*) from work_team where end_date is null`);
    expect(teams).toBeLessThanOrEqual(poorVillages);
    expect(await n(sql`select count(*) from visit`)).toBeGreaterThan(planned * 3);
    expect(await n(sql`select count(*) from visit where visit_date > date '2025-09-15'`)).toBe(0);
    expect(overdueish).toBeLessThan(planned * 0.2);
    expect(overdueish).toBeGreaterThan(0);
    // the demo login `village` is linked to a cadre with households in 十八洞村
    const linked = await sql<{
      n: string;
    }>`select count(*) as n from cadre c join app_user u on u.id = c.user_id
      join cadre_assignment a on a.cadre_id = c.id and a.end_date is null
      join household h on h.id = a.household_id
      where u.username = 'village' and h.village_code = '433124110226'`.execute(db);
    expect(Number(linked.rows[0]!.n)).toBeGreaterThan(0);

    // rerun: cleared and seeded again, same counts (deterministic)
    const before = await n(sql`select count(*) from visit`);
    await db.deleteFrom('app_meta').where('key', 'like', 'demo-ext:433124:%').execute();
    await runDemoExtensions(ctx, [cadresDemo]);
    expect(await n(sql`select count(*) from visit`)).toBe(before);
    expect(await n(sql`select count(*) from cadre`)).toBe(cadres);
  });

  it('serves "my households" to the linked village account', async () => {
    const app = await testApp(db);
    try {
      const cookie = await login(app, 'village', 'test-password-1');
      const res = await app.inject({ method: 'GET', url: '/api/cadres/me', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().households.length).toBeGreaterThan(0);
      const t0 = performance.now();
      const s = await app.inject({
        method: 'GET',
        url: '/api/responsibility/summary?region=433124',
        headers: { cookie: await login(app, 'village', 'test-password-1') },
      });
      expect(s.statusCode).toBe(403);
      console.log(`summary ${(performance.now() - t0).toFixed(0)} ms`);
    } finally {
      await app.close();
    }
  });
});

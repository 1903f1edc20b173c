import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { runDemoExtensions } from '../../src/demo/extensions.js';
import { generateDemo } from '../../src/demo/service.js';
import { evaluationDemo } from '../../src/demo/seeders/evaluation.js';

/** Third-party evaluation: draw a sample, record field checks, design-based estimates and verdict. */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

interface Item {
  householdId: string;
  villageCode: string;
  stratum: string;
  weight: number;
  checkStatus: string;
  version: number;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  for (const village of [T.villageA1, T.villageA2, T.villageB1]) {
    for (let i = 0; i < 6; i++)
      await createHousehold(tdb.db, { village, status: 'exited', type: 'exited', cause: null });
    await createHousehold(tdb.db, { village, status: 'none', type: 'dibao', cause: null });
    await createHousehold(tdb.db, {
      village,
      status: 'none',
      type: 'ordinary',
      cause: null,
      members: [{ name: '大病户', sex: '1', birth: '1975-02-03', relation: 'head', health: 'serious' }],
    });
    for (let i = 0; i < 5; i++)
      await createHousehold(tdb.db, { village, status: 'none', type: 'ordinary', cause: null });
    await createHousehold(tdb.db, { village, status: 'poor' }); // not in the frame
  }
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'township', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'village', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  for (const u of ['county', 'township', 'village']) cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

const design = {
  region: T.county,
  year: 2025,
  villagesPerTownship: 1,
  exitedPerVillage: 3,
  otherPerVillage: 2,
};

async function itemsOf(user: string, id: string): Promise<Item[]> {
  const res = await call(user, 'GET', `/api/evaluation/samples/${id}/households?pageSize=200`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('evaluation samples', () => {
  let sampleId: string;

  it('draws villages by township and households by stratum, deterministically for a seed', async () => {
    const res = await call('county', 'POST', '/api/evaluation/samples', { ...design, seed: 's1' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    sampleId = body.id;
    expect(body.villages).toBe(2); // one of the two villages of 双龙镇, the only one of 花垣镇
    expect(body.byStratum).toEqual({ exited: 6, outside_vulnerable: 4, outside_other: 4 });
    const again = await call('county', 'POST', '/api/evaluation/samples', { ...design, seed: 's1' });
    const ids = (items: Item[]) => items.map((i) => i.householdId).sort();
    expect(ids(await itemsOf('county', again.json().id))).toEqual(ids(await itemsOf('county', sampleId)));
    const items = await itemsOf('county', sampleId);
    const a = items.find((i) => i.villageCode.startsWith(T.townshipA) && i.stratum === 'exited')!;
    expect(a.weight).toBeCloseTo(2 * (6 / 3), 12); // 2 villages / 1 sampled × 6 exited / 3 sampled
    const b = items.find((i) => i.villageCode === T.villageB1 && i.stratum === 'outside_vulnerable')!;
    expect(b.weight).toBeCloseTo(1, 12);
    expect((await auditEventsOf(tdb.db, 'evaluation.sample')).length).toBe(2);
  });

  it('refuses drawing to lower levels, outside the scope, and below county level', async () => {
    expect((await call('township', 'POST', '/api/evaluation/samples', design)).statusCode).toBe(403);
    expect((await call('village', 'POST', '/api/evaluation/samples', design)).statusCode).toBe(403);
    const out = await call('county', 'POST', '/api/evaluation/samples', { ...design, region: '433125' });
    expect(out.statusCode).toBe(403);
    const township = await call('county', 'POST', '/api/evaluation/samples', {
      ...design,
      region: T.townshipA,
    });
    expect(township.statusCode).toBe(400);
    expect(township.json().message).toMatch(/county/);
    const bad = await call('county', 'POST', '/api/evaluation/samples', {
      ...design,
      villagesPerTownship: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/villagesPerTownship/);
  });

  it('records field checks with the answers each stratum needs, and refuses stale writes', async () => {
    const items = await itemsOf('county', sampleId);
    const exited = items.find((i) => i.stratum === 'exited')!;
    const url = `/api/evaluation/samples/${sampleId}/households/${exited.householdId}`;
    const missing = await call('county', 'PUT', url, {
      version: exited.version,
      checkStatus: 'checked',
      approves: true,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/wronglyExited/);
    const wrongField = await call('county', 'PUT', url, {
      version: exited.version,
      checkStatus: 'checked',
      wronglyExited: false,
      eligibleUnregistered: true,
      approves: true,
    });
    expect(wrongField.statusCode).toBe(400);
    const ok = await call('county', 'PUT', url, {
      version: exited.version,
      checkStatus: 'checked',
      wronglyExited: false,
      approves: true,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await call('county', 'PUT', url, {
      version: exited.version,
      checkStatus: 'checked',
      wronglyExited: true,
      approves: true,
    });
    expect(stale.statusCode).toBe(409);
    const inB = items.find((i) => i.villageCode === T.villageB1)!;
    const outside = await call(
      'township',
      'PUT',
      `/api/evaluation/samples/${sampleId}/households/${inB.householdId}`,
      {
        version: inB.version,
        checkStatus: 'unreachable',
      },
    );
    expect(outside.statusCode).toBe(404);
    expect((await call('village', 'PUT', url, { version: 2, checkStatus: 'unreachable' })).statusCode).toBe(
      403,
    );
    // the township officer sees only the part of the county sample in its township
    const own = await itemsOf('township', sampleId);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((i) => i.villageCode.startsWith(T.townshipA))).toBe(true);
  });

  it('estimates the rates with their intervals from the checks, and vetoes the exit', async () => {
    // one check so far: "not enough checks yet" rather than a verdict, with the coverage that says why
    const early = (await call('county', 'GET', `/api/evaluation/samples/${sampleId}/estimates`)).json();
    expect(early.verdict.decision).toBe('insufficient');
    expect(early.coverage.enough).toBe(false);
    expect(early.coverage.minShare).toBe(0.8);
    expect(early.coverage.groups.find((g: { group: string }) => g.group === 'exited').checked).toBe(1);
    const items = await itemsOf('county', sampleId);
    const wrong = items.find((i) => i.stratum === 'exited' && i.villageCode.startsWith(T.townshipA))!;
    for (const i of items) {
      const fresh = (await itemsOf('county', sampleId)).find((x) => x.householdId === i.householdId)!;
      const answers =
        i.stratum === 'exited'
          ? { wronglyExited: i.householdId === wrong.householdId }
          : { eligibleUnregistered: false };
      const res = await call(
        'county',
        'PUT',
        `/api/evaluation/samples/${sampleId}/households/${i.householdId}`,
        {
          version: fresh.version,
          checkStatus: 'checked',
          approves: true,
          ...answers,
        },
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const res = await call('township', 'GET', `/api/evaluation/samples/${sampleId}/estimates`);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    // exited: 3 in the 双龙镇 village at w = 4, 3 in 花垣镇's at w = 2; one wrong exit at w = 4
    expect(e.overall.wrongExit.estimate).toBeCloseTo(4 / 18, 12);
    expect(e.overall.wrongExit.population).toBeCloseTo(18, 12);
    expect(e.overall.omission.estimate).toBe(0);
    expect(e.overall.approval.estimate).toBe(1);
    expect(e.overall.wrongExit.ciLow).toBeLessThan(4 / 18);
    expect(e.overall.wrongExit.ciHigh).toBeGreaterThan(4 / 18);
    expect(e.progress).toEqual({ total: 14, checked: 14, unreachable: 0 });
    expect(e.coverage.enough).toBe(true);
    expect(e.verdict.decision).toBe('vetoed');
    expect(
      e.verdict.reasons.find((r: { criterion: string }) => r.criterion === 'wrong_exit_rate').passed,
    ).toBe(false);
    expect(e.townships.map((t: { code: string }) => t.code).sort()).toEqual(
      [T.townshipB, T.townshipA].sort(),
    );
    expect((await auditEventsOf(tdb.db, 'evaluation.check')).length).toBe(15);
  });

  it('lists the samples of the county, also to its township officers', async () => {
    const res = await call('township', 'GET', '/api/evaluation/samples');
    expect(res.statusCode).toBe(200);
    expect(res.json().map((s: { id: string }) => s.id)).toContain(sampleId);
    expect(res.json().find((s: { id: string }) => s.id === sampleId).done).toBe(14);
  });
});

describe('the demo evaluation sample', () => {
  let demo: TestDatabase;
  let demoApp: FastifyInstance;

  beforeAll(async () => {
    demo = await createTestDatabase();
    await demo.db
      .insertInto('region')
      .values([
        { code: '43', level: 1, parent_code: null, name: '湖南省' },
        { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
        { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
        { code: '433124109', level: 4, parent_code: '433124', name: '花垣镇' },
        { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
        { code: '433124109201', level: 5, parent_code: '433124109', name: '大龙村' },
        { code: '433124109202', level: 5, parent_code: '433124109', name: '测试村' },
        { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
        { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
        { code: '433124110202', level: 5, parent_code: '433124110', name: '测试二村' },
      ])
      .execute();
    await generateDemo(demo.db, { countyCode: '433124', seed: 42, scale: 0.02 });
    await createUser(demo.db, 'county', 'county_officer', '433124');
    demoApp = await testApp(demo.db);
  }, 180_000);

  afterAll(async () => {
    await demoApp?.close();
    await demo?.drop();
  });

  it('is drawn once by the demo extension, with checks recorded, and gives estimates', async () => {
    const ctx = {
      db: demo.db,
      countyCode: '433124',
      seed: 42,
      scale: 0.02,
      today: new Date(),
      log: () => {},
    };
    expect(await runDemoExtensions(ctx, [evaluationDemo])).toEqual(['evaluation']);
    expect(await runDemoExtensions(ctx, [evaluationDemo])).toEqual([]); // marker: not drawn twice
    const cookie = await login(demoApp, 'county', 'test-password-1');
    const list = await demoApp.inject({ method: 'GET', url: '/api/evaluation/samples', headers: { cookie } });
    expect(list.json()).toHaveLength(1);
    const [s] = list.json();
    expect(s.villages ?? s.households).toBeGreaterThan(0);
    expect(s.done).toBeGreaterThan(0);
    expect(s.done).toBeLessThan(s.households); // some left pending for the evaluator
    const est = await demoApp.inject({
      method: 'GET',
      url: `/api/evaluation/samples/${s.id}/estimates`,
      headers: { cookie },
    });
    expect(est.statusCode, est.body).toBe(200);
    const e = est.json();
    expect(e.overall.wrongExit.respondents).toBeGreaterThan(0);
    expect(e.overall.approval.estimate).toBeGreaterThan(0.8);
    expect(['may_exit', 'not_yet', 'vetoed', 'insufficient']).toContain(e.verdict.decision);
    expect(e.verdict.decision === 'insufficient').toBe(!e.coverage.enough);
    // the list and the estimates count the same checked households
    expect(s.checked).toBe(e.progress.checked);
    expect(s.done).toBe(e.progress.checked + e.progress.unreachable);
    expect(e.incidence.ruralPopulation).toBeGreaterThan(0);
  });
});

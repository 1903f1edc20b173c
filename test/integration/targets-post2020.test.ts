import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  auditEventsOf,
  createHousehold,
  createUser,
  membersOf,
  seedRegions,
  T,
  insertStatusHistory,
} from '../helpers/factory.js';

/**
 * Post-2020 target indicators (issue 21 item 6): each kind's progress computed from a small registry
 * built here (the expected figures worked out by hand in the comments), and splits of counted and
 * rate kinds down to villages. Year 2024: monitoring line 1.5 × 4,400 = 6,600 yuan.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const Y = 2024;

const history = (household_id: string, rows: [string, string][]) =>
  insertStatusHistory(tdb.db, household_id, rows);

const income = (
  household_id: string,
  village_code: string,
  year: number,
  perCapita: number,
  status: string,
) =>
  tdb.db
    .insertInto('household_year')
    .values({
      household_id,
      year,
      village_code,
      size: 2,
      status,
      net_income: perCapita * 2,
      per_capita_income: perCapita,
    })
    .execute();

const labour = (household_id: string, capacity: string) =>
  tdb.db
    .updateTable('member')
    .set({ labour_capacity: capacity })
    .where('household_id', '=', household_id)
    .execute();

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  const now = new Date().toISOString();
  // H1 (A1): exited 2019, monitored from 2024-03; no one can work; on dibao from 2024-04.
  const h1 = await createHousehold(tdb.db, { village: T.villageA1, status: 'monitored', income: [] });
  await history(h1.id, [
    ['exited', '2019-06-01'],
    ['monitored', '2024-03-01'],
  ]);
  await income(h1.id, T.villageA1, 2023, 5000, 'exited');
  await income(h1.id, T.villageA1, Y, 5500, 'monitored');
  await tdb.db
    .insertInto('assistance_roll')
    .values({
      programme: 'dibao',
      household_id: h1.id,
      village_code: T.villageA1,
      category: 'A',
      persons: 2,
      monthly_amount: 600,
      state: 'active',
      start_month: '2024-04-01',
      created_at: now,
      updated_at: now,
    })
    .execute();
  // H2 (A2): monitored since 2023-05, can work, has a measure.
  const h2 = await createHousehold(tdb.db, { village: T.villageA2, status: 'monitored', income: [] });
  await history(h2.id, [['monitored', '2023-05-01']]);
  await income(h2.id, T.villageA2, Y, 4000, 'monitored');
  await labour(h2.id, 'ordinary');
  const plan = await tdb.db
    .insertInto('household_plan')
    .values({ household_id: h2.id, year: Y })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('plan_measure')
    .values({
      plan_id: plan.id,
      household_id: h2.id,
      catalogue_code: 'skills_training',
      measure_type: 'employment',
      batch: 'production',
      start_date: '2024-04-01',
    })
    .execute();
  // H3 (B1): an ordinary household below the line, not monitored: the coverage's gap.
  const h3 = await createHousehold(tdb.db, { village: T.villageB1, status: 'none', income: [] });
  await income(h3.id, T.villageB1, Y, 3000, 'none');
  // H4 (B1): monitored 2022, risk removed 2024-08; no one can work, no roll; income above the line.
  const h4 = await createHousehold(tdb.db, { village: T.villageB1, status: 'risk_removed', income: [] });
  await history(h4.id, [
    ['monitored', '2022-02-01'],
    ['risk_removed', '2024-08-01'],
  ]);
  await income(h4.id, T.villageB1, Y, 8000, 'risk_removed');
  // H5 (A1): exited 2018, incomes 6,000 → 7,200; one member worked six months in 2024.
  const h5 = await createHousehold(tdb.db, { village: T.villageA1, status: 'exited', income: [] });
  await history(h5.id, [['exited', '2018-09-01']]);
  await income(h5.id, T.villageA1, 2023, 6000, 'exited');
  await income(h5.id, T.villageA1, Y, 7200, 'exited');
  // H6 (A1): poor, never exited; its employed member is not exited labour.
  const h6 = await createHousehold(tdb.db, { village: T.villageA1, status: 'poor', income: [] });
  await income(h6.id, T.villageA1, Y, 2500, 'poor');
  for (const [h, months] of [
    [h5, 6],
    [h6, 8],
  ] as const) {
    const [m] = await membersOf(tdb.db, h.id);
    await tdb.db
      .insertInto('member_employment')
      .values({
        village_code: T.villageA1,
        household_id: h.id,
        member_id: m!.id,
        year: Y,
        place: '浙江省宁波市',
        reach: 'out_of_province',
        months,
        income: months * 4000,
        observed_on: '2024-12-01',
        source: 'cadre',
        recorded_at: now,
      })
      .execute();
  }
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  await createUser(tdb.db, 'townA', 'township_officer', T.townshipA);
  app = await testApp(tdb.db);
  for (const u of ['county', 'townA']) cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

type Node = {
  code: string;
  indicators: { indicator: string; actual: number | null; target: number | null }[];
};
const actual = (n: Node, k: string) => n.indicators.find((i) => i.indicator === k)?.actual;
const get = async (user: string, region: string) => {
  const res = await call(user, 'GET', `/api/targets?region=${region}&year=${Y}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('post-2020 indicators computed from the registry', () => {
  it('shows the post-2020 kinds for 2024 with their units, and the pre-2020 ones for 2019', async () => {
    const tree = await get('county', T.county);
    expect(tree.indicatorKinds.map((k: { kind: string }) => k.kind)).toEqual([
      'monitoring_coverage',
      'risks_removed',
      'employed_labour',
      'exited_income_growth',
      'measure_coverage',
      'dibao_linkage',
    ]);
    expect(tree.indicatorKinds.find((k: { kind: string }) => k.kind === 'risks_removed')).toMatchObject({
      unit: 'households',
      aggregation: 'sum',
      binding: false,
    });
    expect(tree.monitoringLine).toBe(6600);
    const old = (await call('county', 'GET', `/api/targets?region=${T.county}&year=2019`)).json();
    expect(old.indicatorKinds.map((k: { kind: string }) => k.kind)).toEqual([
      'exit_households',
      'exit_persons',
      'measure_households',
    ]);
    // H1 exited in 2019
    expect(actual(old.node, 'exit_households')).toBe(1);
  });

  it('computes each kind for the county and each township', async () => {
    const tree = await get('county', T.county);
    const A = tree.children.find((c: Node) => c.code === T.townshipA);
    const B = tree.children.find((c: Node) => c.code === T.townshipB);
    // below 6,600 and not poor: H1 5,500, H2 4,000, H3 3,000 (H6 is poor, H4 and H5 above); H1, H2 monitored → 2/3
    expect(actual(tree.node, 'monitoring_coverage')).toBe(66.7);
    expect(actual(A, 'monitoring_coverage')).toBe(100);
    expect(actual(B, 'monitoring_coverage')).toBe(0);
    // H4's removal in 2024, in township B
    expect(actual(tree.node, 'risks_removed')).toBe(1);
    expect(actual(B, 'risks_removed')).toBe(1);
    expect(actual(A, 'risks_removed')).toBe(0);
    // H5's member (exited); H6's member is from a poor household
    expect(actual(tree.node, 'employed_labour')).toBe(1);
    // exited before 2024 with both years: H1 (10,000 → 11,000) and H5 (12,000 → 14,400), 4 persons each year:
    // 5,500 → 6,350 per person: +15.45… % → 15.5
    expect(actual(tree.node, 'exited_income_growth')).toBe(15.5);
    expect(actual(B, 'exited_income_growth')).toBeNull();
    // monitored in 2024: H1, H2 (A), H4 (B, until August); only H2 has a measure → 1/3
    expect(actual(tree.node, 'measure_coverage')).toBe(33.3);
    expect(actual(A, 'measure_coverage')).toBe(50);
    // monitored with no one able to work: H1 (on dibao) and H4 (not) → 50 %
    expect(actual(tree.node, 'dibao_linkage')).toBe(50);
    expect(actual(A, 'dibao_linkage')).toBe(100);
    expect(actual(B, 'dibao_linkage')).toBe(0);
  });

  it('goes down to villages: a township tree has its villages as children', async () => {
    const tree = await get('townA', T.townshipA);
    expect(tree.children.map((c: Node) => c.code).sort()).toEqual([T.villageA2, T.villageA1].sort());
    const a1 = tree.children.find((c: Node) => c.code === T.villageA1);
    expect(actual(a1, 'employed_labour')).toBe(1);
    expect(actual(a1, 'measure_coverage')).toBe(0);
    expect(actual(tree.node, 'measure_coverage')).toBe(50);
  });
});

describe('splitting post-2020 targets', () => {
  it('sets a rate for each sub-region without a sum, and reads progress against it', async () => {
    const res = await call('county', 'PUT', '/api/targets/split', {
      year: Y,
      indicator: 'monitoring_coverage',
      regionCode: T.county,
      value: 100,
      children: [
        { regionCode: T.townshipA, value: 100 },
        { regionCode: T.townshipB, value: 95 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const tree = await get('county', T.county);
    const ind = (n: Node) => n.indicators.find((i) => i.indicator === 'monitoring_coverage');
    expect(ind(tree.node)).toMatchObject({ target: 100, actual: 66.7, pct: 66.7, state: 'behind' });
    const A = tree.children.find((c: Node) => c.code === T.townshipA);
    expect(ind(A)).toMatchObject({ target: 100, actual: 100, state: 'met' });
    expect(tree.splitProblems).toEqual([]);
  });

  it('checks the sum of a counted kind, in Chinese and English, and marks risk removal as tracked only', async () => {
    const bad = await call('county', 'PUT', '/api/targets/split', {
      year: Y,
      indicator: 'risks_removed',
      regionCode: T.county,
      value: 3,
      children: [
        { regionCode: T.townshipA, value: 1 },
        { regionCode: T.townshipB, value: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/add up to 2: 1 short of its risks_removed target 3/);
    expect(bad.json().details.messageZh).toMatch(/风险消除户数.*合计 2/);
    const ok = await call('county', 'PUT', '/api/targets/split', {
      year: Y,
      indicator: 'risks_removed',
      regionCode: T.county,
      value: 3,
      children: [
        { regionCode: T.townshipA, value: 1 },
        { regionCode: T.townshipB, value: 2 },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const tree = await get('county', T.county);
    expect(
      tree.node.indicators.find((i: { indicator: string }) => i.indicator === 'risks_removed'),
    ).toMatchObject({ target: 3, actual: 1, pct: 33.3, state: 'tracked' });
  });

  it('lets a township split its employed-labour target among villages, and names bad input', async () => {
    expect(
      (
        await call('county', 'PUT', '/api/targets/split', {
          year: Y,
          indicator: 'employed_labour',
          regionCode: T.county,
          value: 4,
          children: [
            { regionCode: T.townshipA, value: 3 },
            { regionCode: T.townshipB, value: 1 },
          ],
        })
      ).statusCode,
    ).toBe(200);
    const down = await call('townA', 'PUT', '/api/targets/split', {
      year: Y,
      indicator: 'employed_labour',
      regionCode: T.townshipA,
      children: [
        { regionCode: T.villageA1, value: 2 },
        { regionCode: T.villageA2, value: 1 },
      ],
    });
    expect(down.statusCode, down.body).toBe(200);
    const tree = await get('townA', T.townshipA);
    const a1 = tree.children.find((c: Node) => c.code === T.villageA1);
    expect(a1.indicators.find((i: { indicator: string }) => i.indicator === 'employed_labour')).toMatchObject(
      {
        target: 2,
        actual: 1,
        pct: 50,
        state: 'behind',
      },
    );
    expect((await auditEventsOf(tdb.db, 'target.split')).length).toBe(4);

    const unknown = await call('county', 'PUT', '/api/targets/split', {
      year: Y,
      indicator: 'happiness',
      regionCode: T.county,
      value: 1,
      children: [],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details[0]).toMatchObject({ field: 'body.indicator' });
    const over = await call('county', 'PUT', '/api/targets/split', {
      year: 2025,
      indicator: 'dibao_linkage',
      regionCode: T.county,
      value: 5000,
      children: [],
    });
    expect(over.statusCode).toBe(400);
    expect(over.json().details).toMatchObject({ field: 'value' });
    const twice = await call('county', 'PUT', '/api/targets/split', {
      year: 2025,
      indicator: 'dibao_linkage',
      regionCode: T.county,
      value: 100,
      children: [
        { regionCode: T.townshipA, value: 100 },
        { regionCode: T.townshipA, value: 90 },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().details).toMatchObject({ field: 'children', region: T.townshipA });
  });
});

import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import {
  createHousehold,
  createUser,
  membersOf,
  seedRegions,
  T,
  insertStatusHistory,
} from '../helpers/factory.js';

/**
 * The seven standard reports after 2020 (issue 21 item 7): each generated from a registry built here,
 * its rows matching what was written, as print data and XLSX carrying the audit head hash, and each
 * generation counted by the burden meter as derived work.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const Y = 2025;
const ids: Record<string, string> = {};
const nos: Record<string, string> = {};

const history = (household_id: string, rows: [string, string][]) =>
  insertStatusHistory(tdb.db, household_id, rows);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  const now = new Date().toISOString();
  const mk = async (key: string, village: string, status: string, headName: string) => {
    const h = await createHousehold(tdb.db, {
      village,
      status,
      headName,
      income: [{ year: Y, perCapita: 5000 }],
    });
    ids[key] = h.id;
    nos[key] = (
      await tdb.db
        .selectFrom('household')
        .select('household_no')
        .where('id', '=', h.id)
        .executeTakeFirstOrThrow()
    ).household_no;
  };
  await mk('m1', T.villageA1, 'monitored', '龙甲');
  await mk('m2', T.villageB1, 'monitored', '石乙');
  await mk('e1', T.villageA1, 'exited', '麻丙');
  await mk('r1', T.villageA2, 'risk_removed', '吴丁');
  await history(ids.m1!, [['monitored', '2025-03-01']]);
  await history(ids.m2!, [['monitored', '2024-07-01']]);
  await history(ids.e1!, [['exited', '2019-06-01']]);
  // monitored 2023, removed 2024: not monitored in 2025
  await history(ids.r1!, [
    ['monitored', '2023-02-01'],
    ['risk_removed', '2024-10-01'],
  ]);
  await tdb.db
    .updateTable('household')
    .set({ monitoring_category: 'unstable' })
    .where('id', '=', ids.m1!)
    .execute();
  const roll = (
    household_id: string,
    programme: string,
    start: string,
    state: string,
    ceased: string | null,
  ) => ({
    programme,
    household_id,
    village_code: T.villageA1,
    category: programme === 'dibao' ? 'A' : 'dispersed',
    persons: 2,
    monthly_amount: 650,
    state,
    start_month: start,
    ceased_on: ceased,
    created_at: now,
    updated_at: now,
  });
  await tdb.db
    .insertInto('assistance_roll')
    .values([
      roll(ids.m1!, 'dibao', '2025-02-01', 'active', null),
      roll(ids.e1!, 'tekun', '2023-01-01', 'ceased', '2024-05-31'),
    ])
    .execute();
  const plan = await tdb.db
    .insertInto('household_plan')
    .values({ household_id: ids.m1!, year: Y, status: 'agreed' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const measure = (status: string, amount: number) => ({
    plan_id: plan.id,
    household_id: ids.m1!,
    catalogue_code: 'skills_training',
    measure_type: 'employment',
    batch: 'production',
    amount,
    status,
  });
  await tdb.db
    .insertInto('plan_measure')
    .values([measure('completed', 1200), measure('cancelled', 800)])
    .execute();
  for (const [h, d] of [
    [ids.m1!, '2025-02-03'],
    [ids.m1!, '2025-06-03'],
    [ids.e1!, '2025-04-10'],
    [ids.e1!, '2024-12-30'],
  ] as const)
    await tdb.db
      .insertInto('visit')
      .values({
        household_id: h,
        village_code: T.villageA1,
        visit_date: d,
        purpose: 'routine',
        findings: '正常',
      })
      .execute();
  const pair = await tdb.db
    .insertInto('assist_pair')
    .values({
      kind: 'east_west',
      helper_name: '宁波市',
      helper_level: 'city',
      recipient_code: T.county,
      start_year: 2021,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('assist_commitment')
    .values({ pair_id: pair.id, year: Y, category: 'funds', amount: 100 })
    .execute();
  await tdb.db
    .insertInto('assist_delivery')
    .values({ pair_id: pair.id, year: Y, category: 'funds', amount: 60, delivered_on: '2025-06-01' })
    .execute();
  const org = await tdb.db
    .insertInto('organisation')
    .values({
      name: '宁波某食品公司',
      kind: 'enterprise',
      contact_person: '王',
      contact_phone: '13900000000',
      region_code: T.county,
      status: 'approved',
      username: 'org1',
      password_hash: 'x',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const product = await tdb.db
    .insertInto('product')
    .values({
      name: '十八洞猕猴桃',
      producer_kind: 'cooperative',
      producer_name: '十八洞村合作社',
      township_code: T.townshipA,
      unit: '斤',
      price: 10,
      quantity_available: 1000,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const order = await tdb.db
    .insertInto('product_order')
    .values({
      product_id: product.id,
      organisation_id: org.id,
      quantity: 100,
      unit_price: 10,
      amount: 1000,
      status: 'fulfilled',
      ordered_at: '2025-05-01T02:00:00Z',
      fulfilled_at: '2025-05-10T02:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('product_income')
    .values([
      { order_id: order.id, household_id: ids.m1!, amount: 500 },
      { order_id: order.id, household_id: ids.e1!, amount: 500 },
    ])
    .execute();
  for (const [key, year, reach, months] of [
    ['e1', Y, 'local', 4],
    ['m1', Y, 'out_of_province', 9],
    ['m1', 2024, 'out_of_province', 9],
  ] as const) {
    const [m] = await membersOf(tdb.db, ids[key]!);
    await tdb.db
      .insertInto('member_employment')
      .values({
        village_code: T.villageA1,
        household_id: ids[key]!,
        member_id: m!.id,
        year,
        place: '本乡',
        reach,
        months,
        income: months * 3000,
        observed_on: `${year}-12-01`,
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

type Row = Record<string, string | number | null>;
const call = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
const report = async (kind: string, region: string, user = 'county') => {
  const res = await call(user, `/api/reports/${kind}?year=${Y}&region=${region}`);
  expect(res.statusCode, res.body).toBe(200);
  const r = res.json();
  expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
  return r as { rows: Row[]; totals: Row | null; columns: { key: string }[]; headHash: string };
};
const byCode = (rows: Row[], code: string) => rows.find((r) => r.code === code)!;

describe('standard reports after 2020', () => {
  it('monitoring objects: the households monitored in the year, with category and measures', async () => {
    const r = await report('monitoring', T.county);
    expect(r.rows.map((x) => x.householdNo).sort()).toEqual([nos.m1, nos.m2].sort());
    expect(r.rows.find((x) => x.householdNo === nos.m1)).toMatchObject({
      head: '龙甲',
      category: { zh: '脱贫不稳定户', en: 'exited but unstable' },
      enteredOn: '2025-03-01',
      measures: 1,
      income: 5000,
    });
    const township = await report('monitoring', T.townshipA, 'townA');
    expect(township.rows.map((x) => x.householdNo)).toEqual([nos.m1]);
    expect((await call('townA', `/api/reports/monitoring?year=${Y}&region=${T.townshipB}`)).statusCode).toBe(
      403,
    );
  });

  it('dibao and 特困 rolls: entries paid in the year only', async () => {
    const r = await report('safety_net', T.county);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({
      householdNo: nos.m1,
      programme: { zh: '低保', en: 'dibao' },
      persons: 2,
      monthlyAmount: 650,
    });
    expect(r.totals).toMatchObject({ persons: 2, monthlyAmount: 650 });
  });

  it('plans and measures by township', async () => {
    const r = await report('plans', T.county);
    expect(byCode(r.rows, T.townshipA)).toMatchObject({
      plans: 1,
      agreed: 1,
      measures: 2,
      completed: 1,
      cancelled: 1,
      amount: 1200,
    });
    expect(byCode(r.rows, T.townshipB)).toMatchObject({ plans: 0, measures: 0 });
  });

  it('visits by township: the year’s visits and the households reached', async () => {
    const r = await report('visits', T.county);
    // A: m1, e1 and r1 registered; m1 (twice) and e1 visited in 2025 (e1's 2024 visit left out)
    expect(byCode(r.rows, T.townshipA)).toMatchObject({
      households: 3,
      visited: 2,
      visits: 3,
      coverage: 66.67,
    });
    expect(byCode(r.rows, T.townshipB)).toMatchObject({ households: 1, visited: 0, visits: 0, coverage: 0 });
    expect(r.totals).toMatchObject({ households: 4, visited: 2, visits: 3, coverage: 50 });
  });

  it('paired assistance: committed against delivered', async () => {
    const r = await report('pairs', T.county);
    expect(r.rows).toEqual([
      expect.objectContaining({
        helper: '宁波市',
        kind: { zh: '东西部协作', en: 'east–west cooperation' },
        committed: 100,
        delivered: 60,
        rate: 60,
      }),
    ]);
  });

  it('consumption assistance: orders, sales and income reaching households', async () => {
    const r = await report('consumption', T.county);
    expect(r.rows).toEqual([
      expect.objectContaining({
        product: '十八洞猕猴桃',
        orders: 1,
        buyers: 1,
        fulfilled: 1000,
        households: 2,
        householdIncome: 1000,
      }),
    ]);
  });

  it('employment by township: members, exited and monitored, reach, months, income', async () => {
    const r = await report('employment', T.county);
    expect(byCode(r.rows, T.townshipA)).toMatchObject({
      members: 2,
      exitedMembers: 1,
      monitoredMembers: 1,
      local: 1,
      outOfProvince: 1,
      months: 13,
      income: 39000,
    });
    expect(byCode(r.rows, T.townshipB)).toMatchObject({ members: 0 });
    // a village has no sub-regions: one row, the village itself, by name
    const v = await report('employment', T.villageA1, 'townA');
    expect(v.rows).toEqual([expect.objectContaining({ code: T.villageA1, name: '十八洞村', members: 2 })]);
  });

  it('gives each as XLSX with the head hash, and the burden meter counts every generation as derived', async () => {
    const kinds = ['monitoring', 'safety_net', 'plans', 'visits', 'pairs', 'consumption', 'employment'];
    for (const kind of kinds) {
      const x = await call('county', `/api/reports/${kind}/xlsx?year=${Y}&region=${T.county}`);
      expect(x.statusCode, x.body).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const values = wb.worksheets[0]!.getSheetValues().flat().map(String);
      const head = (await report(kind, T.county)).headHash;
      expect(values, kind).toContain(head);
    }
    const m = (
      await call('county', `/api/burden?year=${new Date().getFullYear()}&region=${T.county}`)
    ).json();
    for (const kind of kinds) {
      const d = m.derived.reports.find((r: { kind: string }) => r.kind === kind);
      expect(d, kind).toBeDefined();
      expect(d.generated, kind).toBeGreaterThanOrEqual(2);
      expect(d.cells, kind).toBeGreaterThan(0);
    }
    const monitoring = m.derived.reports.find((r: { kind: string }) => r.kind === 'monitoring');
    // the county's and the township's in the first test, then an XLSX and a print here (the refused one is not logged)
    expect(monitoring.generated).toBe(4);
  });
});

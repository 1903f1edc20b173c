import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { inRegion } from '../../src/kernel/scope.js';
import { Rng } from '../../src/domain/random.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * The dashboard's summaries (migrations 005, 006, 056): per village and rolled up per county, kept
 * current from the change marks. Random registries in three counties of two provinces, edited and
 * with households moving between villages, counties and provinces in a year; every region's
 * dashboard must equal the same figures computed straight from the yearly rows.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';
const OTHER_COUNTY = { county: '433125', township: '433125100', village: '433125100201' };
const OTHER_PROVINCE = {
  province: '52',
  prefecture: '5201',
  county: '520102',
  township: '520102001',
  village: '520102001001',
};
const VILLAGES = [T.villageA1, T.villageA2, T.villageB1, OTHER_COUNTY.village, OTHER_PROVINCE.village];
const YEARS = [2019, 2020, 2021, 2022];
const STATUSES = ['poor', 'returned', 'exited', 'monitored', 'risk_removed', 'none'];
const REGIONS = ['', '43', '4331', T.county, T.townshipA, T.villageA1, OTHER_COUNTY.county, '52', '520102'];

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  await db
    .insertInto('region')
    .values([
      { code: OTHER_COUNTY.county, level: 3, parent_code: T.prefecture, name: '测试县' },
      { code: OTHER_COUNTY.township, level: 4, parent_code: OTHER_COUNTY.county, name: '测试镇' },
      { code: OTHER_COUNTY.village, level: 5, parent_code: OTHER_COUNTY.township, name: '测试丙村' },
      { code: OTHER_PROVINCE.province, level: 1, parent_code: null, name: '贵州省' },
      { code: OTHER_PROVINCE.prefecture, level: 2, parent_code: '52', name: '贵阳市' },
      { code: OTHER_PROVINCE.county, level: 3, parent_code: '5201', name: '南明区' },
      { code: OTHER_PROVINCE.township, level: 4, parent_code: '520102', name: '测试街道' },
      { code: OTHER_PROVINCE.village, level: 5, parent_code: '520102001', name: '测试丁村' },
    ])
    .execute();
  const rng = new Rng('stats-rollups');
  const pick = <V>(list: readonly V[]) => list[Math.floor(rng.next() * list.length)]!;
  for (let i = 0; i < 40; i++) {
    const h = await createHousehold(db, {
      village: pick(VILLAGES),
      income: YEARS.map((year) => ({
        year,
        perCapita: Math.round(1000 + rng.next() * 15000),
        status: pick(STATUSES),
      })),
    });
    if (rng.next() < 0.4)
      await db
        .updateTable('household_year')
        .set({ transfer_dibao: '1800' })
        .where('household_id', '=', h.id)
        .where('year', '=', pick(YEARS))
        .execute();
  }
  await createUser(db, 'adm', 'admin', '');
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => new Date('2026-03-02T02:00:00Z')),
  });
  await app.ready();
  cookie = await login(app, 'adm', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

/** The figures straight from the yearly rows (the queries the dashboard ran before migration 056). */
async function direct(scope: string, year: number) {
  const db = tdb.db;
  const m = (
    await sql<Record<string, string | null>>`
      select
        count(*) filter (where y.status = 'exited' and p.status in ('poor', 'returned')) as exits,
        count(*) filter (where y.status = 'monitored' and p.status is distinct from 'monitored') as new_risks,
        count(*) filter (where y.status = 'risk_removed' and p.status = 'monitored') as risks_removed,
        sum(y.net_income) filter (where y.status = 'exited') as exited_income,
        coalesce(sum(y.size) filter (where y.status = 'exited'), 0) as exited_persons,
        count(*) filter (where y.status = 'monitored' and y.transfer_dibao > 0) as monitored_dibao
      from household_year y
      left join household_year p on p.household_id = y.household_id and p.year = ${year - 1}
        and left(p.village_code, 2) = left(y.village_code, 2)
      where y.year = ${year} and ${inRegion('y.village_code', scope)}`.execute(db)
  ).rows[0]!;
  const byStatus = (
    await sql<{ status: string; households: number; persons: number }>`
      select status, count(*)::int as households, sum(size)::int as persons from household_year
      where year = ${year} and ${inRegion('village_code', scope)} group by status order by status`.execute(db)
  ).rows;
  const persons = Number(m.exited_persons);
  return {
    exits: Number(m.exits),
    newRisks: Number(m.new_risks),
    risksRemoved: Number(m.risks_removed),
    exitedPerCapitaIncome: persons > 0 ? Math.round(Number(m.exited_income ?? 0) / persons) : null,
    monitoredWithDibao: Number(m.monitored_dibao),
    byStatus,
  };
}

async function expectEqualToRows() {
  for (const region of REGIONS)
    for (const year of YEARS) {
      const res = await app.inject({
        url: `/api/stats/summary?region=${region}&year=${year}`,
        headers: { cookie },
      });
      expect(res.statusCode, `${region} ${year}: ${res.body}`).toBe(200);
      const got = res.json<Record<string, unknown>>();
      const want = await direct(region, year);
      const { byStatus, ...movements } = want;
      for (const [k, v] of Object.entries(movements)) expect(got[k], `${region} ${year} ${k}`).toBe(v);
      expect(got.byStatus, `${region} ${year} byStatus`).toEqual(byStatus);
    }
}

describe('dashboard summaries per village and county (migration 056)', () => {
  it('every region and year equals the yearly rows', async () => {
    await expectEqualToRows();
  });

  it('stay equal after edits and after households move across villages, counties and provinces', async () => {
    const db = tdb.db;
    const rows = await db.selectFrom('household_year').select(['household_id', 'year']).execute();
    const rng = new Rng('stats-rollups-edits');
    for (const r of rows.filter(() => rng.next() < 0.3))
      await db
        .updateTable('household_year')
        .set({ status: STATUSES[Math.floor(rng.next() * STATUSES.length)]! })
        .where('household_id', '=', r.household_id)
        .where('year', '=', r.year)
        .execute();
    // moves in the last year: the row of 2022 lies in the new village, the year before in the old
    const ids = [...new Set(rows.map((r) => r.household_id))];
    const moved = ids.filter(() => rng.next() < 0.3);
    for (const [i, id] of moved.entries()) {
      const to = VILLAGES[i % VILLAGES.length]!;
      await db.updateTable('household').set({ village_code: to }).where('id', '=', id).execute();
      await db
        .updateTable('household_year')
        .set({ village_code: to })
        .where('household_id', '=', id)
        .where('year', '=', 2022)
        .execute();
    }
    // one household deleted (its rows go with it)
    await db.deleteFrom('household_key').where('id', '=', ids[0]!).execute();
    // a household that moved to another county of its province and exits there in 2022, not poor the
    // year before
    const old = await db
      .selectFrom('household_year')
      .select(['household_id', 'village_code'])
      .where('household_id', 'in', ids.slice(1))
      .where('year', '=', 2021)
      .where('village_code', 'like', '43%')
      .orderBy('household_id')
      .executeTakeFirstOrThrow();
    const x = old.household_id;
    const elsewhere = VILLAGES.find(
      (v) => v.slice(0, 2) === old.village_code.slice(0, 2) && v.slice(0, 6) !== old.village_code.slice(0, 6),
    );
    if (!elsewhere) throw new Error(`no other county in the province of ${old.village_code}`);
    await db.updateTable('household').set({ village_code: elsewhere }).where('id', '=', x).execute();
    await db
      .updateTable('household_year')
      .set({ village_code: elsewhere, status: 'exited' })
      .where('household_id', '=', x)
      .where('year', '=', 2022)
      .execute();
    await db
      .updateTable('household_year')
      .set({ status: 'none' })
      .where('household_id', '=', x)
      .where('year', '=', 2021)
      .execute();
    await expectEqualToRows();
    // its year before becomes poor: only its old village is marked, yet its exit counts in the new one
    await db
      .updateTable('household_year')
      .set({ status: 'poor' })
      .where('household_id', '=', x)
      .where('year', '=', 2021)
      .execute();
    await expectEqualToRows();
  });

  it('the years and the drill-down of a province come from the county roll-up, equal to the villages', async () => {
    const res = await app.inject({ url: '/api/stats/summary?region=43&year=2022', headers: { cookie } });
    const body = res.json<{ years: number[]; bySubRegion: { code: string; households: number }[] }>();
    expect(body.years).toEqual(YEARS);
    const want = (
      await sql<{ code: string; households: number }>`
        select left(village_code, 4) as code, count(*)::int as households from household_year
        where year = 2022 and village_code like '43%' group by 1 order by 1`.execute(tdb.db)
    ).rows;
    expect(body.bySubRegion.map((c) => ({ code: c.code, households: c.households }))).toEqual(want);
  });
});

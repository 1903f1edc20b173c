import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { generateHouseholds } from '../../src/demo/generator/generator.js';
import { countyVillages } from '../../src/demo/repository.js';
import { DEMO_FIRST_YEAR, DEMO_LAST_YEAR, generateDemo } from '../../src/demo/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** The demo writer against the tier's real, migrated PostgreSQL. */

let tdb: TestDatabase;
let db: Database;

const REGIONS = [
  { code: '43', level: 1, parent_code: null, name: '湖南省' },
  { code: '4331', level: 2, parent_code: '43', name: '湘西土家族苗族自治州' },
  { code: '433124', level: 3, parent_code: '4331', name: '花垣县' },
  { code: '433124109', level: 4, parent_code: '433124', name: '花垣镇' },
  { code: '433124110', level: 4, parent_code: '433124', name: '双龙镇' },
  { code: '433124109001', level: 5, parent_code: '433124109', name: '三角岩社区居委会' },
  { code: '433124109201', level: 5, parent_code: '433124109', name: '大龙村' },
  { code: '433124110226', level: 5, parent_code: '433124110', name: '十八洞村' },
  { code: '433124110201', level: 5, parent_code: '433124110', name: '丙池村' },
  { code: '433125', level: 3, parent_code: '4331', name: '保靖县' },
];

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await db.insertInto('region').values(REGIONS).execute();
}, 120_000);

afterAll(async () => tdb?.drop());

const count = async (q: string) => Number((await sql<{ n: string }>`${sql.raw(q)}`.execute(db)).rows[0]!.n);

describe('generateDemo', () => {
  const opts = { countyCode: '433124', seed: 42, scale: 0.02 };
  let result: Awaited<ReturnType<typeof generateDemo>>;
  const progress: [number, number][] = [];

  it('writes households, members, yearly rows and history for the villages of the county', async () => {
    result = await generateDemo(db, { ...opts, onProgress: (done, total) => progress.push([done, total]) });
    expect(result.households).toBe(1100);
    expect(await count('select count(*) as n from household')).toBe(1100);
    expect(await count('select count(*) as n from member')).toBe(result.persons);
    expect(await count('select count(*) as n from household_year')).toBe(
      1100 * (DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1),
    );
    expect(await count('select count(*) as n from status_history')).toBeGreaterThan(250);
    expect(await count(`select count(distinct village_code) as n from household`)).toBe(4);
    expect(progress.at(-1)).toEqual([1100, 1100]);
  });

  it('marks the county a poverty county and its poorest villages poor villages', async () => {
    const county = await db
      .selectFrom('region')
      .selectAll()
      .where('code', '=', '433124')
      .executeTakeFirstOrThrow();
    expect(county.is_poverty_county).toBe(true);
    const r = await sql<{ code: string; share: string; is_poor_village: boolean }>`
      select r.code, r.is_poor_village, avg(case when h.registered_year = 2014 then 1 else 0 end)::text as share
      from region r join household h on h.village_code = r.code group by r.code, r.is_poor_village`.execute(
      db,
    );
    for (const v of r.rows) expect(v.is_poor_village).toBe(Number(v.share) >= 0.3);
  });

  it('stores every household exactly as generated', async () => {
    const villages = await countyVillages(db, '433124');
    const input = {
      ...opts,
      county: { code: '433124', name: '花垣县' },
      villages,
      firstYear: 2014,
      lastYear: 2025,
    };
    const expected = [...generateHouseholds(input)].find((h) => h.household.other_causes.length === 2)!;
    const h = await db
      .selectFrom('household')
      .selectAll()
      .where('household_no', '=', expected.household.household_no)
      .executeTakeFirstOrThrow();
    const { id, version: _v, created_at: _c, updated_at: _u, ...row } = h;
    const numeric = [
      'land_cultivated_mu',
      'land_forest_mu',
      'house_area_m2',
      'road_distance_km',
      'market_distance_km',
    ];
    const normalised = Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, numeric.includes(k) && v !== null ? Number(v) : v]),
    );
    expect(normalised).toEqual(expected.household);
    const members = await db
      .selectFrom('member')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('id')
      .execute();
    // a member's village is its household's (the partition key, migration 044)
    expect(members.map(({ id: _i, household_id: _h, version: _w, ...m }) => m)).toEqual(
      expected.members.map((m) => ({ ...m, village_code: expected.household.village_code })),
    );
    const years = await db
      .selectFrom('household_year')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('year')
      .execute();
    expect(years.map((y) => Number(y.per_capita_income))).toEqual(
      expected.years.map((y) => y.per_capita_income),
    );
    expect(years.map((y) => y.status)).toEqual(expected.years.map((y) => y.status));
    const history = await db
      .selectFrom('status_history')
      .select(['from_status', 'to_status', 'changed_on', 'reason'])
      .where('household_id', '=', id)
      .orderBy('id')
      .execute();
    expect(history).toEqual(expected.history);
  });

  it('refuses a county that already has households, has no villages, or is unknown', async () => {
    await expect(generateDemo(db, opts)).rejects.toThrow(/already has households/);
    await expect(generateDemo(db, { ...opts, countyCode: '433125' })).rejects.toThrow(/no villages/);
    await expect(generateDemo(db, { ...opts, countyCode: '999999' })).rejects.toThrow(
      /not in the region table/,
    );
    expect(await count('select count(*) as n from household')).toBe(1100);
  });

  it('removes what it wrote when a batch fails', async () => {
    await db
      .insertInto('region')
      .values([
        { code: '433125100', level: 4, parent_code: '433125', name: '迁陵镇' },
        { code: '433125100201', level: 5, parent_code: '433125100', name: '测试村' },
      ])
      .execute();
    // Fail the second batch: its history insert sees more than one batch of households.
    await sql`create function demo_fail() returns trigger language plpgsql as $$ begin
      if (select count(*) from household where village_code like '433125%') > 600 then
        raise exception 'simulated failure'; end if; return null; end $$`.execute(db);
    await sql`create trigger demo_fail after insert on status_history for each statement execute function demo_fail()`.execute(
      db,
    );
    try {
      await expect(generateDemo(db, { ...opts, countyCode: '433125' })).rejects.toThrow(/simulated failure/);
      expect(await count(`select count(*) as n from household where village_code like '433125%'`)).toBe(0);
    } finally {
      await sql`drop trigger demo_fail on status_history`.execute(db);
      await sql`drop function demo_fail()`.execute(db);
    }
  });
});

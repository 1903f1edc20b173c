/**
 * The registry partitioned by province (migration 044, docs/scaling.md#partitions):
 *  - the main region-scoped requests read only their province's partitions: every query the app sends
 *    while answering them is captured and its plan read back (EXPLAIN ANALYZE): no partition of
 *    another province is scanned;
 *  - an ID number is held by one present member in the country although members are partitioned
 *    (the national person index member_key), and the keys follow the rows (moves, deletes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { captureQueries, partitionsRead } from '../helpers/plans.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
/** A second province: Guizhou, Qiandongnan, Liping county. */
const G = {
  province: '52',
  prefecture: '5226',
  county: '522631',
  township: '522631100',
  village: '522631100201',
};
const ids: Record<string, string> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await tdb.db
    .insertInto('region')
    .values([
      { code: G.province, level: 1, parent_code: null, name: '贵州省' },
      { code: G.prefecture, level: 2, parent_code: G.province, name: '黔东南苗族侗族自治州' },
      { code: G.county, level: 3, parent_code: G.prefecture, name: '黎平县' },
      { code: G.township, level: 4, parent_code: G.county, name: '德凤街道' },
      { code: G.village, level: 5, parent_code: G.township, name: '测试丙村' },
    ])
    .execute();
  ids.a = (await createHousehold(tdb.db, { village: T.villageA1, headName: '龙甲' })).id;
  ids.b = (await createHousehold(tdb.db, { village: T.villageB1, headName: '龙乙' })).id;
  ids.g = (await createHousehold(tdb.db, { village: G.village, headName: '龙丙' })).id;
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  for (const u of ['cty', 'twn', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const REGISTRY = /\b(household|member|household_year)\b/;
const PARTITION = /^(household|member|household_year)_p(\w+)$/;

/** The registry reads of a request, each with the partitions it scanned. */
async function registryReads(user: string, url: string) {
  let status = 0;
  const queries = await captureQueries(async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
    status = res.statusCode;
  });
  expect(status, url).toBe(200);
  const reads = queries.filter(
    (q) =>
      REGISTRY.test(q.text) &&
      /^\s*(select|with)\b/i.test(q.text) &&
      !/\b(insert|update|delete)\b/i.test(q.text) &&
      // the statistics refresh (src/modules/stats/summary-table.ts) reads the partitions of the
      // villages marked changed, wherever they lie: a national step run by whichever request comes first
      !q.text.includes('/* stats refresh */'),
  );
  return Promise.all(
    reads.map(async (q) => ({ text: q.text, partitions: await partitionsRead(tdb.url, q, PARTITION) })),
  );
}

describe('the registry partitioned by province', () => {
  it('has one partition per table for each province with villages, and the default', async () => {
    const leaves = await sql<{ t: string }>`
      select p.relid::regclass::text as t from pg_partition_tree('household') p where p.isleaf order by 1`.execute(
      tdb.db,
    );
    expect(leaves.rows.map((r) => r.t)).toEqual(['household_p43', 'household_p52', 'household_pother']);
  });

  it('stores each household, its members and its years in its province’s partition', async () => {
    const where = await sql<{ t: string; n: number }>`
      select tableoid::regclass::text as t, count(*)::int as n from household group by 1
      union all select tableoid::regclass::text, count(*)::int from member group by 1
      union all select tableoid::regclass::text, count(*)::int from household_year group by 1
      order by 1`.execute(tdb.db);
    expect(where.rows.map((r) => r.t)).toEqual([
      'household_p43',
      'household_p52',
      'household_year_p43',
      'household_year_p52',
      'member_p43',
      'member_p52',
    ]);
  });

  it.each([
    ['a township’s household list', 'twn', `/api/households?region=${T.townshipA}`],
    ['a county search by name', 'cty', `/api/households?region=${T.county}&q=${encodeURIComponent('龙')}`],
    ['a county search by ID-number prefix', 'cty', `/api/households?region=${T.county}&q=433124`],
    ['a village cadre’s list', 'vil', `/api/households?region=${T.villageA1}`],
    ['the county list sorted by income', 'cty', `/api/households?region=${T.county}&sort=per_capita_income`],
  ])('%s reads only the province’s partitions', async (_what, user, url) => {
    const reads = await registryReads(user, url);
    expect(reads.length, url).toBeGreaterThan(0);
    const scanned = reads.flatMap((r) => r.partitions);
    expect(scanned.length, url).toBeGreaterThan(0);
    for (const r of reads)
      for (const p of r.partitions)
        expect(p.endsWith('_p43'), `${p} read by: ${r.text.slice(0, 300)}`).toBe(true);
  });

  it('keeps an ID number to one present member in the country (the national person index)', async () => {
    const [head] = await membersOf(tdb.db, ids.a!);
    const [other] = await membersOf(tdb.db, ids.g!);
    // the same number given to a present member of a household in another province is refused
    await expect(
      tdb.db.updateTable('member').set({ id_number: head!.id_number }).where('id', '=', other!.id).execute(),
    ).rejects.toThrow(/member_key_present_id_number_key/);
    // once the first holder has left, the number may be registered again
    await tdb.db
      .updateTable('member')
      .set({ member_status: 'moved_out' })
      .where('id', '=', head!.id)
      .execute();
    await tdb.db
      .updateTable('member')
      .set({ id_number: head!.id_number })
      .where('id', '=', other!.id)
      .execute();
    const key = await tdb.db
      .selectFrom('member_key')
      .selectAll()
      .where('id_number', '=', head!.id_number)
      .orderBy('id')
      .execute();
    expect(key.map((k) => [k.id, k.present, k.village_code])).toEqual([
      [head!.id, false, T.villageA1],
      [other!.id, true, G.village],
    ]);
  });

  it('moves a household’s members and keys with it, and removes them with it', async () => {
    await tdb.db
      .updateTable('household')
      .set({ village_code: T.villageA2 })
      .where('id', '=', ids.b!)
      .execute();
    const members = await membersOf(tdb.db, ids.b!);
    expect(new Set(members.map((m) => m.village_code))).toEqual(new Set([T.villageA2]));
    const key = await tdb.db
      .selectFrom('household_key')
      .selectAll()
      .where('id', '=', ids.b!)
      .executeTakeFirstOrThrow();
    expect(key.village_code).toBe(T.villageA2);
    // to another province: the rows move partitions, the yearly rows too
    await tdb.db.updateTable('household').set({ village_code: G.village }).where('id', '=', ids.b!).execute();
    const moved = await sql<{ t: string }>`
      select tableoid::regclass::text as t from household where id = ${ids.b}
      union all select tableoid::regclass::text from member where household_id = ${ids.b}
      union all select tableoid::regclass::text from household_year where household_id = ${ids.b}`.execute(
      tdb.db,
    );
    expect(new Set(moved.rows.map((r) => r.t))).toEqual(
      new Set(['household_p52', 'member_p52', 'household_year_p52']),
    );
    await tdb.db.deleteFrom('household').where('id', '=', ids.b!).execute();
    const left = await sql<{ n: number }>`
      select (select count(*) from household_key where id = ${ids.b})
        + (select count(*) from member_key where household_id = ${ids.b})
        + (select count(*) from member where household_id = ${ids.b})
        + (select count(*) from household_year where household_id = ${ids.b}) as n`.execute(tdb.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('keeps one yearly row per household and year when the household moved in between', async () => {
    await tdb.db
      .updateTable('household')
      .set({ village_code: T.villageA2 })
      .where('id', '=', ids.a!)
      .execute();
    // an income correction for 2025 written under the new village replaces the row of the old one
    await tdb.db
      .insertInto('household_year')
      .values({
        household_id: ids.a!,
        year: 2025,
        village_code: T.villageA2,
        size: 3,
        status: 'poor',
        net_income: 9000,
        per_capita_income: 3000,
      })
      .onConflict((oc) =>
        oc.columns(['household_id', 'year', 'village_code']).doUpdateSet({ net_income: 9000 }),
      )
      .execute();
    const rows = await tdb.db
      .selectFrom('household_year')
      .select(['year', 'village_code'])
      .where('household_id', '=', ids.a!)
      .where('year', '=', 2025)
      .execute();
    expect(rows).toEqual([{ year: 2025, village_code: T.villageA2 }]);
  });
});

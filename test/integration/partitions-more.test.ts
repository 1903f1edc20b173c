/**
 * Visits, warning signals and quality findings partitioned by province (migration 057), and the
 * status history (migration 058; docs/scaling.md#partitions):
 *  - each table has a partition per province with villages and the default, and each row lies in its
 *    household's (or region's) province;
 *  - the main region-scoped request that reads each table scans only its province's partitions of it
 *    (every query the app sends is captured and its plan read back with EXPLAIN ANALYZE);
 *  - a household that moves to another province takes its visits, signals and status history along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
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
const TABLES = ['visit', 'warning_signal', 'quality_finding'] as const;
const ids: Record<string, string> = {};

async function visitAndSignal(householdId: string, village: string) {
  await tdb.db
    .insertInto('visit')
    .values({
      household_id: householdId,
      village_code: village,
      visit_date: '2026-03-01',
      purpose: 'routine',
      findings: '正常',
    })
    .execute();
  await tdb.db
    .insertInto('warning_signal')
    .values({
      household_id: householdId,
      village_code: village,
      channel: 'cadre_screening',
      kind: 'illness',
      observed_on: '2026-03-02',
    })
    .execute();
}

/** A change of status through the household editor (the app's insert into status_history). */
async function changeStatus(householdId: string, status: string, changedOn: string) {
  const h = await tdb.db
    .selectFrom('household')
    .select('version')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const res = await app.inject({
    method: 'POST',
    url: `/api/households/${householdId}/status`,
    payload: { version: h.version, status, changedOn, reason: '测试状态变更' },
    headers: { cookie: cookies.adm! },
  });
  expect(res.statusCode, res.body).toBe(200);
}

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
  ids.m = (await createHousehold(tdb.db, { village: T.villageA1, headName: '龙丁' })).id;
  await visitAndSignal(ids.a, T.villageA1);
  await visitAndSignal(ids.b, T.villageB1);
  await visitAndSignal(ids.g, G.village);
  // a run over the whole country with findings in both provinces (one about a county)
  const run = await tdb.db
    .insertInto('quality_run')
    .values({ region_code: '', trigger: 'cli', actor_name: 'test', finished_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tdb.db
    .insertInto('quality_finding')
    .values([
      { run_id: run.id, check_id: 'income_heaping', household_id: ids.a, region_code: T.villageA1 },
      { run_id: run.id, check_id: 'income_heaping', household_id: ids.g, region_code: G.village },
      { run_id: run.id, check_id: 'benford_village', household_id: null, region_code: G.county + '000000' },
    ])
    .execute();
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  await createUser(tdb.db, 'adm', 'admin', '');
  app = await testApp(tdb.db);
  cookies.cty = await login(app, 'cty', 'test-password-1');
  cookies.adm = await login(app, 'adm', 'test-password-1');
  // exits of 2025 in both provinces, written by the household editor
  await changeStatus(ids.a, 'exited', '2025-06-01');
  await changeStatus(ids.b, 'monitored', '2025-07-01');
  await changeStatus(ids.g, 'exited', '2025-06-02');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

/** The reads of `table` a request sends, each with the partitions of it that it scanned. */
async function tableReads(user: string, url: string, table: string) {
  let status = 0;
  const queries = await captureQueries(async () => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
    status = res.statusCode;
  });
  expect(status, url).toBe(200);
  const reads = queries.filter(
    (q) =>
      new RegExp(`\\b${table}\\b`).test(q.text) &&
      /^\s*(select|with)\b/i.test(q.text) &&
      !/\b(insert|update|delete)\b/i.test(q.text),
  );
  return Promise.all(
    reads.map(async (q) => ({
      text: q.text,
      partitions: await partitionsRead(tdb.url, q, new RegExp(`^${table}_p(\\w+)$`)),
    })),
  );
}

describe('visits, warning signals and quality findings partitioned by province', () => {
  it('have one partition per province with villages and the default, each row in its province', async () => {
    for (const t of TABLES) {
      const leaves = await sql<{ t: string }>`
        select p.relid::regclass::text as t from pg_partition_tree(${t}::regclass) p where p.isleaf order by 1`.execute(
        tdb.db,
      );
      expect(leaves.rows.map((r) => r.t)).toEqual([`${t}_p43`, `${t}_p52`, `${t}_pother`]);
      const where = await sql<{ t: string; n: number }>`
        select tableoid::regclass::text as t, count(*)::int as n from ${sql.table(t)} group by 1 order by 1`.execute(
        tdb.db,
      );
      expect(where.rows, t).toEqual([
        { t: `${t}_p43`, n: t === 'quality_finding' ? 1 : 2 },
        { t: `${t}_p52`, n: t === 'quality_finding' ? 2 : 1 },
      ]);
    }
  });

  it.each([
    ['the county’s visits', `/api/visits?region=${T.county}`, 'visit'],
    ['a township’s visits', `/api/visits?region=${T.townshipA}`, 'visit'],
    ['the county’s warning worklist', `/api/warnings?region=${T.county}`, 'warning_signal'],
    ['the county’s quality findings', `/api/quality/findings?region=${T.county}`, 'quality_finding'],
    ['the county’s quality summary', `/api/quality/summary?region=${T.county}`, 'quality_finding'],
  ])('%s read only the province’s partitions', async (_what, url, table) => {
    const reads = await tableReads('cty', url, table);
    expect(reads.length, url).toBeGreaterThan(0);
    const scanned = reads.flatMap((r) => r.partitions);
    expect(scanned, url).toContain(`${table}_p43`);
    for (const r of reads)
      for (const p of r.partitions) expect(p, `${p} read by: ${r.text.slice(0, 300)}`).toBe(`${table}_p43`);
  });

  it('answers the scoped lists with the province’s rows only', async () => {
    const visits = await app.inject({
      method: 'GET',
      url: `/api/visits?region=${T.county}`,
      headers: { cookie: cookies.cty! },
    });
    expect(visits.json().total).toBe(2);
    const findings = await app.inject({
      method: 'GET',
      url: `/api/quality/findings?region=${T.county}`,
      headers: { cookie: cookies.cty! },
    });
    expect(findings.json().total).toBe(1);
  });

  it('moves a household’s visits and signals with it to another province', async () => {
    await visitAndSignal(ids.m!, T.villageA1);
    await tdb.db.updateTable('household').set({ village_code: G.village }).where('id', '=', ids.m!).execute();
    for (const t of ['visit', 'warning_signal'] as const) {
      const rows = await sql<{ t: string; village_code: string }>`
        select tableoid::regclass::text as t, village_code from ${sql.table(t)} where household_id = ${ids.m}`.execute(
        tdb.db,
      );
      expect(rows.rows, t).toEqual([{ t: `${t}_p52`, village_code: G.village }]);
    }
    // and back to another village of the first province
    await tdb.db
      .updateTable('household')
      .set({ village_code: T.villageB1 })
      .where('id', '=', ids.m!)
      .execute();
    const back = await sql<{
      v: string;
    }>`select village_code as v from visit where household_id = ${ids.m}`.execute(tdb.db);
    expect(back.rows).toEqual([{ v: T.villageB1 }]);
    // deleting the household deletes them (the foreign key to the national key, cascade)
    await tdb.db.deleteFrom('household').where('id', '=', ids.m!).execute();
    const left = await sql<{ n: number }>`
      select (select count(*) from visit where household_id = ${ids.m})
        + (select count(*) from warning_signal where household_id = ${ids.m}) as n`.execute(tdb.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('keeps each status change in its household’s province, as the editor wrote it', async () => {
    const leaves = await sql<{ t: string }>`
      select p.relid::regclass::text as t from pg_partition_tree('status_history'::regclass) p where p.isleaf
      order by 1`.execute(tdb.db);
    expect(leaves.rows.map((r) => r.t)).toEqual([
      'status_history_p43',
      'status_history_p52',
      'status_history_pother',
    ]);
    const rows = await sql<{ t: string; household_id: string; village_code: string }>`
      select tableoid::regclass::text as t, household_id::text, village_code from status_history
      where household_id in (${ids.a}, ${ids.b}, ${ids.g}) order by household_id`.execute(tdb.db);
    expect(rows.rows).toEqual([
      { t: 'status_history_p43', household_id: ids.a, village_code: T.villageA1 },
      { t: 'status_history_p43', household_id: ids.b, village_code: T.villageB1 },
      { t: 'status_history_p52', household_id: ids.g, village_code: G.village },
    ]);
  });

  it.each([
    [
      'the county’s targets of 2025 (exits, monitored households)',
      `/api/targets?region=${T.county}&year=2025`,
    ],
    ['the county’s targets of 2019 (exits, heaping)', `/api/targets?region=${T.county}&year=2019`],
    ['a township’s targets of 2025', `/api/targets?region=${T.townshipA}&year=2025`],
  ])('%s read only the province’s partition of the status history', async (_what, url) => {
    const reads = await tableReads('cty', url, 'status_history');
    expect(reads.length, url).toBeGreaterThan(0);
    for (const r of reads)
      for (const p of r.partitions)
        expect(p, `${p} read by: ${r.text.slice(0, 300)}`).toBe('status_history_p43');
    expect(
      reads.flatMap((r) => r.partitions),
      url,
    ).toContain('status_history_p43');
  });

  it('moves a household’s status history with it and keeps it on the household’s page', async () => {
    const h = (await createHousehold(tdb.db, { village: T.villageA1, headName: '龙戊' })).id;
    await changeStatus(h, 'exited', '2025-08-01');
    await tdb.db.updateTable('household').set({ village_code: G.village }).where('id', '=', h).execute();
    const moved = await sql<{ t: string; village_code: string }>`
      select tableoid::regclass::text as t, village_code from status_history where household_id = ${h}`.execute(
      tdb.db,
    );
    expect(moved.rows).toEqual([{ t: 'status_history_p52', village_code: G.village }]);
    const page = await app.inject({
      method: 'GET',
      url: `/api/households/${h}`,
      headers: { cookie: cookies.adm! },
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().statusHistory).toMatchObject([
      { fromStatus: 'poor', toStatus: 'exited', changedOn: '2025-08-01' },
    ]);
    // a later change is written in the new province
    await changeStatus(h, 'returned', '2025-09-01');
    const after = await sql<{ t: string }>`
      select tableoid::regclass::text as t from status_history where household_id = ${h} order by changed_on`.execute(
      tdb.db,
    );
    expect(after.rows.map((r) => r.t)).toEqual(['status_history_p52', 'status_history_p52']);
    await tdb.db.deleteFrom('household').where('id', '=', h).execute();
    const left = await sql<{
      n: string;
    }>`select count(*) as n from status_history where household_id = ${h}`.execute(tdb.db);
    expect(Number(left.rows[0]!.n)).toBe(0);
  });

  it('refuses a row without its region code', async () => {
    await expect(
      sql`insert into status_history (household_id, to_status, changed_on, reason)
        values (${ids.a}, 'exited', '2026-03-03', '测试')`.execute(tdb.db),
    ).rejects.toThrow(/village_code/);
    await expect(
      sql`insert into visit (household_id, visit_date, purpose, findings)
        values (${ids.a}, '2026-03-03', 'routine', '正常')`.execute(tdb.db),
    ).rejects.toThrow(/village_code/);
  });
});

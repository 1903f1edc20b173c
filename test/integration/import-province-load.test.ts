/**
 * A province's first load (migration 055, src/modules/import/partition-load.ts): a bulk import into a
 * province whose partitions are empty loads tables of its own and swaps them in. Tested: the fast path
 * is chosen only for an empty province; the registry, the dashboard summaries, the measures change
 * marks, the statistics marks and the change capture come out as after a normal import of the same
 * file; the partitions keep their names, indexes and keys; an import failing after the load and
 * before the swap leaves rows, partitions and their indexes as they were.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { importFile, type ImportOptions } from '../../src/modules/import/service.js';
import { refreshStats } from '../../src/modules/stats/summary-table.js';
import { connect } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { seedRegions, T } from '../helpers/factory.js';
import { person, writeCsv } from '../helpers/import-files.js';

let tdb: TestDatabase;

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: false,
  dryRun: false,
  incomeCeiling: 200_000,
  today: '2026-12-07',
  batchSize: 3, // several batches, several COPYs a table
  ...o,
});

const TYPES = ['一般农户', '一般贫困户', '低保户', '脱贫户', '特困供养户'];
const CAUSES = ['', '因病', '因学', '缺劳力', '缺资金'];

/** Households of two villages of province 43, of every type, some with a cause, 1–4 persons. */
function rows(prefix: string): string[][] {
  const out: string[][] = [];
  for (let h = 0; h < 14; h++) {
    const village = h % 3 === 0 ? T.villageA2 : T.villageA1;
    const no = `${prefix}-${String(h).padStart(3, '0')}`;
    const type = TYPES[h % TYPES.length]!;
    const cause = type === '一般农户' ? '' : CAUSES[h % CAUSES.length]!;
    const over = {
      户类型: type,
      主要致贫原因: cause,
      工资性收入: String(3000 + h * 700),
      年度: h % 4 ? '2025' : '2024',
    };
    out.push(person(no, village, `户主${h}`, 'head', '1', `19${60 + h}-03-0${1 + (h % 8)}`, over));
    for (let m = 0; m < h % 4; m++)
      out.push(
        person(
          no,
          village,
          `成员${h}-${m}`,
          m === 0 ? 'spouse' : 'son',
          m === 0 ? '2' : '1',
          `20${String(m + 1).padStart(2, '0')}-05-05`,
          over,
        ),
      );
  }
  return out;
}

const q = async <R>(text: string) => (await sql.raw<R>(text).execute(tdb.db)).rows;

/** Partitions of the registry tables, their indexes and constraints (names), and the load tables. */
const structure = () =>
  q<{ t: string; what: string }>(`
    select p.relid::regclass::text as t, 'partition' as what from unnest(array['household', 'member', 'household_year']) x,
      pg_partition_tree(x::regclass) p where p.isleaf
    union all select i.indrelid::regclass::text, 'index ' || i.indexrelid::regclass::text from pg_index i
      where i.indrelid::regclass::text ~ '^(household|member|household_year)_p'
    union all select c.conrelid::regclass::text, c.contype::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
      from pg_constraint c where c.conrelid::regclass::text ~ '^(household|member|household_year)_p' and c.contype <> 'c'
    union all select relname, 'load table' from pg_class where relname like 'jz_load_%'
    order by 1, 2`);

/** What an import leaves besides its rows: statistics and measures marks, change capture. */
async function marks() {
  return {
    statsDirty: await q(`select village_code from stats_dirty order by 1`),
    measures: await q(`select distinct village_code from measures_change order by 1`),
    rowChange:
      await q(`select tbl, sum(rows)::int as rows, array(select distinct unnest(array_agg(r)) order by 1) as regions
      from row_change, unnest(regions) r where op = 'insert' and tbl in ('household', 'member', 'household_year')
      group by tbl order by tbl`),
  };
}

/** The registry's rows (without ids) and the dashboard summaries after a refresh. */
async function registryAndSummaries() {
  await refreshStats(tdb.db);
  return {
    households:
      await q(`select household_no, village_code, household_type, status, main_cause, size, head_name
      from household order by household_no`),
    members: await q<{
      id_number: string;
    }>(`select h.household_no, m.name, m.id_number, m.relation, m.village_code, k.present
      from member m join household h on h.id = m.household_id join member_key k on k.id = m.id order by 3`),
    years: await q(`select h.household_no, y.year, y.status, y.net_income, y.per_capita_income, y.village_code
      from household_year y join household h on h.id = y.household_id order by 1, 2`),
    keys: await q(`select household_no, village_code from household_key order by 1`),
    // every dashboard summary table there is (stats_dirty aside: the marks, compared above)
    summaries: Object.fromEntries(
      await Promise.all(
        (
          await q<{ t: string }>(`select tablename as t from pg_tables
            where schemaname = 'public' and tablename like 'stats\\_%' and tablename <> 'stats_dirty' order by 1`)
        ).map(async ({ t }) => [t, await q(`select * from ${t} x order by x::text`)] as const),
      ),
    ),
  };
}

async function clearMarks() {
  await refreshStats(tdb.db);
  await q(`delete from measures_change`);
  await q(`delete from stats_dirty`);
  await q(`delete from row_change`);
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
});
const role = `jz_t_app_${randomBytes(4).toString('hex')}`;
afterAll(async () => {
  await tdb?.drop();
  const admin = connect(inject('pgAdminUrl'), 1);
  await sql.raw(`drop role if exists ${role}`).execute(admin.db);
  await admin.db.destroy();
});

describe('a province’s first load', () => {
  it('failing after the load and before the swap leaves rows, partitions and indexes as they were', async () => {
    const before = await structure();
    expect(before.filter((r) => r.what.startsWith('index ')).length).toBeGreaterThan(10);
    // the statistics marks are refused: written after every batch is loaded, before the swap
    await q(`create function jz_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await q(
      `create trigger jz_test_refuse before insert on stats_dirty for each row execute function jz_test_refuse()`,
    );
    try {
      const file = writeCsv(rows('FAIL'));
      await expect(importFile(tdb.db, file, opts({ bulk: 'on' }))).rejects.toThrow(/refused by the test/);
    } finally {
      await q(`drop trigger jz_test_refuse on stats_dirty`);
      await q(`drop function jz_test_refuse()`);
    }
    expect(await structure()).toEqual(before);
    expect(await q(`select count(*)::int as n from household_key`)).toEqual([{ n: 0 }]);
    expect(await q(`select count(*)::int as n from member_key`)).toEqual([{ n: 0 }]);
    expect(await q(`select count(*)::int as n from member`)).toEqual([{ n: 0 }]);
  });

  it('equals a normal import of the same file: registry, summaries, measures and statistics marks', async () => {
    const before = await structure();
    await clearMarks();
    const file = writeCsv(rows('PL'));
    const fast = await importFile(tdb.db, file, opts({ bulk: 'on' }));
    expect(fast.errors).toEqual([]);
    expect(fast.mode).toBe('partition');
    expect(fast.loadedProvinces).toEqual(['43']);
    expect(fast.households.created).toBe(14);
    const fastMarks = await marks();
    const fastState = await registryAndSummaries();
    // same partitions, same index and constraint names, plus the range CHECK; no load table left
    expect(await structure()).toEqual(before);
    const checks = await q<{ n: number }>(`select count(*)::int as n from pg_constraint
      where contype = 'c' and conname in ('household_p43_range', 'member_p43_range', 'household_year_p43_range')`);
    expect(checks).toEqual([{ n: 3 }]);
    // the loaded partition answers through its indexes as the others do
    const plan = await tdb.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const id = fastState.members[0]!.id_number;
      return (
        await sql<{ 'QUERY PLAN': string }>`explain select * from member where id_number = ${id}`.execute(trx)
      ).rows;
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(
      /Index (Only )?Scan using member_p43_id_number/,
    );

    // the same file again, the normal way, on an empty registry
    await q(`delete from household`);
    expect(await q(`select count(*)::int as n from member_key`)).toEqual([{ n: 0 }]);
    await clearMarks();
    const normal = await importFile(tdb.db, file, opts({ bulk: 'off' }));
    expect(normal.errors).toEqual([]);
    expect(normal.mode).toBe('live');
    expect(await marks()).toEqual(fastMarks);
    expect(await registryAndSummaries()).toEqual(fastState);
    expect(fastMarks.measures.length).toBe(2);
    expect(fastState.summaries.stats_village_year!.length).toBeGreaterThan(4);
    expect(fastMarks.rowChange.length).toBe(3);
  });

  it('runs for a role that owns no table, as the server’s requests do', async () => {
    // (runs last but one: the province is emptied first; a role like jingzhun_app, src/db/app-role.ts)
    await q(`delete from household`);
    const password = randomBytes(12).toString('hex');
    await q(`create role ${role} login nosuperuser nocreatedb nocreaterole noinherit password '${password}'`);
    await q(`grant usage on schema public to ${role}; grant select, insert, update, delete on all tables in schema public
      to ${role}; grant usage, select on all sequences in schema public to ${role}`);
    const u = new URL(tdb.url);
    u.username = role;
    u.password = password;
    const app = connect(u.toString(), 2);
    try {
      const r = await importFile(app.db, writeCsv(rows('ROLE')), opts({ bulk: 'on' }));
      expect(r.errors).toEqual([]);
      expect(r.mode).toBe('partition');
      expect(await q(`select count(*)::int as n from member_p43`)).toEqual([{ n: rows('X').length }]);
      // the loaded partition is the app role's to read and write, like the one it replaced
      const n = await sql<{ n: number }>`select count(*)::int as n from household`.execute(app.db);
      expect(n.rows).toEqual([{ n: 14 }]);
    } finally {
      await app.db.destroy();
    }
  });

  it('writes live into a province that already holds rows', async () => {
    const file = writeCsv(rows('LIVE'));
    const r = await importFile(tdb.db, file, opts({ bulk: 'on' }));
    expect(r.errors).toEqual([]);
    expect(r.mode).toBe('live');
    expect(r.loadedProvinces).toEqual([]);
    expect(await q(`select count(*)::int as n from household`)).toEqual([{ n: 28 }]);
    expect(await q(`select count(*)::int as n from household where household_no like 'ROLE-%'`)).toEqual([
      { n: 14 },
    ]);
  });
});

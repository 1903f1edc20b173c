/**
 * The import's parsing worker (src/modules/import/parse-client.ts, parse-worker.ts) and the summaries
 * refreshed by the import job. Tested: the worker and the main thread give the same report (errors with
 * row, column, code, message and messageZh; warnings; counts) and the same registry; a malformed file
 * and a worker that dies are errors, with the registry unchanged and no hang; an import job leaves no
 * village for the dashboards to refresh (stats_dirty empty), an import without it does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdsFromWorker } from '../../src/modules/import/parse-client.js';
import { readHouseholds, type ParseMessage } from '../../src/modules/import/households.js';
import { UnreadableFileError } from '../../src/modules/import/reader.js';
import { importFile, type ImportOptions, type ImportReport } from '../../src/modules/import/service.js';
import { refreshStats } from '../../src/modules/stats/summary-table.js';
import { login, testApp } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { HEADERS, person, withBadCheckDigit, writeCsv } from '../helpers/import-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  app = await testApp(tdb.db);
  cookie = await login(app, 'county', 'test-password-1');
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: true,
  dryRun: false,
  incomeCeiling: 200_000,
  today: '2026-12-07',
  batchSize: 2, // several batches: the worker's flow control runs
  ...o,
});

/** Good households and bad ones of every kind the parsing side finds, plus an unknown column. */
function mixedRows(prefix: string): string[][] {
  const rows = [
    person(`${prefix}-OK1`, T.villageA1, '龙一', 'head', '1', '1968-03-03'),
    person(`${prefix}-OK1`, T.villageA1, '石一', 'spouse', '2', '1970-04-04'),
    withBadCheckDigit(person(`${prefix}-ID`, T.villageA1, '甲', 'head', '1', '1970-01-01')),
    person(`${prefix}-SEX`, T.villageA1, '乙', 'head', '1', '1971-02-02', { 性别: '女' }),
    person(`${prefix}-NEG`, T.villageA1, '己', 'head', '1', '1975-03-03', { 工资性收入: '-5' }),
    person(`${prefix}-2H`, T.villageA1, '癸', 'head', '1', '1978-03-03'),
    person(`${prefix}-2H`, T.villageA1, '子', 'head', '2', '1979-03-03'),
    person(`${prefix}-OK2`, T.villageA2, '麻二', 'head', '2', '1955-05-05'),
    person(`${prefix}-MIS`, T.villageA2, '丑', 'head', '1', '1960-05-05'),
    person(`${prefix}-MIS`, T.villageA2, '寅', 'son', '1', '1990-05-05', { 工资性收入: '1' }),
    person(`${prefix}-OK3`, T.villageA2, '卯', 'head', '1', '1962-05-05'),
    person(`${prefix}-OK1`, T.villageA1, '辰', 'son', '1', '1999-04-04'), // not adjacent
  ];
  for (let h = 0; h < 9; h++)
    rows.push(person(`${prefix}-M${h}`, T.villageA1, `巳${h}`, 'head', '1', `1966-01-1${h}`));
  return rows.map((r) => [...r, 'x']);
}
/** The template's columns and one the import does not know (a warning). */
const headers = [...HEADERS, '备注列'];

function writeWide(kind: 'csv' | 'xlsx', rows: string[][]): Promise<string> | string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jz-imp-')), `households.${kind}`);
  if (kind === 'csv') {
    fs.writeFileSync(file, [headers, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n');
    return file;
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('农户成员');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return wb.xlsx.writeFile(file).then(() => file);
}

const members = async (prefix: string) =>
  (
    await sql<{ row: string }>`
      select h.household_no || '/' || m.name || '/' || m.id_number || '/' || h.size as row
      from household h join member m on m.household_id = h.id
      where h.household_no like ${`${prefix}%`} order by 1`.execute(tdb.db)
  ).rows.map((r) => r.row);

const withoutTimings = ({ timings: _t, ...r }: ImportReport) => r;

describe('the parsing worker', () => {
  it('gives the report and the registry of the main thread, for CSV and XLSX', async () => {
    for (const kind of ['csv', 'xlsx'] as const) {
      const rows = mixedRows(`W${kind}A`);
      const a = await writeWide(kind, rows);
      const b = await writeWide(kind, rows);
      // the same file imported twice: in the worker into an empty registry, then on the main thread
      // as a re-import of the same households (unchanged) — and a dry run of each for the created counts
      const dryWorker = await importFile(tdb.db, a, opts({ dryRun: true, parseInWorker: true }));
      const dryMain = await importFile(tdb.db, b, opts({ dryRun: true, parseInWorker: false }));
      expect(withoutTimings(dryWorker)).toEqual(withoutTimings(dryMain));
      expect(dryWorker.errors.map((e) => e.code)).toEqual(
        expect.arrayContaining([
          'E_HEAD_COUNT',
          'E_HOUSEHOLD_MISMATCH',
          'E_HOUSEHOLD_NOT_CONTIGUOUS',
          'E_ID_CHECK_DIGIT',
          'E_ID_SEX_MISMATCH',
          'E_RANGE',
        ]),
      );
      expect(dryWorker.errors.every((e) => e.row > 1 && e.column)).toBe(true);
      expect(dryWorker.errors.filter((e) => e.messageZh).length).toBeGreaterThan(3);
      expect(dryWorker.warnings).toEqual(['ignored columns: 备注列']);
      const { imported } = dryWorker.households;
      expect(imported).toBeGreaterThan(3);
      expect(dryWorker.households).toMatchObject({ created: imported, rejected: 18 - imported });
      expect(dryWorker.timings!.readMs).toBeGreaterThan(0);

      const viaWorker = await importFile(tdb.db, a, opts({ parseInWorker: true }));
      expect(viaWorker.committed).toBe(true);
      const registered = await members(`W${kind}A`);
      expect(registered.length).toBe(viaWorker.persons.imported);
      expect(viaWorker.households.created).toBe(imported);
      const viaMain = await importFile(tdb.db, b, opts({ parseInWorker: false }));
      expect(viaMain.households).toMatchObject({ imported, unchanged: imported, created: 0 });
      expect(viaMain.errors).toEqual(viaWorker.errors);
      expect(await members(`W${kind}A`)).toEqual(registered);
    }
  });

  it('yields what reading on the main thread yields, in batches, and ends', async () => {
    const rows: string[][] = [];
    for (let h = 0; h < 40; h++)
      rows.push(person(`WB-${h}`, T.villageA1, `午${h}`, 'head', '1', '1970-02-02'));
    const file = await writeCsv(rows);
    const settings = { today: '2026-12-07', incomeCeiling: 200_000, batchSize: 3 };
    const collect = async (g: AsyncGenerator<ParseMessage>) => {
      const out: ParseMessage[] = [];
      for await (const m of g) out.push(m.type === 'end' ? { ...m, parseMs: 0 } : m);
      return out;
    };
    const viaWorker = await collect(householdsFromWorker(file, settings));
    expect(viaWorker).toEqual(await collect(readHouseholds(file, settings)));
    expect(viaWorker.filter((m) => m.type === 'batch')).toHaveLength(14);
    expect(viaWorker.at(-1)).toMatchObject({ type: 'end', rows: 40, header: true });
  });

  it('a malformed file is an error naming it, the registry unchanged', async () => {
    const good = await writeCsv([person('WBAD-1', T.villageA1, '未', 'head', '1', '1971-01-01')]);
    const text = fs.readFileSync(good, 'utf8');
    const bad = path.join(path.dirname(good), 'broken.csv');
    fs.writeFileSync(bad, `${text}WBAD-2,"${T.villageA1},x,"unclosed\n`);
    await expect(importFile(tdb.db, bad, opts({ acceptValid: false, parseInWorker: true }))).rejects.toThrow(
      UnreadableFileError,
    );
    await expect(importFile(tdb.db, bad, opts({ acceptValid: false }))).rejects.toThrow(/broken\.csv/);
    expect(await members('WBAD')).toEqual([]);
  });

  it('a worker that dies is an error, never a hang, the registry unchanged', async () => {
    const rows: string[][] = [];
    for (let h = 0; h < 3000; h++)
      rows.push(person(`WDIE-${h}`, T.villageA1, `申${h}`, 'head', '1', '1970-02-02'));
    const file = await writeCsv(rows);
    // a heap far too small for the worker: V8 stops it (ERR_WORKER_OUT_OF_MEMORY) while it works
    const limits = { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 };
    const started = Date.now();
    await expect(
      importFile(tdb.db, file, opts({ acceptValid: false, parseInWorker: true, parseWorkerLimits: limits })),
    ).rejects.toThrow(/parsing worker/);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(await members('WDIE')).toEqual([]);
    const job = await sql<{ status: string }>`
      select status from import_job order by started_at desc limit 1`.execute(tdb.db);
    expect(job.rows[0]?.status).toBe('failed');
  });
});

describe('the dashboards summaries after an import', () => {
  const dirty = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from stats_dirty`.execute(tdb.db)).rows[0]!.n;

  it('an import job refreshes them itself: a dashboard read finds nothing to refresh', async () => {
    await refreshStats(tdb.db);
    const file = await writeCsv([
      person('WSUM-1', T.villageA1, '酉', 'head', '1', '1971-01-01', { 户类型: '一般贫困户' }),
      person('WSUM-2', T.villageA2, '戌', 'head', '2', '1972-01-01', { 户类型: '低保户' }),
    ]);
    // without the refresh (the CLI's default, tests), the import leaves its villages marked
    const plain = await importFile(tdb.db, file, opts());
    expect(plain.committed).toBe(true);
    expect(plain.timings!.summariesMs).toBeUndefined();
    expect(await dirty()).toBeGreaterThan(0);
    await refreshStats(tdb.db);
    const timed = await importFile(
      tdb.db,
      await writeCsv([person('WSUM-4', T.villageA2, '甲二', 'head', '1', '1975-01-01')]),
      opts({ refreshSummaries: true }),
    );
    expect(timed.timings!.summariesMs).toBeGreaterThanOrEqual(0);
    expect(await dirty()).toBe(0);

    const file2 = await writeCsv([
      person('WSUM-3', T.villageA1, '亥', 'head', '1', '1973-01-01', { 户类型: '一般贫困户' }),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/imports?filename=sum.csv&acceptValid=false&dryRun=false`,
      headers: { 'content-type': 'application/octet-stream', cookie },
      payload: fs.readFileSync(file2),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    let job: { status: string; report?: { committed: boolean } } = {
      status: 'running',
    };
    for (let i = 0; i < 400 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie } })).json();
    }
    expect(job.status).toBe('done');
    expect(job.report?.committed).toBe(true);
    expect(await dirty()).toBe(0);
    expect(await refreshStats(tdb.db)).toBe(0);
    const summary = await sql<{ households: number }>`
      select coalesce(sum(households), 0)::int as households from stats_village_year
      where village_code = ${T.villageA1} and status = 'poor'`.execute(tdb.db);
    expect(summary.rows[0]!.households).toBeGreaterThanOrEqual(2);
  });

  it('a failing refresh leaves the import committed, with a warning', async () => {
    const file = await writeCsv([person('WSUMF-1', T.villageA1, '甲一', 'head', '1', '1974-01-01')]);
    const seen: unknown[] = [];
    // a summary table gone for the moment: the refresh fails after the import's commit
    await sql`alter table stats_village_year rename to stats_village_year_away`.execute(tdb.db);
    try {
      const report = await importFile(
        tdb.db,
        file,
        opts({ refreshSummaries: true, onSummariesError: (err) => seen.push(err) }),
      );
      expect(report.committed).toBe(true);
      expect(seen).toHaveLength(1);
      expect(report.warnings.join(' ')).toMatch(/summaries were not refreshed/);
    } finally {
      await sql`alter table stats_village_year_away rename to stats_village_year`.execute(tdb.db);
    }
    expect(await members('WSUMF')).toHaveLength(1);
    expect(await dirty()).toBeGreaterThan(0); // left for the next dashboard read
    expect(await refreshStats(tdb.db)).toBeGreaterThan(0);
  });
});

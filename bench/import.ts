/**
 * Import speed: N persons (≈ N/3.3 households) from a generated CSV with validation on, against two
 * ceilings measured in the same run: a raw COPY of the file into an unindexed table of text columns,
 * and the registry's floor — the database alone writing the rows the import wrote (typed, checked)
 * into empty copies of the three registry tables and of the two national key tables (household_key,
 * member_key), keys live, secondary indexes built after. The import runs as `jingzhun import` would
 * (bulk `auto`: on this empty registry, the province's first load, docs/import.md). Peak RSS of this
 * process, its CPU time during the import per person, and the load average at the end.
 * Usage: npx tsx bench/import.ts [persons=1000000] [live] [worker]   (DATABASE_URL set → that server; else embedded)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadRegions } from '../src/modules/regions/loader.js';
import { importFile, tuneHeapForImport } from '../src/modules/import/service.js';
import { writeBenchCsv } from './import-file.js';
import { HEADERS_FOR_BENCH } from './import-headers.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';
import { systemClock } from '../src/kernel/clock.js';

const persons = Number(process.argv[2] ?? 1_000_000);
// `live`: no province load (rows into the live partitions, indexes maintained), for comparison
const live = process.argv.slice(3).includes('live');
// `worker`: the file read and parsed in the parsing worker (parseInWorker), for comparison
const inWorker = process.argv.slice(3).includes('worker');
tuneHeapForImport(); // as `jingzhun import` does
// the partitioned registry tables and the national keys the import writes too (migration 044)
const REGISTRY_TABLES = ['household', 'member', 'household_year', 'household_key', 'member_key'];
const county = '433124';
const { db, engine, close, url } = await benchDatabase('import');
try {
  await loadRegions(db, { counties: [county] });
  const villages = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', `${county}%`)
      .execute()
  ).map((r) => r.code);

  // 1. write the CSV: households of 1–6 persons (mean ≈ 3.5), valid IDs, household fields repeated
  const file = path.join(os.tmpdir(), `jz-bench-import-${persons}.csv`);
  await writeBenchCsv(file, persons, villages);
  const mb = fs.statSync(file).size / 2 ** 20;

  // 2. import with validation
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const report = await importFile(db, file, {
    actor: { id: null, name: 'bench' },
    scope: '',
    acceptValid: false,
    dryRun: false,
    incomeCeiling: 200000,
    today: systemClock.today(),
    provinceLoad: !live,
    parseInWorker: inWorker,
  });
  const importS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rssImport = peakRssMiB();
  if (report.errorsTotal)
    throw new Error(`bench file had errors: ${JSON.stringify(report.errors.slice(0, 3))}`);

  // 3. the ceiling: COPY of the same file into an unindexed table with the same columns as text
  await sql
    .raw(`create unlogged table copy_ceiling (${HEADERS_FOR_BENCH.map((_, i) => `c${i} text`).join(', ')})`)
    .execute(db);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t1 = performance.now();
  await pipeline(
    fs.createReadStream(file),
    client.query(copyFrom(`copy copy_ceiling from stdin with (format csv, header true)`)),
  );
  const copyS = (performance.now() - t1) / 1000;

  // 4. the registry's own floor: the rows the import wrote, already typed and checked, written again by
  // the database alone into empty copies of the five tables (not partitioned: one province's rows),
  // primary and unique keys live, secondary indexes built after the COPY; no foreign keys, no triggers
  const dumps: string[] = [];
  const onFloor = (def: string) => def.replace(/ ON (ONLY )?public\./, ' ON public.floor_');
  const after: string[] = [];
  for (const t of REGISTRY_TABLES) {
    const out = path.join(os.tmpdir(), `jz-bench-${t}.copy`);
    // a partitioned table is copied out through a query (COPY refuses the table itself)
    await pipeline(client.query(copyTo(`copy (select * from ${t}) to stdout`)), fs.createWriteStream(out));
    dumps.push(out);
    await client.query(`create table floor_${t} (like ${t} including defaults including constraints)`);
    const keys = await client.query<{ def: string }>(
      `select pg_get_constraintdef(c.oid) as def from pg_constraint c
       where c.conrelid = '${t}'::regclass and c.contype in ('p', 'u')`,
    );
    for (const k of keys.rows) await client.query(`alter table floor_${t} add ${k.def}`);
    const indexes = await client.query<{ def: string; uniq: boolean }>(
      `select pg_get_indexdef(i.indexrelid) as def, i.indisunique as uniq from pg_index i
       where i.indrelid = '${t}'::regclass
         and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.conrelid = i.indrelid)`,
    );
    for (const { def, uniq } of indexes.rows) {
      const create = onFloor(def).replace(
        /^CREATE (UNIQUE )?INDEX (\S+)/,
        (_m, u = '') => `CREATE ${u}INDEX`,
      );
      // unique indexes (the national person index) are keys: live during the COPY
      if (uniq) await client.query(create);
      else after.push(create);
    }
  }
  const t2 = performance.now();
  await client.query('begin');
  for (let i = 0; i < REGISTRY_TABLES.length; i++)
    await pipeline(
      fs.createReadStream(dumps[i]!),
      client.query(copyFrom(`copy floor_${REGISTRY_TABLES[i]} from stdin`)),
    );
  await client.query(`set local maintenance_work_mem = '256MB'`);
  for (const def of after) await client.query(def);
  await client.query('commit');
  const floorS = (performance.now() - t2) / 1000;
  for (const d of dumps) fs.rmSync(d);
  await client.end();
  fs.rmSync(file);
  console.log(
    JSON.stringify({
      bench: 'import',
      engine,
      machine: machine(),
      persons: report.persons.imported,
      households: report.households.imported,
      fileMiB: +mb.toFixed(0),
      importSeconds: +importS.toFixed(1),
      personsPerSecond: Math.round(report.persons.imported / importS),
      copySeconds: +copyS.toFixed(1),
      copyRowsPerSecond: Math.round(persons / copyS),
      registryFloorSeconds: +floorS.toFixed(1),
      registryFloorPersonsPerSecond: Math.round(report.persons.imported / floorS),
      bulk: report.bulk,
      mode: report.mode,
      parseInWorker: inWorker,
      // wall ms of the import's phases (parse: Node's main loop; check/write: the batches, overlapping it)
      timings: report.timings,
      ratioToFloor: +(importS / floorS).toFixed(2),
      peakRssMiB: Math.round(rssImport),
      // Node's own CPU (user + system, all threads) during the import, per person
      nodeCpuMicrosPerPerson: +((cpu.user + cpu.system) / persons).toFixed(1),
      loadAverage: os.loadavg().map((l) => +l.toFixed(1)),
    }),
  );
} finally {
  await close();
}

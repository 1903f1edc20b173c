/**
 * Import speed: N persons (≈ N/3.3 households) from a generated CSV with validation on, against a raw
 * COPY of the same rows into an unindexed table (the ceiling). Peak RSS of this process, its CPU time
 * during the import per person, and the load average at the end.
 * Usage: npx tsx bench/import.ts [persons=1000000]   (DATABASE_URL set → that server; else embedded)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadRegions } from '../src/modules/regions/loader.js';
import { importFile } from '../src/modules/import/service.js';
import { writeBenchCsv } from './import-file.js';
import { HEADERS_FOR_BENCH } from './import-headers.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';

const persons = Number(process.argv[2] ?? 1_000_000);
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
      peakRssMiB: Math.round(rssImport),
      // Node's own CPU (user + system, all threads) during the import, per person
      nodeCpuMicrosPerPerson: +((cpu.user + cpu.system) / persons).toFixed(1),
      loadAverage: os.loadavg().map((l) => +l.toFixed(1)),
    }),
  );
} finally {
  await close();
}

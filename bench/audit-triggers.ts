/**
 * Cost of the registry's change-capture triggers (migration 024, docs/audit.md "The insider model")
 * on the household import: the same generated file imported into an emptied registry, alternately
 * with the triggers enabled and disabled (`alter table … disable trigger`), `runs` times each; medians
 * and their ratio, the load average beside them.
 * Usage: npx tsx bench/audit-triggers.ts [persons=100000] [runs=2]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { systemClock } from '../src/kernel/clock.js';
import { importFile, tuneHeapForImport } from '../src/modules/import/service.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { writeBenchCsv } from './import-file.js';
import { benchDatabase, machine } from './lib.js';

const persons = Number(process.argv[2] ?? 100_000);
const runs = Number(process.argv[3] ?? 2);
const TABLES = ['household', 'member', 'household_year', 'status_history'];
tuneHeapForImport();
const { db, engine, close } = await benchDatabase('audit-triggers');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
try {
  await loadRegions(db, { counties: ['433124'] });
  const villages = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', '433124%')
      .execute()
  ).map((r) => r.code);
  const file = path.join(os.tmpdir(), `jz-bench-triggers-${persons}.csv`);
  await writeBenchCsv(file, persons, villages);
  const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
  let changes = 0;
  for (let i = 0; i < runs * 2; i++) {
    const mode = i % 2 === 0 ? 'on' : 'off';
    await sql`truncate household, member, household_year, status_history cascade`.execute(db);
    for (const t of TABLES)
      await sql.raw(`alter table ${t} ${mode === 'on' ? 'enable' : 'disable'} trigger user`).execute(db);
    const before = Number(
      (await sql<{ n: string }>`select count(*) as n from row_change`.execute(db)).rows[0]!.n,
    );
    const t0 = performance.now();
    const report = await importFile(db, file, {
      actor: { id: null, name: 'bench' },
      scope: '',
      acceptValid: false,
      dryRun: false,
      incomeCeiling: 200000,
      today: systemClock.today(),
    });
    times[mode].push((performance.now() - t0) / 1000);
    if (report.errorsTotal)
      throw new Error(`bench file had errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const after = Number(
      (await sql<{ n: string }>`select count(*) as n from row_change`.execute(db)).rows[0]!.n,
    );
    if (mode === 'on') changes = after - before;
    console.log(`run ${i + 1}: triggers ${mode}, ${times[mode].at(-1)!.toFixed(2)} s (bulk ${report.bulk})`);
  }
  const result = {
    bench: 'audit-triggers',
    engine,
    machine: machine(),
    persons,
    runs,
    importSecondsTriggersOn: times.on,
    importSecondsTriggersOff: times.off,
    medianOn: median(times.on),
    medianOff: median(times.off),
    ratio: median(times.on) / median(times.off),
    rowChangeRowsPerImport: changes,
    loadAverage: os.loadavg(),
  };
  console.log(JSON.stringify(result, null, 2));
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(
    `bench/results/audit-triggers-${persons}-embedded.json`,
    `${JSON.stringify(result, null, 2)}\n`,
  );
  fs.rmSync(file, { force: true });
} finally {
  await close();
}

/**
 * Import availability: while a bulk import of N households runs, a reader reads other households'
 * detail (household, members, years) every 50 ms; max and p99 of those reads during the import beside
 * the same reads with no import (the yardstick, same run), and the import's persons/s — for the bulk
 * modes: `locked` (`lockTables`: indexes dropped and rebuilt under ACCESS EXCLUSIVE locks), `live`
 * (indexes kept, no table lock; the seed is in the same province) and `partition` (a province's first
 * load: the seed lies in another province, 522631 in Guizhou, whose readers wait only while the loaded
 * tables are swapped in), each on a fresh database seeded with the same households.
 * Usage: npx tsx bench/import-availability.ts [households=100000] [seedHouseholds=20000] [modes=partition,live,locked]
 *        (DATABASE_URL set → that server; else embedded)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { connect } from '../src/db/database.js';
import { systemClock } from '../src/kernel/clock.js';
import { importFile, tuneHeapForImport, type ImportOptions } from '../src/modules/import/service.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { writeBenchCsv } from './import-file.js';
import { benchDatabase, machine, percentile } from './lib.js';

const households = Number(process.argv[2] ?? 100_000);
const seedHouseholds = Number(process.argv[3] ?? 20_000);
const county = '433124';
/** The seed's county in partition mode: another province. */
const otherCounty = '522631';
const modes = (process.argv[4] ?? 'partition,live,locked').split(',') as Mode[];
type Mode = 'partition' | 'live' | 'locked';
const PERSONS_PER_HOUSEHOLD = 3.5; // writeBenchCsv's mean
tuneHeapForImport();

/** One CSV of seed + import households, split at a household boundary into two files. */
function files(): Promise<{ seed: string; main: string }> {
  const all = path.join(os.tmpdir(), `jz-avail-${households}-${seedHouseholds}.csv`);
  return split(all, Math.ceil((households + seedHouseholds) * PERSONS_PER_HOUSEHOLD));
}

async function split(all: string, persons: number): Promise<{ seed: string; main: string }> {
  const seed = all.replace('.csv', '-seed.csv');
  const main = all.replace('.csv', '-main.csv');
  if (fs.existsSync(seed) && fs.existsSync(main)) return { seed, main };
  const { db, close } = await benchDatabase('avail-villages');
  await loadRegions(db, { counties: [county] });
  const villages = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 5)
      .where('code', 'like', `${county}%`)
      .execute()
  ).map((r) => r.code);
  await close();
  await writeBenchCsv(all, persons, villages);
  const rl = readline.createInterface({ input: fs.createReadStream(all) });
  const a = fs.createWriteStream(seed);
  const b = fs.createWriteStream(main);
  let header = '';
  let n = 0;
  let last = '';
  for await (const line of rl) {
    if (!header) {
      header = line;
      a.write(line + '\n');
      b.write(line + '\n');
      continue;
    }
    const no = line.slice(0, line.indexOf(','));
    if (no !== last) n++;
    last = no;
    (n <= seedHouseholds ? a : b).write(line + '\n');
  }
  await Promise.all([new Promise((r) => a.end(r)), new Promise((r) => b.end(r))]);
  fs.rmSync(all);
  return { seed, main };
}

interface Run {
  mode: string;
  swapMs: number;
  importSeconds: number;
  persons: number;
  personsPerSecond: number;
  idleReads: { n: number; p50: number; p99: number; max: number };
  duringReads: { n: number; p50: number; p99: number; max: number };
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((x, y) => x - y);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    n: s.length,
    p50: r(percentile(s, 50)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
  };
};

/** The seed file with its households moved to the villages of `otherCounty`. */
async function seedElsewhere(seed: string, villages: string[]): Promise<string> {
  const out = seed.replace('.csv', `-${otherCounty}.csv`);
  const w = fs.createWriteStream(out);
  let header = true;
  let n = 0;
  let last = '';
  for await (const line of readline.createInterface({ input: fs.createReadStream(seed) })) {
    if (header) {
      w.write(line + '\n');
      header = false;
      continue;
    }
    const cells = line.split(',');
    if (cells[0] !== last) n++;
    last = cells[0]!;
    cells[1] = villages[n % villages.length]!;
    w.write(cells.join(',') + '\n');
  }
  await new Promise((r) => w.end(r));
  return out;
}

async function run(mode: Mode, f: { seed: string; main: string }): Promise<Run> {
  const { db, url, close } = await benchDatabase(`avail-${mode}`);
  try {
    await loadRegions(db, { counties: mode === 'partition' ? [county, otherCounty] : [county] });
    let seedFile = f.seed;
    if (mode === 'partition') {
      const others = await db
        .selectFrom('region')
        .select('code')
        .where('level', '=', 5)
        .where('code', 'like', `${otherCounty}%`)
        .execute();
      seedFile = await seedElsewhere(
        f.seed,
        others.map((r) => r.code),
      );
    }
    const opts: ImportOptions = {
      actor: { id: null, name: 'bench' },
      scope: '',
      acceptValid: false,
      dryRun: false,
      incomeCeiling: 200000,
      today: systemClock.today(),
    };
    const seeded = await importFile(db, seedFile, { ...opts, bulk: 'off' });
    if (seedFile !== f.seed) fs.rmSync(seedFile);
    if (seeded.errorsTotal) throw new Error(`seed errors: ${JSON.stringify(seeded.errors.slice(0, 3))}`);
    const ids = (await db.selectFrom('household').select('id').execute()).map((r) => r.id);
    const reader = connect(url, 1).pool;
    let stop = false;
    const readLoop = async (out: number[]) => {
      while (!stop) {
        const id = ids[Math.floor(Math.random() * ids.length)]!;
        const t = performance.now();
        await reader.query('select * from household where id = $1', [id]);
        await reader.query('select * from member where household_id = $1 order by id', [id]);
        await reader.query('select * from household_year where household_id = $1', [id]);
        out.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const idle: number[] = [];
    const idleLoop = readLoop(idle);
    await new Promise((r) => setTimeout(r, 10_000));
    stop = true;
    await idleLoop;
    stop = false;
    const during: number[] = [];
    const loop = readLoop(during);
    const t0 = performance.now();
    const report = await importFile(db, f.main, { ...opts, bulk: 'on', lockTables: mode === 'locked' });
    if ((mode === 'partition') !== (report.mode === 'partition')) throw new Error(`ran as ${report.mode}`);
    const importSeconds = (performance.now() - t0) / 1000;
    stop = true;
    await loop;
    await reader.end();
    if (report.errorsTotal) throw new Error(`import errors: ${JSON.stringify(report.errors.slice(0, 3))}`);
    const persons = report.persons.imported;
    return {
      mode: {
        locked: 'bulk, indexes dropped (ACCESS EXCLUSIVE)',
        live: 'bulk, indexes kept, no table lock',
        partition: 'first load of a province: own tables, swapped in (readers of another province)',
      }[mode],
      swapMs: report.timings?.swapMs ?? 0,
      importSeconds: Math.round(importSeconds * 10) / 10,
      persons,
      personsPerSecond: Math.round(persons / importSeconds),
      idleReads: stats(idle),
      duringReads: stats(during),
    };
  } finally {
    await close();
  }
}

const f = await files();
const runs: Run[] = [];
for (const m of modes) runs.push(await run(m, f));
const result = {
  bench: 'import-availability',
  households,
  seedHouseholds,
  machine: machine(),
  loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  date: systemClock.today(),
  readsEveryMs: 50,
  runs,
  maxReadDuringVsIdle: runs.map((r) => Math.round((r.duringReads.max / r.idleReads.max) * 10) / 10),
};
const out = path.join(
  'bench/results',
  `import-availability-${households}${process.argv[4] ? `-${modes.join('-')}` : ''}.json`,
);
fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
for (const p of [f.seed, f.main]) fs.rmSync(p, { force: true });

/**
 * Measures of a province from per-county parts against the whole province's store (the yardstick),
 * in the same run (docs/measures.md "Province and nation"). Generates `counties` counties of Hunan (43)
 * with the demo generator into a throw-away database (the demo county 433124 first), then runs each
 * way in a process of its own (so each peak resident memory is its own): the province request cold
 * (nothing held), warm (the same request again) and warm with a new line (parts or store held, the
 * answer computed again); prints one JSON object, also written to bench/results/.
 * Usage: npx tsx bench/measures-parts.ts [counties=6] [scale=0.05] [runs=5]
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { connect } from '../src/db/database.js';
import { generateDemo } from '../src/demo/service.js';
import type { AuthUser } from '../src/kernel/user.js';
import { createMeasuresService } from '../src/modules/measurement/service.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { createRegionService } from '../src/modules/regions/service.js';
import { benchDatabase, machine, peakRssMiB } from './lib.js';

const PROVINCE = '43';
const DEMO = '433124';
const YEAR = 2025;
const BUDGET_MIB = 512; // JZ_MEASURES_CACHE_MB's default

interface ChildResult {
  mode: 'parts' | 'whole';
  households: number;
  rssBeforeMiB: number;
  coldMs: number;
  peakRssColdMiB: number;
  warmMs: number;
  warmNewLineMs: number;
  peakRssMiB: number;
  heldMiB: number;
  answer: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One way, in this (child) process: prints its ChildResult on stdout. */
async function child(mode: 'parts' | 'whole', url: string, runs: number) {
  const { db } = connect(url, 10);
  const admin: AuthUser = { id: '0', username: 'bench', displayName: 'bench', role: 'admin', scopeCode: '' };
  const measures = createMeasuresService(db, createRegionService(db), {
    lineFor: async () => 4000,
    cacheBytes: BUDGET_MIB * 2 ** 20,
    parts: mode === 'parts',
  });
  const q = { region: PROVINCE, year: YEAR, population: 'all' as const };
  const rssBeforeMiB = process.memoryUsage().rss / 2 ** 20;
  const timed = async (line?: number) => {
    const t = performance.now();
    const a = await measures.measures(admin, { ...q, line });
    return { ms: performance.now() - t, a };
  };
  const cold = await timed();
  const peakRssColdMiB = peakRssMiB();
  const warm: number[] = [];
  const newLine: number[] = [];
  for (let i = 0; i < runs; i++) {
    warm.push((await timed()).ms);
    newLine.push((await timed(3000 + i)).ms);
  }
  const held =
    mode === 'parts'
      ? measures.parts.bytes()
      : (await measures.cache.usage()).reduce((s, u) => s + u.bytes, 0);
  const { region: _r, ...numbers } = cold.a;
  const out: ChildResult = {
    mode,
    households: cold.a.households,
    rssBeforeMiB: +rssBeforeMiB.toFixed(0),
    coldMs: +cold.ms.toFixed(0),
    peakRssColdMiB: +peakRssColdMiB.toFixed(0),
    warmMs: +median(warm).toFixed(1),
    warmNewLineMs: +median(newLine).toFixed(0),
    peakRssMiB: +peakRssMiB().toFixed(0),
    heldMiB: +(held / 2 ** 20).toFixed(1),
    answer: createHash('sha256').update(JSON.stringify(numbers)).digest('hex'),
  };
  process.stdout.write(JSON.stringify(out));
  await db.destroy();
}

function runChild(mode: 'parts' | 'whole', url: string, runs: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), ['--child', mode, url, String(runs)], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    p.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    p.on('error', reject);
    p.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as ChildResult) : reject(new Error(`${mode}: exit ${code}`)),
    );
  });
}

async function main() {
  const counties = Number(process.argv[2] ?? 6);
  const scale = Number(process.argv[3] ?? 0.05);
  const runs = Number(process.argv[4] ?? 5);
  const bench = await benchDatabase('parts');
  try {
    await loadRegions(bench.db);
    const others = (
      await sql<{ code: string }>`select code from region where level = 3 and code like ${`${PROVINCE}%`}
        and code <> ${DEMO} order by code`.execute(bench.db)
    ).rows.map((r) => r.code);
    const chosen = [DEMO, ...others.slice(0, counties - 1)];
    await loadRegions(bench.db, { counties: chosen });
    const t0 = performance.now();
    for (const [i, code] of chosen.entries()) {
      const res = await generateDemo(bench.db, { countyCode: code, seed: 2014 + i, scale });
      console.error(`county ${i + 1}/${chosen.length} ${code}: ${res.households} households`);
    }
    await sql`analyze`.execute(bench.db);
    const loadSeconds = +((performance.now() - t0) / 1000).toFixed(0);
    const totals = await sql<{ h: string; r: string }>`select (select count(*) from household)::text as h,
      (select count(*) from household_year)::text as r`.execute(bench.db);
    const parts = await runChild('parts', bench.url, runs);
    const whole = await runChild('whole', bench.url, runs);
    const result = {
      machine: machine(),
      engine: bench.engine,
      counties: chosen.length,
      scale,
      households: Number(totals.rows[0]!.h),
      yearlyRows: Number(totals.rows[0]!.r),
      householdsInYear: parts.households,
      loadSeconds,
      budgetMiB: BUDGET_MIB,
      parts,
      whole,
      sameAnswer: parts.answer === whole.answer,
      partBytesPerHousehold: +((parts.heldMiB * 2 ** 20) / parts.households).toFixed(1),
      storeBytesPerHousehold: +((whole.heldMiB * 2 ** 20) / Number(totals.rows[0]!.h)).toFixed(1),
    };
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(
      `bench/results/measures-parts-${counties}x${scale}.json`,
      `${JSON.stringify(result, null, 2)}\n`,
    );
    if (!result.sameAnswer) process.exitCode = 1;
  } finally {
    await bench.close();
  }
}

if (process.argv[2] === '--child')
  await child(process.argv[3] as 'parts' | 'whole', process.argv[4]!, Number(process.argv[5] ?? 5));
else await main();

/**
 * Plans: time of the demo extension `plans` and of the county gap list / summary on a scale-1 demo county.
 * Usage: npx tsx bench/plans.ts [dataDir=/tmp/jz-bench-plans] [runs=3]
 * The data folder is kept between runs (the first run generates the demo county, a few minutes).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../src/db/database.js';
import { startEmbedded } from '../src/db/embedded.js';
import { migrate } from '../src/db/migrate.js';
import { syncCodeLists } from '../src/modules/codelists/service.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { generateDemo } from '../src/demo/service.js';
import { passiveExitsDemo } from '../src/demo/seeders/passive-exits.js';
import { plansDemo } from '../src/demo/seeders/plans.js';
import { createPlanService } from '../src/modules/plans/service.js';
import { machine } from './lib.js';
import { clockOf } from '../src/kernel/clock.js';

const dir = process.argv[2] ?? path.join(os.tmpdir(), 'jz-bench-plans');
const runs = Number(process.argv[3] ?? 3);
const county = '433124';
const fresh = !fs.existsSync(path.join(dir, 'pg'));
fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
// BENCH_URL: a server already running on the data folder (e.g. for profiling)
const server = process.env.BENCH_URL
  ? { url: process.env.BENCH_URL, stop: async () => undefined }
  : await startEmbedded({ dataDir: dir });
const { db } = connect(server.url, 10);
const load = () => os.loadavg()[0]!.toFixed(1);
const s = (t: number) => +((performance.now() - t) / 1000).toFixed(2);
const today = new Date();
const ctx = { db, countyCode: county, seed: 2014, scale: 1, today, log: (l: string) => console.log(l) };
try {
  await migrate(db);
  if (fresh) {
    await syncCodeLists(db);
    await loadRegions(db, { counties: [county] });
    const t = performance.now();
    await generateDemo(db, { countyCode: county, seed: 2014, scale: 1 });
    await passiveExitsDemo.clear(ctx);
    await passiveExitsDemo.seed(ctx);
    console.log(`demo county generated in ${s(t)} s`);
  }
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await plansDemo.clear(ctx);
    const clear = s(t);
    const t1 = performance.now();
    await plansDemo.seed(ctx);
    out.push({ step: 'demo plans', clear, seed: s(t1), load: load() });
  }
  await sql`vacuum analyze household_plan`.execute(db);
  await sql`vacuum analyze plan_measure`.execute(db);
  const svc = createPlanService(
    db,
    clockOf(() => today),
  );
  // BENCH_RESET_FITS: time the first read after every stored fit was reset (as after a catalogue edit)
  if (process.env.BENCH_RESET_FITS) await sql`update household_plan set fits = null`.execute(db);
  const admin = { id: '0', username: 'admin', displayName: 'admin', role: 'admin' as const, scopeCode: '' };
  const year = today.getFullYear();
  for (let i = 0; i < (process.env.BENCH_SKIP_API ? 0 : runs + 1); i++) {
    let t = performance.now();
    const sum = await svc.summary(admin, { region: county, year });
    const tSum = s(t);
    t = performance.now();
    const gaps = await svc.gaps(admin, { region: county, year, page: 1, pageSize: 20 });
    out.push({
      step: 'api',
      summary: tSum,
      gaps: s(t),
      plans: sum.plans,
      notFitting: sum.notFitting,
      gapTotal: gaps.total,
      byProblem: gaps.byProblem,
      load: load(),
    });
  }
  console.log(JSON.stringify({ bench: 'plans', machine: machine(), results: out }, null, 1));
} finally {
  await db.destroy();
  await server.stop();
}

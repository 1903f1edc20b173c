/**
 * Province-scale benchmark (issue 22 item 4; docs/scaling.md#the-province-benchmark).
 *
 * 1. `serve --demo` on a data folder: the demo county 433124 (花垣县) with every extension and the
 *    demo accounts.
 * 2. County scale, the yardstick: every scenario below measured on that registry alone.
 * 3. The province: every other county of Hunan (43) in the division list gets its villages and a
 *    synthetic census from the demo generator (`generateDemo`, one county at a time: the province is
 *    never held in memory), written while the server runs; then `analyze`.
 * 4. Province scale: the same scenarios again, and the province's and a prefecture's dashboards and
 *    measures; memory of the server (VmHWM) after each phase.
 *
 * Each scenario: autocannon, `connections` concurrent users for `seconds`, rotating paths, twice:
 * paced (each user a request a second at most) and saturated (each user's next request on the
 * answer); exact p50/p95/p99 from every response's time and the requests served a second. The batch evaluation and the quality run of the demo
 * county are timed as jobs (`POST /api/jobs`, polled) in both phases.
 *
 * Usage: npx tsx bench/province.ts [scale=0.75] [seconds=10] [counties=all] [connections=50] [dir]
 *   `dir`: a data folder to use and keep (a run that failed keeps its folder and prints it; given
 *   again, counties that already have households are not generated again). [phases=both|county|province|generate]:
 *   `county` measures the county phase only (the yardstick alone); `province` skips the county phase
 *   and the generation (a kept province measured again, e.g. after a change); `generate` only
 *   generates (beside it, `npx tsx bench/province-generate.ts <dir>` generates from the other end).
 *   scale 0.75 ≈ 41,000 households a county: ≥ 5 million households, ≥ 19 million persons for
 *   Hunan's 122 counties (about an hour and 30–40 GB of disk on an idle 2-core machine);
 *   [only]: the scenarios whose name contains it (e.g. 'measures, province'), in a file of their own.
 *   `counties` limits how many other counties are generated (the CI-sized run: 2 counties, scale 0.01).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { connect } from '../src/db/database.js';
import { refreshStats } from '../src/modules/stats/summary-table.js';
import { machine, percentile, demoLogin } from './lib.js';
import { generateCounties, provinceCounties } from './province-generate.js';

const scale = Number(process.argv[2] ?? 0.75);
const seconds = Number(process.argv[3] ?? 10);
const countyLimit = process.argv[4] && process.argv[4] !== 'all' ? Number(process.argv[4]) : Infinity;
const connections = Number(process.argv[5] ?? 50);
/**
 * `both`, `county` (the yardstick alone), `province` (a kept folder measured again, no generation) or
 * `generate` (generation only; a second generator can run beside it: bench/province-generate.ts).
 */
const phases = process.argv[7] ?? 'both';
/** Only the scenarios whose name contains this (e.g. `measures, province`), written to a file of their own. */
const only = process.argv[8];
const COLD_LIMIT_MS = 15 * 60_000;
/** Requests a second of each paced user (autocannon's connectionRate). */
const PACE = 1;
const DEMO = '433124';
const PROVINCE = '43';
const PREFECTURE = '4331';
const TOWNSHIP = '433124110';
const keptDir = process.argv[6];
const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jz-province-'));
// a kept folder that already holds the demo: no first rule run to wait for
const reused = fs.existsSync(path.join(dataDir, 'pg'));
let succeeded = false;
const port = 40000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const password = process.env.JZ_DEMO_PASSWORD ?? 'jingzhun-demo';

// the embedded database of the data folder, whatever server the caller's environment names (CI sets
// DATABASE_URL for its PostgreSQL 15 tier)
const { DATABASE_URL: _url, DATABASE_READ_URL: _readUrl, ...callerEnv } = process.env;
const server = spawn(process.execPath, ['bin/jingzhun.js', 'serve', '--demo'], {
  env: {
    ...callerEnv,
    JZ_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JZ_QUALITY_INTERVAL_HOURS: '0',
    JZ_RULE_RUN_INTERVAL_HOURS: '0',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
const stop = () => server.kill('SIGTERM');
process.once('exit', stop);
// ready when serving and the demo's first rule run (it fills the worklists after the server answers)
// has ended: nothing of the server's own runs beside the measurements
await new Promise<void>((resolve, reject) => {
  let serving = false;
  let ruleRun = reused;
  const watch = (d: Buffer) => {
    process.stderr.write(d);
    const text = d.toString();
    serving ||= /serving on/.test(text);
    ruleRun ||= /worklists: rule run|demo rule run failed/.test(text);
    if (serving && ruleRun) resolve();
  };
  server.stdout.on('data', watch);
  server.stderr.on('data', watch);
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

/**
 * One GET, waiting up to COLD_LIMIT_MS for the answer: a province's cold measures take minutes, and
 * fetch gives up on headers after 300 s (undici's headersTimeout: the first province run's
 * 'fetch failed').
 */
function coldGet(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { cookie }, timeout: COLD_LIMIT_MS }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer in ${COLD_LIMIT_MS} ms`)));
    req.once('error', reject);
  });
}

/** The server's memory: resident now and its peak, MiB. */
function serverMemory() {
  const status = fs.readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 1024), peakMiB: Math.round(kib('VmHWM') / 1024) };
}

const login = (username: string) => demoLogin(base, username, password);

const owner = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-owner.json'), 'utf8')) as { port: number };
const pgPassword = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
const { db } = connect(
  `postgres://postgres:${encodeURIComponent(pgPassword)}@localhost:${owner.port}/jingzhun`,
  4,
);

interface Summary {
  requests: number;
  perSecond: number;
  p50ms: number;
  p95ms: number;
  p99ms: number;
  non2xx: number;
}

/**
 * autocannon on rotating paths as one user; exact percentiles from every response's time. `rate`:
 * requests a second each connection sends at most (paced users); none = as fast as answers come
 * (saturation: each connection sends its next request on the answer, so latency = users ÷ throughput).
 */
function load(cookie: string, paths: (i: number) => string, rate?: number): Promise<Summary> {
  const times: number[] = [];
  let errors = 0;
  let i = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        ...(rate ? { connectionRate: rate } : {}),
        headers: { cookie },
        requests: [{ setupRequest: (req) => ({ ...req, path: paths(i++) }) }],
      },
      (err) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        times.sort((a, b) => a - b);
        const r = (x: number) => +x.toFixed(1);
        resolve({
          requests: times.length,
          perSecond: Math.round(times.length / seconds),
          p50ms: r(percentile(times, 50)),
          p95ms: r(percentile(times, 95)),
          p99ms: r(percentile(times, 99)),
          non2xx: errors,
        });
      },
    );
    instance.on('response', (_c, status: number, _b, ms: number) => {
      times.push(ms);
      if (status < 200 || status >= 300) errors++;
    });
  });
}

/** A background job of the demo county, started and polled to its end: seconds. */
async function timedJob(cookie: string, kind: 'evaluation' | 'quality', year: number): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/jobs`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ kind, region: DEMO, ...(kind === 'evaluation' ? { year } : {}) }),
  });
  if (res.status !== 202) throw new Error(`${kind} job: HTTP ${res.status} ${await res.text()}`);
  const { id } = (await res.json()) as { id: string };
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    // a poll lost on a closing keep-alive connection is polled again
    const job = (await fetch(`${base}/api/jobs/${id}`, { headers: { cookie } })
      .then((r) => r.json())
      .catch(() => ({ status: 'running' }))) as { status: string };
    if (job.status !== 'running') {
      if (job.status !== 'done') throw new Error(`${kind} job ended ${job.status}`);
      return +((performance.now() - t0) / 1000).toFixed(1);
    }
  }
}

/** Sample paths from the registry of a region: detail ids, names and ID-number prefixes. */
async function samples(region: string) {
  const rows = await sql<{ id: string; name: string; id_number: string }>`
    select m.household_id::text as id, m.name, m.id_number from member m
    where m.village_code >= ${region} and m.village_code < ${region + '~'} and m.relation = 'head'
    order by md5(m.id::text) limit 500`.execute(db);
  return rows.rows;
}

async function phase(label: string, admin: string, county: string, year: number, wide: boolean) {
  const people = await samples(wide ? PROVINCE : DEMO);
  const pick = <T>(i: number, list: T[]) => list[i % list.length]!;
  const scenarios: Record<string, [string, (i: number) => string]> = {
    'dashboard, county': [county, () => `/api/stats/summary?region=${DEMO}&year=${year}`],
    'household search, name': [
      county,
      (i) => `/api/households?region=${DEMO}&q=${encodeURIComponent(pick(i, people).name)}`,
    ],
    'household search, ID prefix': [
      county,
      (i) => `/api/households?region=${DEMO}&q=${pick(i, people).id_number.slice(0, 10)}`,
    ],
    'household detail': [admin, (i) => `/api/households/${pick(i, people).id}`],
    'household list of a township': [county, () => `/api/households?region=${TOWNSHIP}`],
    'measures, county (warm)': [county, () => `/api/measures?region=${DEMO}&year=${year}`],
  };
  if (wide) {
    scenarios['dashboard, province'] = [admin, () => `/api/stats/summary?region=${PROVINCE}&year=${year}`];
    scenarios['dashboard, prefecture'] = [
      admin,
      () => `/api/stats/summary?region=${PREFECTURE}&year=${year}`,
    ];
    scenarios['measures, province (warm)'] = [admin, () => `/api/measures?region=${PROVINCE}&year=${year}`];
  }
  const out: Record<string, unknown> = {};
  for (const [name, [cookie, paths]] of Object.entries(scenarios)) {
    if (only && !name.includes(only)) continue;
    // one request first: the measures' store read (cold) is timed apart from the warm figures
    try {
      const t0 = performance.now();
      const status = await coldGet(base + paths(0), cookie);
      const coldMs = +(performance.now() - t0).toFixed(1);
      if (status !== 200) throw new Error(`HTTP ${status} after ${coldMs} ms`);
      // paced: each user sends a request a second at most (PACE); then saturated: no pause at all
      const paced = await load(cookie, paths, PACE);
      const saturated = await load(cookie, paths);
      out[name] = { coldMs, paced, saturated, load: +os.loadavg()[0]!.toFixed(2) };
    } catch (err) {
      out[name] = { error: (err as Error).message }; // recorded; the other scenarios still run
    }
    console.error(label, name, out[name]);
  }
  for (const [name, kind] of [
    ['batch evaluation of a county (s)', 'evaluation'],
    ['quality run of a county (s)', 'quality'],
  ] as const)
    if (!only || name.includes(only))
      out[name] = await timedJob(county, kind, year).catch((err: Error) => ({ error: err.message }));
  out['server memory'] = serverMemory();
  return out;
}

/** The result, on stdout and in bench/results (named by scale and phases). */
function write(result: Record<string, unknown>) {
  const out = {
    bench: 'province',
    engine: 'embedded PostgreSQL 17',
    machine: machine(),
    scale,
    seconds,
    connections,
    phases,
    ...result,
    loadAverageAtEnd: os.loadavg().map((x) => +x.toFixed(2)),
  };
  fs.mkdirSync('bench/results', { recursive: true });
  const counties = typeof result.counties === 'number' ? `-${result.counties}counties` : '';
  const part = only ? `-only-${only.replace(/[^a-z]+/gi, '-')}` : '';
  const file = `bench/results/province-${scale}${counties}${phases === 'both' ? '' : `-${phases}`}${part}.json`;
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(JSON.stringify(out, null, 1));
  console.error(`wrote ${file}`);
}

try {
  const admin = await login('admin');
  const county = await login('county');
  const year = Number(
    (await sql<{ y: number }>`select max(year) as y from household_year`.execute(db)).rows[0]!.y,
  );
  // fresh statistics for the planner before measuring (the province phase analyzes after its load)
  await sql`analyze`.execute(db);
  const countyScale =
    phases === 'province' || phases === 'generate' ? null : await phase('county', admin, county, year, false);

  const others = (await provinceCounties(db, PROVINCE, DEMO)).slice(0, countyLimit);
  const t0 = performance.now();
  const { households, persons } =
    phases === 'both' || phases === 'generate'
      ? await generateCounties(db, { dataDir, counties: others, scale })
      : { households: 0, persons: 0 };
  const loadSeconds = +((performance.now() - t0) / 1000).toFixed(0);
  if (phases === 'county') write({ countyScale });
  else if (phases === 'generate') console.error(`generated ${households} households in ${loadSeconds} s`);
  else await provincePhase({ admin, county, year, countyScale, households, persons, loadSeconds });
  succeeded = true;
} finally {
  await db.destroy();
  stop();
  await new Promise((r) => server.once('exit', r));
  if (succeeded && !keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
  else console.error(`data folder kept: ${dataDir}`);
}

/** After the generation: the summaries, the size, and the province's scenarios. */
async function provincePhase(o: {
  admin: string;
  county: string;
  year: number;
  countyScale: Record<string, unknown> | null;
  households: number;
  persons: number;
  loadSeconds: number;
}) {
  const { admin, county, year, countyScale, households, persons, loadSeconds } = o;
  await sql`analyze`.execute(db);
  // the dashboards' summaries of the new villages, brought up to date once after the load, as after
  // an import (requests refresh only what changed since the last refresh)
  const r0 = performance.now();
  const refreshedVillages = await refreshStats(db);
  const summariesSeconds = +((performance.now() - r0) / 1000).toFixed(1);
  const size = await sql<{
    bytes: string;
  }>`select pg_database_size(current_database())::text as bytes`.execute(db);
  const totals = await sql<{ h: string; m: string; c: string }>`
    select (select count(*) from household)::text as h, (select count(*) from member)::text as m,
      (select count(distinct left(village_code, 6)) from household_key)::text as c`.execute(db);
  const provinceScale = await phase('province', admin, county, year, true);

  write({
    counties: Number(totals.rows[0]!.c),
    generated: { households, persons, seconds: loadSeconds },
    summaries: { villages: refreshedVillages, seconds: summariesSeconds },
    registry: { households: Number(totals.rows[0]!.h), persons: Number(totals.rows[0]!.m) },
    databaseGiB: +(Number(size.rows[0]!.bytes) / 2 ** 30).toFixed(2),
    countyScale,
    provinceScale,
  });
}

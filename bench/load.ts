/**
 * Load test (issue 15 item 4): `serve --demo` in a child process on a data folder, driven by
 * autocannon at 50 and 200 connections: list, detail, statistics, measures, narrow search, broad
 * search, and detail reads while broad searches run. Yardsticks measured in the same run: the detail
 * read alone (sequential, no load) and the database's own floor (`select 1` round trip).
 * Usage: npx tsx bench/load.ts [dataDir=<fresh temp folder>] [seconds=10]
 * (a fresh folder generates the demo county first, ~1–2 min; pass the same folder again to reuse it)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { machine, percentile } from './lib.js';

const dataDir = path.resolve(process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jz-load-')));
const seconds = Number(process.argv[3] ?? 10);
const port = 39000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
const county = '433124';

const server = spawn(process.execPath, ['bin/jingzhun.js', 'serve', '--demo'], {
  env: {
    ...process.env,
    JZ_DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    JZ_QUALITY_INTERVAL_HOURS: '0',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
await new Promise<void>((resolve, reject) => {
  const watch = (d: Buffer) => {
    process.stderr.write(d);
    if (/serving on/.test(d.toString())) resolve();
  };
  server.stdout.on('data', watch);
  server.stderr.on('data', watch);
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});
const stop = () => server.kill('SIGTERM');
process.once('exit', stop);

const summarise = (times: number[], seconds: number, errors: number) => {
  times.sort((a, b) => a - b);
  const r = (x: number) => +x.toFixed(1);
  return {
    requests: times.length,
    reqPerS: r(times.length / seconds),
    p50ms: r(percentile(times, 50)),
    p95ms: r(percentile(times, 95)),
    p99ms: r(percentile(times, 99)),
    non2xx: errors,
  };
};

try {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county', password: process.env.JZ_DEMO_PASSWORD ?? 'jingzhun-demo' }),
  });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  const owner = JSON.parse(fs.readFileSync(path.join(dataDir, 'pg-owner.json'), 'utf8')) as { port: number };
  const password = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  const client = new pg.Client({
    host: 'localhost',
    port: owner.port,
    user: 'postgres',
    password,
    database: 'jingzhun',
  });
  await client.connect();
  const year = Number((await client.query('select max(year) as y from household_year')).rows[0].y);
  const households = Number((await client.query('select max(id) as n from household')).rows[0].n);
  const names = (await client.query<{ name: string }>('select name from member order by id limit 500')).rows;
  const broadPrefix = (
    await client.query<{ p: string; n: string }>(
      'select left(name, 1) as p, count(distinct household_id) as n from member group by 1 order by 2 desc limit 1',
    )
  ).rows[0]!;
  // the database's floor: `select 1` round trips
  const floor: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    await client.query('select 1');
    floor.push(performance.now() - t0);
  }
  await client.end();

  const detailPath = (i: number) => `/api/households/${1 + ((i * 7919) % households)}`;
  const broadPath = () => `/api/households?q=${encodeURIComponent(broadPrefix.p)}`;
  // the yardstick: the detail read alone, sequential, no load
  const alone: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    const r = await fetch(base + detailPath(i), { headers: { cookie } });
    await r.arrayBuffer();
    alone.push(performance.now() - t0);
  }

  const scenarios: Record<string, (i: number) => string> = {
    list: () => '/api/households',
    detail: detailPath,
    statistics: () => `/api/stats/summary?region=${county}`,
    measures: () => `/api/measures?region=${county}&year=${year}`,
    search: (i) => `/api/households?q=${encodeURIComponent(names[i % names.length]!.name)}`,
    'broad search': broadPath,
  };

  /** autocannon on rotating paths; exact percentiles from every response's time. */
  const run = (paths: (i: number) => string, connections: number) => {
    const times: number[] = [];
    let errors = 0;
    const statuses: Record<number, number> = {};
    let i = 0;
    return new Promise<ReturnType<typeof summarise> & { statuses: Record<number, number> }>(
      (resolve, reject) => {
        const instance = autocannon(
          {
            url: base,
            connections,
            duration: seconds,
            headers: { cookie },
            requests: [{ setupRequest: (req) => ({ ...req, path: paths(i++) }) }],
          },
          (err) =>
            err
              ? reject(err instanceof Error ? err : new Error(String(err)))
              : resolve({ ...summarise(times, seconds, errors), statuses }),
        );
        instance.on('response', (_c, status: number, _bytes, ms: number) => {
          times.push(ms);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status < 200 || status >= 300) errors++;
        });
      },
    );
  };

  const results: Record<string, unknown>[] = [];
  for (const connections of [50, 200]) {
    for (const [name, paths] of Object.entries(scenarios)) {
      const r = await run(paths, connections);
      results.push({ scenario: name, connections, ...r, load: os.loadavg()[0]!.toFixed(2) });
      console.error(name, connections, r);
    }
    // detail reads (10 connections) while broad searches run at `connections`
    const [detail, broad] = await Promise.all([run(detailPath, 10), run(broadPath, connections)]);
    results.push({
      scenario: 'detail beside broad search',
      connections: `10 + ${connections} broad`,
      ...detail,
      broadSearch: broad,
      load: os.loadavg()[0]!.toFixed(2),
    });
    console.error('detail beside broad', connections, detail, broad);
  }

  const out = {
    bench: 'load',
    engine: 'embedded PostgreSQL 17',
    machine: machine(),
    loadAverageAtEnd: os.loadavg().map((x) => +x.toFixed(2)),
    seconds,
    households,
    broadSearch: { prefix: broadPrefix.p, households: Number(broadPrefix.n) },
    yardstick: {
      detailAlone: summarise(alone, alone.reduce((a, b) => a + b, 0) / 1000, 0),
      databaseSelect1: summarise(floor, floor.reduce((a, b) => a + b, 0) / 1000, 0),
    },
    results,
  };
  fs.mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/load-${os.cpus().length}cpu.json`;
  fs.writeFileSync(file, JSON.stringify(out, null, 1) + '\n');
  console.log(JSON.stringify(out, null, 1));
  console.error(`wrote ${file}`);
} finally {
  stop();
}

/**
 * Reads served by a streaming replica vs the primary, in the same run (docs/scaling.md "Read replicas").
 * Needs DATABASE_URL on the machine's PostgreSQL 15 (run as root: the replica is made with
 * `pg_basebackup -R` as the postgres OS user into a temporary folder, started on a port of its own and
 * removed at the end). Two apps in this process on the same demo county: one on the primary alone, one
 * whose read paths are routed to the replica (attachReplicas); requests alternate between them.
 * Cases: the county and township dashboards, a township's household list, a name search, and the
 * measures' cold read of a county's whole store (the SQL the cache runs once per region).
 * Usage: DATABASE_URL=... npx tsx bench/replica-reads.ts [scale=1] [requests=100]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect, type Database } from '../src/db/database.js';
import { attachReplicas } from '../src/db/read-routing.js';
import { generateDemo } from '../src/demo/service.js';
import { ensureDemoAccounts } from '../src/demo/setup.js';
import { measuresRepository } from '../src/modules/measurement/repository.js';
import { loadRegions } from '../src/modules/regions/loader.js';
import { buildApp } from '../src/server/app.js';
import { benchDatabase, machine, percentile } from './lib.js';

if (!process.env.DATABASE_URL) {
  console.error('replica-reads: set DATABASE_URL to the machine PostgreSQL 15 (see .ci/run)');
  process.exit(2);
}
const scale = Number(process.argv[2] ?? 1);
const n = Number(process.argv[3] ?? 100);
const county = '433124';
const BIN = '/usr/lib/postgresql/15/bin';
const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', stdio: 'pipe' });
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const load = () => os.loadavg().map((x) => +x.toFixed(2));

const { db, engine, url, close } = await benchDatabase('replica');
const dir = path.join(os.tmpdir(), `jz-bench-replica-${process.pid}`);
let second: Database | undefined;
try {
  await loadRegions(db, { counties: [county] });
  const gen = await generateDemo(db, { countyCode: county, seed: 2014, scale });
  await sql`analyze`.execute(db);
  await ensureDemoAccounts(db, county, 'bench-password');

  // the replica: a base backup with recovery settings, on its own port
  fs.mkdirSync(dir, { mode: 0o700 });
  execFileSync('chown', ['postgres:postgres', dir]);
  const primaryPort = new URL(url).port || '5432';
  const t0 = performance.now();
  asPostgres(`${BIN}/pg_basebackup`, [
    ...['-h', '/var/run/postgresql', '-p', primaryPort, '-D', dir],
    ...['-R', '-X', 'stream', '-c', 'fast'],
  ]);
  const port = 20000 + (process.pid % 20000);
  fs.writeFileSync(
    path.join(dir, 'postgresql.conf'),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nhot_standby = on\n` +
      `hba_file = '/etc/postgresql/15/main/pg_hba.conf'\nshared_buffers = 128MB\n`,
  );
  execFileSync('chown', ['postgres:postgres', path.join(dir, 'postgresql.conf')]);
  asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
  const replicaMs = performance.now() - t0;
  const ru = new URL(url);
  ru.port = String(port);

  second = connect(url, 10).db;
  const reads = attachReplicas(second, [ru.toString()], { maxLagMs: 5000, checkMs: 1000 });
  for (let i = 0; i < 300 && !reads.status()[0]?.up; i++) {
    await reads.probe();
    await new Promise((r) => setTimeout(r, 100));
  }
  if (!reads.status()[0]?.up) throw new Error(`replica not up: ${reads.status()[0]?.error ?? ''}`);
  const replicaDb = connect(ru.toString(), 2).db;

  const opts = { sessionHours: 1, loginPerMinute: 10_000, logLevel: 'silent' } as const;
  const apps = { primary: await buildApp({ db, ...opts }), replica: await buildApp({ db: second, ...opts }) };
  const cookie: Record<string, string> = {};
  for (const [k, app] of Object.entries(apps)) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'county', password: 'bench-password' },
    });
    cookie[k] = `jz_session=${r.cookies.find((c) => c.name === 'jz_session')!.value}`;
  }
  const townships = (
    await db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 4)
      .where('code', 'like', `${county}%`)
      .execute()
  ).map((r) => r.code);
  const names = (await sql<{ name: string }>`select name from member order by id limit 50`.execute(db)).rows;

  const http: { name: string; url: (i: number) => string }[] = [
    { name: 'dashboard, county', url: () => `/api/stats/summary?region=${county}` },
    {
      name: 'dashboard, township',
      url: (i) => `/api/stats/summary?region=${townships[i % townships.length]}`,
    },
    {
      name: 'household list, township',
      url: (i) => `/api/households?region=${townships[i % townships.length]}`,
    },
    {
      name: 'search by name',
      url: (i) => `/api/households?q=${encodeURIComponent(names[i % names.length]!.name)}`,
    },
  ];
  const loadBefore = load();
  const results = [];
  const servedBefore = reads.served.get('0') ?? 0;
  for (const c of http) {
    const t: Record<'primary' | 'replica', number[]> = { primary: [], replica: [] };
    for (let i = 0; i < n; i++) {
      const order = i % 2 ? (['primary', 'replica'] as const) : (['replica', 'primary'] as const);
      for (const k of order) {
        const s = performance.now();
        const r = await apps[k].inject({ method: 'GET', url: c.url(i), headers: { cookie: cookie[k]! } });
        if (r.statusCode !== 200) throw new Error(`${c.name} (${k}): HTTP ${r.statusCode}`);
        t[k].push(performance.now() - s);
      }
    }
    results.push(row(c.name, t.primary, t.replica));
  }
  // the measures' cold read of a county store: the same query on each server
  const m: Record<'primary' | 'replica', number[]> = { primary: [], replica: [] };
  for (let i = 0; i < Math.max(3, Math.round(n / 20)); i++) {
    for (const [k, h] of i % 2
      ? ([
          ['primary', db],
          ['replica', replicaDb],
        ] as const)
      : ([
          ['replica', replicaDb],
          ['primary', db],
        ] as const)) {
      const s = performance.now();
      await measuresRepository.data(h, { region: county });
      m[k].push(performance.now() - s);
    }
  }
  results.push(row('measures, county store read (cold)', m.primary, m.replica));
  const servedByReplica = (reads.served.get('0') ?? 0) - servedBefore;

  await apps.primary.close();
  await apps.replica.close();
  await reads.close();
  await replicaDb.destroy();
  console.log(
    JSON.stringify(
      {
        bench: 'replica-reads',
        engine,
        machine: machine(),
        loadAverage: { before: loadBefore, after: load() },
        scale,
        households: gen.households,
        persons: gen.persons,
        requests: n,
        replicaBuildMs: Math.round(replicaMs),
        servedByReplica,
        note: 'replica and primary on the same machine (same CPUs and disk): the ratio shows the cost of routing, not added capacity',
        results,
      },
      null,
      1,
    ),
  );
} finally {
  await second?.destroy().catch(() => undefined);
  try {
    asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'immediate', 'stop']);
  } catch {
    // not started
  }
  fs.rmSync(dir, { recursive: true, force: true });
  await close();
  // benchDatabase leaves its database on the server: drop it
  const { db: admin } = connect(process.env.DATABASE_URL, 1);
  await sql.raw(`drop database if exists ${new URL(url).pathname.slice(1)} with (force)`).execute(admin);
  await admin.destroy();
}

function row(name: string, primary: number[], replica: number[]) {
  const p = median(primary);
  const r = median(replica);
  return {
    case: name,
    primaryMedianMs: +p.toFixed(2),
    replicaMedianMs: +r.toFixed(2),
    replicaOverPrimary: +(r / p).toFixed(2),
    primaryP95Ms: +percentile(
      [...primary].sort((a, b) => a - b),
      95,
    ).toFixed(2),
    replicaP95Ms: +percentile(
      [...replica].sort((a, b) => a - b),
      95,
    ).toFixed(2),
  };
}

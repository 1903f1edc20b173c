/**
 * Failover under Patroni + etcd (docs/scaling.md "Failover"): one command, as root, on a machine with the
 * Debian packages `patroni`, `etcd-server` and `postgresql-15`:
 *
 *   npx tsx bench/failover.ts [writeSeconds=25] [--async]
 *
 * Brings up etcd and two PostgreSQL 15 nodes under Patroni in a temporary folder (synchronous
 * replication unless --async), and the manager's endpoint as HAProxy would give it: a TCP port that
 * sends each new connection to the member whose Patroni REST API answers 200 on /primary. The app
 * (buildApp, its own pool) connects there and household edits go through the API one after another;
 * a few seconds in, the leader is killed (its Patroni and its postmaster, SIGKILL: a machine lost).
 * Reports the downtime (from the kill to the first write acknowledged again) and whether every
 * acknowledged write is in the new primary (its audit event). Everything is removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { connect } from '../src/db/database.js';
import { migrate } from '../src/db/migrate.js';
import { syncCodeLists } from '../src/modules/codelists/service.js';
import { buildApp } from '../src/server/app.js';
import { createHousehold, createUser, seedRegions, T } from '../test/helpers/factory.js';
import { machine } from './lib.js';

const writeSeconds = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 25);
const sync = !process.argv.includes('--async');
const BIN = '/usr/lib/postgresql/15/bin';
const base = 20000 + (process.pid % 5000) * 8; // ports: etcd 2, REST 2, PostgreSQL 2, proxy 1
const port = {
  etcd: base,
  peer: base + 1,
  rest: [base + 2, base + 3],
  pg: [base + 4, base + 5],
  proxy: base + 6,
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jz-failover-'));
fs.chmodSync(dir, 0o755);
const procs: ChildProcess[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pgUser = fs.statSync('/var/lib/postgresql'); // the postgres OS user (PostgreSQL refuses root)
/** Start `cmd` as the postgres OS user (its own pid: SIGKILL reaches it, not a wrapper). */
function run(name: string, cmd: string, args: string[]): ChildProcess {
  const out = fs.openSync(path.join(dir, `${name}.log`), 'a');
  const p = spawn(cmd, args, {
    stdio: ['ignore', out, out],
    uid: pgUser.uid,
    gid: pgUser.gid,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
  });
  procs.push(p);
  return p;
}

function patroniConfig(i: number): string {
  const n = i + 1;
  return `scope: jzfailover
name: n${n}
restapi: {listen: 127.0.0.1:${port.rest[i]}, connect_address: 127.0.0.1:${port.rest[i]}}
etcd3: {hosts: 127.0.0.1:${port.etcd}}
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 4
    synchronous_mode: ${sync}
    postgresql: {use_pg_rewind: true, parameters: {wal_level: replica, hot_standby: 'on', max_wal_senders: 5, max_replication_slots: 5}}
  initdb: [{encoding: UTF8}, {locale: C.UTF-8}]
  pg_hba: [host replication repl 127.0.0.1/32 scram-sha-256, host all all 127.0.0.1/32 scram-sha-256, local all all trust]
postgresql:
  listen: 127.0.0.1:${port.pg[i]}
  connect_address: 127.0.0.1:${port.pg[i]}
  data_dir: ${dir}/n${n}
  bin_dir: ${BIN}
  pgpass: ${dir}/pgpass${n}
  authentication: {superuser: {username: postgres, password: fo_su}, replication: {username: repl, password: fo_repl}}
  parameters: {unix_socket_directories: '${dir}'}
`;
}

/** The index of the member answering 200 on /primary (Patroni's REST API), else null. */
async function leader(): Promise<number | null> {
  for (let i = 0; i < 2; i++) {
    const ok = await fetch(`http://127.0.0.1:${port.rest[i]}/primary`, { signal: AbortSignal.timeout(500) })
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) return i;
  }
  return null;
}

async function until<T>(what: string, f: () => Promise<T | null | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== null && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (logs in ${dir})`);
    await sleep(200);
  }
}

let proxy: net.Server | undefined;
try {
  fs.chownSync(dir, pgUser.uid, pgUser.gid);
  for (let i = 0; i < 2; i++)
    fs.writeFileSync(path.join(dir, `n${i + 1}.yml`), patroniConfig(i), { mode: 0o644 });
  const t0 = performance.now();
  run('etcd', 'etcd', [
    ...['--name', 'e1', '--data-dir', `${dir}/etcd`],
    ...[
      '--listen-client-urls',
      `http://127.0.0.1:${port.etcd}`,
      '--advertise-client-urls',
      `http://127.0.0.1:${port.etcd}`,
    ],
    ...[
      '--listen-peer-urls',
      `http://127.0.0.1:${port.peer}`,
      '--initial-advertise-peer-urls',
      `http://127.0.0.1:${port.peer}`,
    ],
    ...['--initial-cluster', `e1=http://127.0.0.1:${port.peer}`],
  ]);
  await until(
    'etcd',
    () =>
      fetch(`http://127.0.0.1:${port.etcd}/health`)
        .then((r) => r.ok)
        .catch(() => false),
    30_000,
  );
  const patroni = [run('n1', 'patroni', [`${dir}/n1.yml`])];
  await until('the first leader', async () => (await leader()) === 0, 60_000);
  patroni.push(run('n2', 'patroni', [`${dir}/n2.yml`]));
  const standby = sync ? 'sync' : 'replica';
  await until(
    `n2 as ${standby}`,
    () =>
      fetch(`http://127.0.0.1:${port.rest[1]}/${standby}`)
        .then((r) => r.status === 200)
        .catch(() => false),
    60_000,
  );
  const upMs = performance.now() - t0;

  // the manager's endpoint: each new connection goes to the current primary
  let primaryNow: number | null = 0;
  const poll = setInterval(() => void leader().then((l) => (primaryNow = l)), 300);
  proxy = net.createServer((client) => {
    if (primaryNow === null) return client.destroy();
    const server = net.connect(port.pg[primaryNow]!, '127.0.0.1');
    client.pipe(server).pipe(client);
    const end = () => (client.destroy(), server.destroy());
    client.on('error', end).on('close', end);
    server.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => proxy!.listen(port.proxy, '127.0.0.1', r));
  const admin = connect(`postgres://postgres:fo_su@127.0.0.1:${port.proxy}/postgres`, 1).db;
  await sql`create database jz`.execute(admin);
  await admin.destroy();
  const { db } = connect(`postgres://postgres:fo_su@127.0.0.1:${port.proxy}/jz`, 5);
  await migrate(db);
  await syncCodeLists(db);
  await seedRegions(db);
  const h = await createHousehold(db, { village: T.villageA1 });
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  const app = await buildApp({ db, sessionHours: 1, loginPerMinute: 1000, logLevel: 'silent' });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'vil', password: 'test-password-1' },
  });
  const cookie = `jz_session=${login.cookies.find((c) => c.name === 'jz_session')!.value}`;

  // writes one after another; the leader is killed a few seconds in
  const acked: string[] = [];
  const ackedAt = new Map<string, number>(); // ms after the kill (-1: before it)
  let failed = 0;
  let killedAt = 0;
  let backAt = 0;
  let seq = 0;
  const killAfterMs = 4000;
  const start = performance.now();
  let row: { version: number; main_cause: string | null } | undefined;
  while (performance.now() - start < writeSeconds * 1000) {
    if (!killedAt && performance.now() - start > killAfterMs) {
      const l = (await leader())!;
      const pid = Number(fs.readFileSync(`${dir}/n${l + 1}/postmaster.pid`, 'utf8').split('\n')[0]);
      patroni[l]!.kill('SIGKILL');
      process.kill(pid, 'SIGKILL');
      killedAt = performance.now();
    }
    try {
      // the version and cause to edit (read on the current primary through the same endpoint): each
      // write changes the cause, so each acknowledged write is a real change with its audit event
      row ??= await db
        .selectFrom('household')
        .select(['version', 'main_cause'])
        .where('id', '=', h.id)
        .executeTakeFirstOrThrow();
      const now = row;
      const reason = `failover write ${++seq}`;
      const r = await app.inject({
        method: 'PATCH',
        url: `/api/households/${h.id}`,
        payload: {
          version: now.version,
          mainCause: now.main_cause === 'illness' ? 'disability' : 'illness',
          reason,
        },
        headers: { cookie },
      });
      if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body.slice(0, 200)}`);
      row = undefined;
      acked.push(reason);
      ackedAt.set(reason, killedAt ? Math.round(performance.now() - killedAt) : -1);
      if (killedAt && !backAt) backAt = performance.now();
    } catch (err) {
      if (failed === 0 || process.env.JZ_FAILOVER_VERBOSE) console.error(`write failed: ${String(err)}`);
      failed++;
      row = undefined;
      await sleep(100);
    }
  }
  clearInterval(poll);
  await app.close();
  const events = await until(
    'the new primary to answer',
    () =>
      db
        .selectFrom('audit_event')
        .select('reason')
        .where('reason', 'like', 'failover write %')
        .execute()
        .catch(() => null),
    60_000,
  );
  const kept = new Set(events.map((r) => r.reason));
  const lost = acked.filter((r) => !kept.has(r));
  if (lost.length && process.env.JZ_FAILOVER_VERBOSE)
    console.error(
      JSON.stringify(
        (await sql`select id, action, reason, at from audit_event order by id limit 6`.execute(db)).rows,
      ),
    );
  await db.destroy();
  console.log(
    JSON.stringify(
      {
        bench: 'failover',
        machine: machine(),
        loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
        mode: sync ? 'synchronous (Patroni synchronous_mode)' : 'asynchronous',
        clusterUpSeconds: +(upMs / 1000).toFixed(1),
        writesAcknowledged: acked.length,
        writesFailed: failed,
        downtimeSeconds: backAt ? +((backAt - killedAt) / 1000).toFixed(2) : null,
        lostAcknowledgedWrites: lost.length,
        lost: lost.map((r) => ({ write: r, msAfterKill: ackedAt.get(r) })),
        newLeader: await leader(),
      },
      null,
      1,
    ),
  );
  if (!backAt || (sync && lost.length > 0)) process.exitCode = 1;
} finally {
  proxy?.close();
  for (const p of procs.reverse()) p.kill('SIGTERM');
  await sleep(3000);
  for (const f of ['n1', 'n2'])
    try {
      const pid = Number(fs.readFileSync(`${dir}/${f}/postmaster.pid`, 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
    } catch {
      // not running
    }
  for (const p of procs) p.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
}

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { attachReplicas, type ReadRouter } from '../../src/db/read-routing.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * Read routing against a REAL streaming replica of the tier's PostgreSQL 15 (the external server):
 * a second cluster made with `pg_basebackup -R` into a temporary folder on another port, run as the
 * postgres OS user, torn down at the end (docs/scaling.md "Read replicas").
 */
const external = process.env.JZ_TEST_ENGINE === 'external';
const BIN = '/usr/lib/postgresql/15/bin';
const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', stdio: 'pipe' });

let tdb: TestDatabase;
let app: FastifyInstance;
let reads: ReadRouter;
let dir = '';
let port = 0;
const cookies: Record<string, string> = {};
let household: { id: string };

const replicaSql = (q: string) => asPostgres(`${BIN}/psql`, ['-h', dir, '-p', String(port), '-qAtc', q]);
const onReplica = async (user: string | null) =>
  reads.as(
    user,
    async () => (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(reads.db)).rows[0]!.r,
  );

async function until(what: string, ok: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!external) return;
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  household = await createHousehold(tdb.db, { village: T.villageA1 });
  await sql`update household set main_cause = 'illness' where id = ${household.id}`.execute(tdb.db);
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  // the replica: a base backup of the primary cluster with its recovery settings (-R), on a port of its own
  const primaryPort = new URL(tdb.url).port || '5432';
  dir = path.join(os.tmpdir(), `jz-replica-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { mode: 0o700 });
  execFileSync('chown', ['postgres:postgres', dir]);
  asPostgres(`${BIN}/pg_basebackup`, [
    '-h',
    '/var/run/postgresql',
    '-p',
    primaryPort,
    '-D',
    dir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast', // a spread checkpoint would wait minutes
  ]);
  port = 20000 + (process.pid % 20000);
  fs.writeFileSync(
    path.join(dir, 'postgresql.conf'),
    `port = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nhot_standby = on\n` +
      `hba_file = '/etc/postgresql/15/main/pg_hba.conf'\nfsync = off\nshared_buffers = 16MB\n`,
  );
  execFileSync('chown', ['postgres:postgres', path.join(dir, 'postgresql.conf')]);
  asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-l', path.join(dir, 'log'), '-w', '-t', '30', 'start']);
  const u = new URL(tdb.url);
  u.port = String(port);
  reads = attachReplicas(tdb.db, [u.toString()], { maxLagMs: 60_000, checkMs: 100 });
  await until('the replica to be probed', async () => (await reads.probe(), reads.status()[0]!.up));
  app = await testApp(tdb.db);
  for (const user of ['vil', 'cty']) cookies[user] = await login(app, user, 'test-password-1');
}, 90_000);

afterAll(async () => {
  await app?.close();
  await reads?.close();
  if (dir) {
    try {
      asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'immediate', 'stop']);
    } catch {
      // already stopped (the "replica down" case)
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await tdb?.drop();
});

const get = (user: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { cookie: cookies[user]! } });
const causeSeen = async (user: string) => {
  const res = await get(user, `/api/households?region=${T.villageA1}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string; mainCause: string }[] }).items.find(
    (i) => i.id === household.id,
  )?.mainCause;
};

describe.skipIf(!external)('read replicas (PostgreSQL 15 streaming replica)', () => {
  it('serves reads from the replica, writes and their readers from the primary', async () => {
    expect(await onReplica(null)).toBe(true);
    const before = reads.served.get('0') ?? 0;
    const res = await get('cty', `/api/stats/summary?region=${T.county}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(reads.served.get('0') ?? 0).toBeGreaterThan(before);
  });

  it('measures the lag and keeps read-your-writes while the replica lags', async () => {
    replicaSql('select pg_wal_replay_pause()');
    try {
      const v = (
        await tdb.db
          .selectFrom('household')
          .select('version')
          .where('id', '=', household.id)
          .executeTakeFirstOrThrow()
      ).version;
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/households/${household.id}`,
        payload: { version: v, mainCause: 'disability', reason: '入户核实致贫原因' },
        headers: { cookie: cookies.vil! },
      });
      expect(res.statusCode, res.body).toBe(200);
      await reads.probe();
      const s = reads.status()[0]!;
      expect(s.lagBytes).toBeGreaterThan(0n); // the primary's WAL is ahead of the paused replay
      // the writer reads the primary (their write is not replayed yet); another user the replica
      expect(await causeSeen('vil')).toBe('disability');
      expect(await causeSeen('cty')).toBe('illness');
      expect(await onReplica(null)).toBe(true);
    } finally {
      replicaSql('select pg_wal_replay_resume()');
    }
    await until(
      'the replica to catch up',
      async () => (await reads.probe(), reads.status()[0]!.lagBytes === 0n),
    );
    expect(await causeSeen('cty')).toBe('disability');
    expect(await causeSeen('vil')).toBe('disability');
  });

  it('skips a replica that lags beyond the limit', async () => {
    const u = new URL(tdb.url);
    u.port = String(port);
    const strict = attachReplicas(tdb.db, [u.toString()], { maxLagMs: 200, checkMs: 60_000 });
    try {
      await strict.probe();
      expect(
        await strict.as(
          null,
          async () =>
            (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(strict.db)).rows[0]!.r,
        ),
      ).toBe(true);
      replicaSql('select pg_wal_replay_pause()');
      await sql`update household set main_cause = 'schooling' where id = ${household.id}`.execute(tdb.db);
      await new Promise((r) => setTimeout(r, 400));
      await strict.probe();
      expect(strict.status()[0]!.lagMs).toBeGreaterThan(200);
      expect(
        await strict.as(
          null,
          async () =>
            (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(strict.db)).rows[0]!.r,
        ),
      ).toBe(false);
    } finally {
      replicaSql('select pg_wal_replay_resume()');
      await strict.close();
    }
  });

  it('falls back to the primary when the replica is down: no 500', async () => {
    asPostgres(`${BIN}/pg_ctl`, ['-D', dir, '-m', 'immediate', 'stop']);
    // before the next probe notices: the failed connection sends the read to the primary
    const res = await get('cty', `/api/stats/summary?region=${T.county}`);
    expect(res.statusCode, res.body).toBe(200);
    await reads.probe();
    expect(reads.status()[0]!.up).toBe(false);
    expect(await onReplica(null)).toBe(false);
    expect((await get('cty', `/api/households?region=${T.villageA1}`)).statusCode).toBe(200);
  });
});

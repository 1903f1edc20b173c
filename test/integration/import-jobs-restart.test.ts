import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportOptions } from '../../src/modules/import/service.js';
import { testApp, login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createUser, seedRegions, T } from '../helpers/factory.js';
import { person, writeCsv } from '../helpers/import-files.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let cookie = '';

const opts = (o: Partial<ImportOptions> = {}): ImportOptions => ({
  actor: { id: null, name: 'test' },
  scope: '',
  acceptValid: false,
  dryRun: false,
  incomeCeiling: 200_000,
  today: '2026-12-07',
  ...o,
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'county', 'county_officer', T.county);
  app = await testApp(tdb.db);
  cookie = await login(app, 'county', 'test-password-1');
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const getJob = (a: FastifyInstance, id: string, url = '') =>
  a.inject({ method: 'GET', url: `/api/imports/${id}${url}`, headers: { cookie } });

async function finishedJob(id: string) {
  for (let i = 0; i < 400; i++) {
    const job = (await getJob(app, id)).json<{ status: string }>();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

/** A pid that is surely gone: a child that has exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('import jobs across a restart', () => {
  it('a finished job answers its report after the server restarts; the upload is not kept', async () => {
    const file = writeCsv([
      person('H-RS-1', T.villageA1, '重启一', 'head', '1', '1970-01-01'),
      person('H-RS-1', T.villageA1, '重启二', 'spouse', '2', '1971-01-01'),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/imports?filename=restart.csv`,
      headers: { 'content-type': 'application/octet-stream', cookie },
      payload: fs.readFileSync(file),
    });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    const done = await finishedJob(id);
    expect(done.status, JSON.stringify(done)).toBe('done');
    await app.close(); // the in-memory jobs and their files go
    app = await testApp(tdb.db);
    const after = await getJob(app, id);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json()).toMatchObject({
      id,
      status: 'done',
      filename: 'restart.csv',
      report: { households: { imported: 1, rejected: 0 }, persons: { imported: 2 }, committed: true },
    });
    const json = await getJob(app, id, '/report.json');
    expect(json.statusCode, json.body).toBe(200);
    expect((await getJob(app, id, '/report.xlsx')).statusCode).toBe(404);
    expect((await getJob(app, randomUUID())).statusCode).toBe(404);
  });

  it('a job running when its server died answers interrupted, and the registry tables are vacuumed', async () => {
    const userId = (
      await tdb.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'county')
        .executeTakeFirstOrThrow()
    ).id;
    const id = randomUUID();
    await tdb.db
      .insertInto('import_job')
      .values({
        id,
        origin: 'web',
        owner_id: userId,
        region_code: T.county,
        status: 'running',
        filename: 'cut.csv',
        started_at: new Date(),
        host: os.hostname(),
        pid: deadPid(),
      })
      .execute();
    await app.close();
    app = await testApp(tdb.db);
    const res = await getJob(app, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'interrupted' });
    expect(res.json<{ message: string }>().message).toMatch(/nothing of it was committed/);
    const row = await tdb.db
      .selectFrom('import_job')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.vacuumed_at).not.toBeNull();
  });
});

async function lastVacuum(): Promise<Date | null> {
  await sql`select pg_stat_clear_snapshot()`.execute(tdb.db);
  const r = await sql<{ v: Date | null }>`
    select max(last_vacuum) as v from pg_stat_user_tables where relname like 'member\_p%'`.execute(tdb.db);
  return r.rows[0]?.v ?? null;
}

describe('bulk imports', () => {
  it('a rolled-back bulk import is followed by a vacuum of the tables it wrote', async () => {
    const before = await lastVacuum();
    const rows: string[][] = [];
    for (let i = 0; i < 20; i++)
      rows.push(person(`H-VAC-${i}`, T.villageA1, `空${i}`, 'head', '1', '1970-01-01'));
    rows.push(person('H-VAC-BAD', '433124110999', '坏', 'head', '1', '1970-01-01'));
    const r = await importFile(tdb.db, writeCsv(rows), opts({ bulk: 'on', batchSize: 5 }));
    expect(r.bulk).toBe(true);
    expect(r.committed).toBe(false);
    let after: Date | null = null;
    for (let i = 0; i < 50 && !after; i++) {
      after = await lastVacuum();
      if (after && before && after <= before) after = null;
      if (!after) await new Promise((res) => setTimeout(res, 100));
    }
    expect(after).not.toBeNull();
    const job = await tdb.db
      .selectFrom('import_job')
      .select(['status', 'committed', 'origin'])
      .orderBy('started_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ status: 'done', committed: false, origin: 'cli' });
  });

  it('takes no ACCESS EXCLUSIVE lock: another session reads households while it runs', async () => {
    const rows: string[][] = [];
    for (let i = 0; i < 3000; i++)
      rows.push(
        person(`H-LOCK-${i}`, T.villageA1, `锁${i}`, 'head', '1', `${1940 + (i % 60)}-03-0${1 + (i % 9)}`),
      );
    const run = importFile(tdb.db, writeCsv(rows), opts({ bulk: 'on', batchSize: 50 }));
    let seen = 0;
    let done = false;
    void run.finally(() => (done = true));
    while (!done) {
      const locks = await sql<{ n: string }>`
        select c.relname, l.locktype, l.pid, (select query from pg_stat_activity a where a.pid = l.pid) as q,
          count(*) over () as n from pg_locks l join pg_class c on c.oid = l.relation
        where c.relname in ('household', 'member', 'household_year') and l.mode = 'AccessExclusiveLock'
          -- a vacuum's truncation of empty end pages gives its lock up as soon as anyone waits
          and (select query from pg_stat_activity a where a.pid = l.pid) not like 'vacuum%'`.execute(tdb.db);
      expect(locks.rows).toEqual([]);
      await sql`select count(*) from household where village_code = ${T.villageA1}`.execute(tdb.db);
      seen++;
    }
    const r = await run;
    expect(r.errors.slice(0, 3)).toEqual([]);
    expect(r.bulk).toBe(true);
    expect(r.households.imported).toBe(3000);
    expect(seen).toBeGreaterThan(0);
  });
});

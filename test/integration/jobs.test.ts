import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { QUALITY_CHECKS } from '../../src/domain/quality/catalogue.js';

/** Batch work in the app (issue 20 item 8): background jobs with progress, one per region line. */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};

const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
  return { status: res.statusCode, body: res.json() };
};

/** Poll the job until it leaves 'running' (the job works in the background of the server). */
async function finished(user: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await call(user, 'GET', `/api/jobs/${id}`);
    if (r.body.status !== 'running') return r.body;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`job ${id} still running`);
}

/** A job row as another server process would leave it, its heartbeat `ageS` seconds old. */
async function runningRow(region: string, ageS: number) {
  const r = await sql<{ id: string }>`insert into background_job
      (kind, region_code, status, started_by_name, started_at, heartbeat_at)
    values ('quality', ${region}, 'running', 'other', now(), now() - make_interval(secs => ${ageS}))
    returning id::text`.execute(tdb.db);
  return r.rows[0]!.id;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  for (const [village, n] of [
    [T.villageA1, 3],
    [T.villageA2, 2],
    [T.villageB1, 2],
  ] as const)
    for (let i = 0; i < n; i++)
      await createHousehold(db, {
        village,
        status: 'poor',
        income: [{ year: 2025, perCapita: 3000 + i * 2500 }],
      });
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  await createUser(db, 'twnB', 'township_officer', T.townshipB);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(db);
  for (const u of ['cty', 'twnA', 'twnB', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('background jobs', () => {
  it('runs the batch evaluation of a county with progress over its households and links the run', async () => {
    const start = await call('cty', 'POST', '/api/jobs', { kind: 'evaluation', year: 2025 });
    expect(start.status).toBe(202);
    expect(start.body).toMatchObject({
      kind: 'evaluation',
      regionCode: T.county,
      year: 2025,
      startedBy: 'cty',
    });
    const job = await finished('cty', start.body.id);
    expect(job).toMatchObject({ status: 'done', done: 7, total: 7, summary: { households: 7 } });
    // the run it wrote is the one the worklist page shows
    const list = await call('cty', 'GET', '/api/worklists');
    expect(list.body.run.id).toBe(job.resultId);
    expect(list.body.run.households).toBe(7);
    // read back after a "reload": the list of the region names it
    const jobs = await call('cty', 'GET', `/api/jobs?region=${T.county}&kind=evaluation`);
    expect(jobs.body.items[0]).toMatchObject({ id: job.id, status: 'done' });
  });

  it('runs the quality checks of a township step by step (one step per check)', async () => {
    const start = await call('twnA', 'POST', '/api/jobs', { kind: 'quality' });
    expect(start.status).toBe(202);
    const job = await finished('twnA', start.body.id);
    expect(job).toMatchObject({ status: 'done', regionCode: T.townshipA, total: QUALITY_CHECKS.length });
    expect(job.done).toBe(QUALITY_CHECKS.length);
    expect(job.step).toBe(QUALITY_CHECKS.at(-1)!.id);
    const summary = await call('twnA', 'GET', '/api/quality/summary');
    expect(summary.body.run.id).toBe(job.resultId);
  });

  it('answers 409 naming the job already running on the same line of the region tree', async () => {
    const other = await runningRow(T.townshipA, 1);
    for (const [user, body] of [
      ['twnA', { kind: 'quality' }],
      ['cty', { kind: 'evaluation', year: 2025 }], // the county contains the township
      ['twnA', { kind: 'quality', region: T.villageA1 }], // the village lies below it
    ] as const) {
      const r = await call(user, 'POST', '/api/jobs', body);
      expect(r.status, JSON.stringify(body)).toBe(409);
      expect(r.body.details).toMatchObject({ jobId: other, kind: 'quality', region: T.townshipA });
      expect(r.body.details.messageZh).toContain(`#${other}`);
      expect(r.body.details.messageZh).toContain('双龙镇');
    }
    // another township is on another line: it starts
    const b = await call('twnB', 'POST', '/api/jobs', { kind: 'quality' });
    expect(b.status).toBe(202);
    await finished('twnB', b.body.id);
    await sql`update background_job set status = 'done' where id = ${other}`.execute(tdb.db);
  });

  it('takes a running job whose heartbeat stopped as interrupted, and starts the next', async () => {
    const dead = await runningRow(T.townshipA, 3600);
    expect((await call('twnA', 'GET', `/api/jobs/${dead}`)).body.status).toBe('interrupted');
    const r = await call('twnA', 'POST', '/api/jobs', { kind: 'quality' });
    expect(r.status).toBe(202);
    await finished('twnA', r.body.id);
    const row = await sql<{ status: string }>`select status from background_job where id = ${dead}`.execute(
      tdb.db,
    );
    expect(row.rows[0]!.status).toBe('interrupted');
  });

  it('lets only the roles of the permission table start, and only in their scope', async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from background_job`.execute(tdb.db);
    // a township officer runs the quality checks, not the batch evaluation; a village cadre neither
    expect((await call('twnA', 'POST', '/api/jobs', { kind: 'evaluation', year: 2025 })).status).toBe(403);
    expect((await call('vil', 'POST', '/api/jobs', { kind: 'quality' })).status).toBe(403);
    const out = await call('twnA', 'POST', '/api/jobs', { kind: 'quality', region: T.townshipB });
    expect(out.status).toBe(403);
    expect(out.body.code).toBe('E_OUT_OF_SCOPE');
    // the year is needed for the batch evaluation, and must be a year
    expect((await call('cty', 'POST', '/api/jobs', { kind: 'evaluation' })).status).toBe(400);
    expect((await call('cty', 'POST', '/api/jobs', { kind: 'evaluation', year: 20250 })).status).toBe(400);
    const after = await sql<{ n: number }>`select count(*)::int as n from background_job`.execute(tdb.db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });

  it("shows a job only inside the reader's scope", async () => {
    const [countyJob] = (await call('cty', 'GET', '/api/jobs?kind=evaluation')).body.items;
    const [twnBJob] = (await call('twnB', 'GET', '/api/jobs')).body.items;
    expect(twnBJob.regionCode).toBe(T.townshipB);
    // the county's job lies above township A; township B's beside it: both answer as missing
    expect((await call('twnA', 'GET', `/api/jobs/${countyJob.id}`)).status).toBe(404);
    expect((await call('twnA', 'GET', `/api/jobs/${twnBJob.id}`)).status).toBe(404);
    const mine = (await call('twnA', 'GET', '/api/jobs')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((j: { regionCode: string }) => j.regionCode.startsWith(T.townshipA))).toBe(true);
    expect((await call('cty', 'GET', `/api/jobs/${twnBJob.id}`)).status).toBe(200);
  });
});

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { classify } from '../../src/server/bounded-work.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createManyHouseholds, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

// Bounded work per request (src/server/bounded-work.ts): statement timeout per class answered 503,
// a disconnected client's query cancelled, requests beyond the connection queue refused with 503,
// and a broad search's count capped. Tiny limits; test-only routes run pg_sleep.
let tdb: TestDatabase;
let app: FastifyInstance;
let base: string;
let cookie: string;
let afterRelease: Promise<string> | undefined;
const MARK = 'jz-bounded-work-test';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createManyHouseholds(tdb.db, T.villageA2, 1203, 'BULK');
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await buildApp({
    db: tdb.db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    boundedWork: { timeoutsMs: { read: 1500, statistics: 1500, write: 1500, bulk: 0 }, queueLimit: 2 },
  });
  // test-only routes: a read (1.5 s timeout) and a bulk request (no timeout) that sleep in the database
  const sleep = async (s: number) => {
    await sql.raw(`select pg_sleep(${s}) /* ${MARK} */`).execute(tdb.db);
    return { ok: true };
  };
  app.get('/api/test-sleep', async (req) => sleep(Number((req.query as { s?: string }).s ?? 1)));
  app.get('/api/imports/test-sleep', async (req) => sleep(Number((req.query as { s?: string }).s ?? 1)));
  // holds a connection until its client goes away, then releases it and at once starts a query of
  // its own outside the request (as a background job would): that query must not be cancelled
  app.get('/api/test-hold', async (_req, reply) => {
    await tdb.db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await new Promise((r) => reply.raw.once('close', r));
    });
    afterRelease = sql
      .raw(`select pg_sleep(0.5) /* ${MARK}-innocent */`)
      .execute(tdb.db)
      .then(
        () => 'ok',
        (e: unknown) => String((e as Error).message),
      );
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  cookie = await login(app, 'cty', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const sleeping = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
      where pid <> pg_backend_pid() and state = 'active' and query like ${'select pg_sleep(%' + MARK + '%'}`.execute(
      tdb.db,
    )
  ).rows[0]!.n;

async function until(check: () => Promise<boolean>, tries = 100): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('bounded work per request', () => {
  it('classifies requests: reads, statistics, writes, bulk', () => {
    expect(classify('GET', '/api/households/12')).toBe('read');
    expect(classify('GET', '/api/stats/summary?region=433124')).toBe('statistics');
    expect(classify('GET', '/api/measures')).toBe('statistics');
    expect(classify('PATCH', '/api/households/12')).toBe('write');
    expect(classify('GET', '/api/households/export?format=csv')).toBe('bulk');
    expect(classify('POST', '/api/imports')).toBe('bulk');
  });

  it('a query over the timeout answers 503 E_TIMEOUT with Retry-After, not 500', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test-sleep?s=3' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    const body = res.json<{ code: string; details: { messageZh: string } }>();
    expect(body.code).toBe('E_TIMEOUT');
    expect(body.details.messageZh).toMatch(/超时/);
    // the connection is usable again, with its own class's timeout (bulk: none)
    const ok = await app.inject({ method: 'GET', url: '/api/imports/test-sleep?s=0.3' });
    expect(ok.statusCode).toBe(200);
  });

  it("a disconnected client's running query is cancelled", async () => {
    const req = http.get(`${base}/api/imports/test-sleep?s=30`);
    req.on('error', () => undefined);
    expect(await until(async () => (await sleeping()) === 1)).toBe(true);
    req.destroy();
    expect(await until(async () => (await sleeping()) === 0)).toBe(true);
  });

  it("cancelling a disconnected client's queries never reaches a query that reused its connection", async () => {
    afterRelease = undefined;
    const req = http.get(`${base}/api/test-hold`, { headers: { cookie } });
    req.on('error', () => undefined);
    expect(
      await until(
        async () =>
          (
            await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
            where state = 'idle in transaction' and pid <> pg_backend_pid()`.execute(tdb.db)
          ).rows[0]!.n > 0,
      ),
    ).toBe(true);
    req.destroy();
    expect(await until(async () => afterRelease !== undefined)).toBe(true);
    expect(await afterRelease).toBe('ok');
  });

  it('beyond the queue limit, requests are answered 503 E_BUSY with Retry-After at once; health still answers', async () => {
    // the test pool has 5 connections (opened first); 12 concurrent sleepers: 5 run, 2 may wait, the rest are refused
    const warm = Array.from({ length: 5 }, () =>
      app.inject({ method: 'GET', url: '/api/imports/test-sleep?s=0.05' }),
    );
    await Promise.all(warm);
    const all = Array.from({ length: 12 }, () =>
      app.inject({ method: 'GET', url: '/api/imports/test-sleep?s=0.5' }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    const results = await Promise.all(all);
    const busy = results.filter((r) => r.statusCode === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(results.filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(5);
    for (const r of busy) {
      expect(r.json<{ code: string }>().code).toBe('E_BUSY');
      expect(r.headers['retry-after']).toBeDefined();
    }
    expect(health.statusCode).toBe(200);
  });

  it('a broad search caps its count at 1000 ("1000+"); a narrow one counts exactly', async () => {
    const get = (q: string) =>
      app.inject({ method: 'GET', url: `/api/households?q=${encodeURIComponent(q)}`, headers: { cookie } });
    const broad = (await get('批量')).json<{ total: number; totalCapped: boolean; items: unknown[] }>();
    expect(broad).toMatchObject({ total: 1000, totalCapped: true });
    expect(broad.items).toHaveLength(20);
    // 批量1, 批量10–19, 批量100–199, 批量1000–1203
    const narrow = (await get('批量1')).json<{ total: number; totalCapped: boolean }>();
    expect(narrow).toMatchObject({ total: 315, totalCapped: false });
    const byNumber = (await get('BULK0000')).json<{ total: number; totalCapped: boolean }>();
    expect(byNumber).toMatchObject({ total: 9, totalCapped: false });
  });
});

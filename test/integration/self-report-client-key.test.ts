import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * A self-report taken on a visit and sent again by the offline outbox (issue 19 item 2,
 * docs/offline.md; migration 041): the same device key from the same user answers the report already
 * stored, without a second signal or audit event; the same key for another household is a 409.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let h1 = '';
let h2 = '';

const post = async (user: string, payload: object) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/warnings/self-reports',
    payload,
    headers: { cookie: cookies[user]! },
  });
  return { status: res.statusCode, body: res.json() };
};
const reportsOf = (householdId: string) =>
  tdb.db
    .selectFrom('warning_signal')
    .select(['id', 'client_key'])
    .where('household_id', '=', householdId)
    .where('channel', '=', 'self_report')
    .orderBy('id')
    .execute();
const auditCount = async () =>
  (await tdb.db.selectFrom('audit_event').select('id').where('action', '=', 'warning.self_report').execute())
    .length;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  h1 = (await createHousehold(tdb.db, { village: T.villageA1, status: 'monitored', headName: '龙甲' })).id;
  h2 = (await createHousehold(tdb.db, { village: T.villageA1, status: 'monitored', headName: '施乙' })).id;
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'vil2', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  for (const u of ['vil', 'vil2']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('a self-report with a device key', () => {
  const body = { kind: 'illness', description: '户主住院，自述医疗支出大', observedOn: '2026-11-30' };

  it('stores it once: the second send of the same key answers the same report', async () => {
    const key = randomUUID();
    const first = await post('vil', { ...body, householdId: h1, clientKey: key });
    expect(first.status).toBe(200);
    const audits = await auditCount();
    const again = await post('vil', { ...body, householdId: h1, clientKey: key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await reportsOf(h1)).toEqual([{ id: first.body.id, client_key: key }]);
    expect(await auditCount()).toBe(audits);
  });

  it('keeps reports without a key, with other keys, or of another user apart', async () => {
    const key = randomUUID();
    await post('vil', { ...body, householdId: h2 });
    await post('vil', { ...body, householdId: h2 });
    await post('vil', { ...body, householdId: h2, clientKey: key });
    const other = await post('vil2', { ...body, householdId: h2, clientKey: key });
    expect(other.status).toBe(200);
    expect((await reportsOf(h2)).length).toBe(4);
  });

  it('refuses the same key for another household (409), storing nothing', async () => {
    const key = randomUUID();
    expect((await post('vil', { ...body, householdId: h1, clientKey: key })).status).toBe(200);
    const before = (await reportsOf(h2)).length;
    const r = await post('vil', { ...body, householdId: h2, clientKey: key });
    expect(r.status).toBe(409);
    expect((await reportsOf(h2)).length).toBe(before);
  });

  it('two sends of one key racing each other store one report', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([
      post('vil2', { ...body, householdId: h1, clientKey: key }),
      post('vil2', { ...body, householdId: h1, clientKey: key }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('refuses a key that is not a UUID (400 naming clientKey)', async () => {
    const r = await post('vil', { ...body, householdId: h1, clientKey: 'abc' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('clientKey');
  });
});

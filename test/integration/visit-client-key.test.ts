import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * A visit sent again by the offline outbox (issue 19 item 2, docs/offline.md): the same device key from
 * the same user answers the visit already stored, without a second row or audit event.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let h1 = '';
let h2 = '';

const post = async (user: string, payload: object) => {
  const res = await app.inject({
    method: 'POST',
    url: '/api/visits',
    payload,
    headers: { cookie: cookies[user]! },
  });
  return { status: res.statusCode, body: res.json() };
};
const visitsOf = (householdId: string) =>
  tdb.db.selectFrom('visit').select(['id', 'client_key']).where('household_id', '=', householdId).execute();
const auditCount = async () =>
  (await tdb.db.selectFrom('audit_event').select('id').where('action', '=', 'visit.create').execute()).length;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  h1 = (await createHousehold(tdb.db, { village: T.villageA1, status: 'poor', headName: '龙甲' })).id;
  h2 = (await createHousehold(tdb.db, { village: T.villageA1, status: 'poor', headName: '施乙' })).id;
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'vil2', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db);
  for (const u of ['vil', 'vil2']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('a visit with a device key', () => {
  const body = { householdId: '', purpose: 'routine', findings: '入户了解务工情况' };

  it('stores it once: the second send of the same key answers the same visit', async () => {
    const key = randomUUID();
    const first = await post('vil', { ...body, householdId: h1, clientKey: key });
    expect(first.status).toBe(200);
    const audits = await auditCount();
    const again = await post('vil', { ...body, householdId: h1, clientKey: key });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(await visitsOf(h1)).toEqual([{ id: first.body.id, client_key: key }]);
    expect(await auditCount()).toBe(audits);
  });

  it('keeps visits without a key or with other keys apart', async () => {
    const before = (await visitsOf(h2)).length;
    await post('vil', { ...body, householdId: h2 });
    await post('vil', { ...body, householdId: h2 });
    await post('vil', { ...body, householdId: h2, clientKey: randomUUID() });
    expect((await visitsOf(h2)).length).toBe(before + 3);
  });

  it("another user's same key is their own visit", async () => {
    const key = randomUUID();
    const a = await post('vil', { ...body, householdId: h2, clientKey: key });
    const b = await post('vil2', { ...body, householdId: h2, clientKey: key });
    expect(b.status).toBe(200);
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('refuses a key used for another household (409) and a key that is not a UUID (400), storing nothing', async () => {
    const key = randomUUID();
    await post('vil', { ...body, householdId: h1, clientKey: key });
    const n1 = (await visitsOf(h1)).length;
    const n2 = (await visitsOf(h2)).length;
    const other = await post('vil', { ...body, householdId: h2, clientKey: key });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('E_CONFLICT');
    const bad = await post('vil', { ...body, householdId: h2, clientKey: 'not-a-key' });
    expect(bad.status).toBe(400);
    expect((await visitsOf(h1)).length).toBe(n1);
    expect((await visitsOf(h2)).length).toBe(n2);
  });
});

describe('two sends of one key at the same time', () => {
  it('store one visit and answer both with it', async () => {
    const key = randomUUID();
    const payload = { householdId: h1, purpose: 'routine', findings: '同时发送两次', clientKey: key };
    const [a, b] = await Promise.all([post('vil', payload), post('vil', payload)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.id).toBe(b.body.id);
    const rows = await tdb.db.selectFrom('visit').select('id').where('client_key', '=', key).execute();
    expect(rows).toHaveLength(1);
  });
});

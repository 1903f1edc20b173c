import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The audit log lists only events about objects the reader may read (src/modules/audit/readability.ts),
 * and errors never disclose a foreign object: an id out of scope answers as an id that does not exist,
 * and "already registered" names a household only inside the reader's scope (docs/security.md).
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let inA1: { id: string; headIdNumber: string };
let inB1: { id: string; headIdNumber: string };
const clock = fixedClock('2026-11-30T04:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, { village: T.villageA1 });
  inB1 = await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'twnB', 'township_officer', T.townshipB);
  await createUser(tdb.db, 'adm', 'admin', '');
  app = await testApp(tdb.db, clock);
  for (const u of ['vil', 'twn', 'twnB', 'adm']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: user ? { cookie: cookies[user]! } : {} });

interface Item {
  action: string;
  entityType: string;
  before: unknown;
  after: unknown;
}
const audit = async (user: string, query = '') => {
  const res = await call(user, 'GET', `/api/audit?pageSize=200${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ total: number; items: Item[] }>();
};

describe('audit entries filtered by what the reader may read', () => {
  beforeAll(async () => {
    const filed = await call(null, 'POST', '/api/public/grievances', {
      kind: 'cadre_conduct',
      regionCode: T.villageA1,
      description: '村干部办事不公，优亲厚友',
      contactName: '龙某',
      contactPhone: '13900002222',
    });
    expect(filed.statusCode, filed.body).toBe(200);
  });

  it('leaves a grievance filing out for a village cadre, out of the items and the count', async () => {
    const all = await audit('vil');
    expect(all.items.some((i) => i.entityType === 'grievance' || i.action.startsWith('grievance.'))).toBe(
      false,
    );
    expect(all.total).toBe(all.items.length);
    expect(JSON.stringify(all)).not.toContain('cadre_conduct');
    const asked = await audit('vil', '&action=grievance.file');
    expect(asked).toMatchObject({ total: 0, items: [] });
    const byType = await audit('vil', '&entityType=grievance');
    expect(byType).toMatchObject({ total: 0, items: [] });
  });

  it('shows it to the township officer who handles grievances there, not to another township', async () => {
    const twn = await audit('twn', '&action=grievance.file');
    expect(twn.total).toBe(1);
    expect(twn.items[0]).toMatchObject({ entityType: 'grievance', after: { kind: 'cadre_conduct' } });
    expect((await audit('twnB', '&action=grievance.file')).total).toBe(0);
  });

  it('leaves sign-ins (user accounts) to the administrator', async () => {
    expect((await audit('vil', '&action=login')).total).toBe(0);
    expect((await audit('twn', '&action=login')).total).toBe(0);
    expect((await audit('adm', '&action=login')).total).toBeGreaterThanOrEqual(4);
  });

  it('shows a household edit to the village cadre without any whole ID number in its diff', async () => {
    const h = await createHousehold(tdb.db, { village: T.villageA1 });
    const [head] = await membersOf(tdb.db, h.id);
    const version = (
      await tdb.db.selectFrom('household').select('version').where('id', '=', h.id).executeTakeFirstOrThrow()
    ).version;
    const newId = makeIdNumber('433124', head!.birth_date, head!.sex as '1' | '2', 913);
    const res = await call('twn', 'PATCH', `/api/households/${h.id}/members/${head!.id}`, {
      version,
      idNumber: newId,
      reason: '身份证号码更正',
    });
    expect(res.statusCode, res.body).toBe(200);
    const seen = await audit('vil', '&action=household.member.update');
    expect(seen.total).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(seen);
    expect(text).not.toContain(newId);
    expect(text).not.toContain(head!.id_number);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    // neither the birth-date digits of the ID (region kept at most)
    expect(text).not.toContain(newId.slice(6, 14));
  });
});

describe('errors never disclose a foreign object', () => {
  /** The body with the id the caller sent replaced by a placeholder: everything else byte for byte. */
  const shape = (body: string, id: string) => body.replaceAll(id, '<id>');
  const MISSING = '987654321';

  it('answers a foreign household id exactly as an id that does not exist', async () => {
    for (const path of ['', '/flags', '/plan?year=2026', '/evaluation', '/card?year=2026']) {
      const foreign = await call('vil', 'GET', `/api/households/${inB1.id}${path}`);
      const missing = await call('vil', 'GET', `/api/households/${MISSING}${path}`);
      expect(foreign.statusCode, `${path} ${foreign.body}`).toBe(404);
      expect(missing.statusCode, path).toBe(404);
      expect(shape(foreign.body, inB1.id), path).toBe(shape(missing.body, MISSING));
      expect(foreign.body).not.toContain(T.villageB1);
    }
  });

  it('answers a foreign edit the same as a missing household (and changes nothing)', async () => {
    const foreign = await call('vil', 'PATCH', `/api/households/${inB1.id}`, { version: 1, address: 'x' });
    const missing = await call('vil', 'PATCH', `/api/households/${MISSING}`, { version: 1, address: 'x' });
    expect(foreign.statusCode).toBe(404);
    expect(shape(foreign.body, inB1.id)).toBe(shape(missing.body, MISSING));
  });

  it('keeps a 403 for a requested region out of scope, echoing only what was sent', async () => {
    const res = await call('vil', 'GET', `/api/households?region=${T.villageB1}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'E_OUT_OF_SCOPE', details: { region: T.villageB1 } });
  });

  it('names the household of an ID number only inside the scope', async () => {
    const h = await createHousehold(tdb.db, { village: T.villageA1 });
    const version = async () =>
      (
        await tdb.db
          .selectFrom('household')
          .select('version')
          .where('id', '=', h.id)
          .executeTakeFirstOrThrow()
      ).version;
    const foreignNo = (
      await tdb.db
        .selectFrom('household')
        .select('household_no')
        .where('id', '=', inB1.id)
        .executeTakeFirstOrThrow()
    ).household_no;
    const foreign = await call('vil', 'POST', `/api/households/${h.id}/members`, {
      version: await version(),
      name: '重复的人',
      idNumber: inB1.headIdNumber,
      relation: 'other',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().details[0]).toMatchObject({
      code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
      message: 'this person is already registered in another household outside your area',
    });
    expect(foreign.body).not.toContain(foreignNo);
    expect(foreign.body).not.toContain(T.villageB1);

    const ownNo = (
      await tdb.db
        .selectFrom('household')
        .select('household_no')
        .where('id', '=', inA1.id)
        .executeTakeFirstOrThrow()
    ).household_no;
    const own = await call('vil', 'POST', `/api/households/${h.id}/members`, {
      version: await version(),
      name: '重复的人',
      idNumber: inA1.headIdNumber,
      relation: 'other',
    });
    expect(own.json().details[0]).toMatchObject({
      code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
      message: `this person is already registered in household ${ownNo}`,
    });
  });
});

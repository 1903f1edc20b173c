import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * A fact update made offline names the fact it was based on (`basedOn`, issue 19 item 2,
 * docs/offline.md): a newer fact of the same kind, member and subject recorded meanwhile answers 409
 * with that fact, writing nothing; the outbox sending its own fact again answers the stored one.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh = '';
const clock = fixedClock('2026-11-30T04:00:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = (await createHousehold(tdb.db, { village: T.villageA1 })).id;
  await createUser(tdb.db, 'bvil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'bvil2', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db, clock);
  for (const u of ['bvil', 'bvil2']) cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const post = async (user: string, payload: object) => {
  const res = await app.inject({
    method: 'POST',
    url: `/api/households/${hh}/facts`,
    payload,
    headers: { cookie: cookies[user]! },
  });
  return { status: res.statusCode, body: res.json() };
};
const rows = async (kind: string) =>
  (await tdb.db.selectFrom('household_fact').select('id').where('kind', '=', kind).execute()).length;
const water = (safe: boolean, basedOn?: string | null) => ({
  kind: 'drinking_water',
  source: 'home_visit',
  observedOn: '2026-11-20',
  value: { safe },
  ...(basedOn === undefined ? {} : { basedOn }),
});
const income = (month: string, wage: number, basedOn: string | null) => ({
  kind: 'income_month',
  source: 'home_visit',
  value: { month, items: { wage } },
  basedOn,
});

describe('a fact update based on the fact the device saw', () => {
  let first = '';

  it('records it when nothing newer stands (basedOn null: none seen)', async () => {
    const r = await post('bvil', water(false, null));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    first = r.body.id;
  });

  it('answers the stored fact when the outbox sends the same again (no second row)', async () => {
    const r = await post('bvil', water(false, null));
    expect(r.status).toBe(200);
    expect(r.body.id).toBe(first);
    expect(await rows('drinking_water')).toBe(1);
  });

  it("another cadre's update based on nothing is a 409 with the current fact, writing nothing", async () => {
    const r = await post('bvil2', water(true, null));
    expect(r.status).toBe(409);
    expect(r.body.details.current).toMatchObject({
      id: first,
      kind: 'drinking_water',
      value: { safe: false },
    });
    expect(r.body.details.messageZh).toBeTruthy();
    expect(await rows('drinking_water')).toBe(1);
  });

  it('the same update based on the current fact is recorded (the cadre chose theirs as the base)', async () => {
    const r = await post('bvil2', water(true, first));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.id).not.toBe(first);
    expect(await rows('drinking_water')).toBe(2);
    // and the first cadre, still based on the first fact, now meets the second one
    const stale = await post('bvil', water(false, first));
    expect(stale.status).toBe(409);
    expect(stale.body.details.current.id).toBe(r.body.id);
  });

  it('without basedOn (a form online) nothing is compared', async () => {
    const r = await post('bvil', water(false));
    expect(r.status).toBe(200);
    expect(await rows('drinking_water')).toBe(3);
  });

  it('compares only the same subject: another income month is not a conflict', async () => {
    const march = await post('bvil', income('2026-03', 1200, null));
    expect(march.status, JSON.stringify(march.body)).toBe(200);
    expect((await post('bvil2', income('2026-04', 900, null))).status).toBe(200);
    expect((await post('bvil2', income('2026-03', 900, null))).status).toBe(409);
  });

  it('refuses basedOn that is not an id (400 naming it)', async () => {
    const r = await post('bvil', water(true, 'x1'));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('basedOn');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * The portal shows the household its own policy assessments with their reasons in plain words
 * (issue 16 item 8): the same reasons its village cadre reads on the household page, without codes.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
let cadre = '';
let portal = '';
let household = '';

interface StaffResult {
  rule: string;
  reasons: { criterion: string; label_zh: string; label_en: string }[];
  missing: { label_zh: string; supplier: string }[];
}
interface PortalResult {
  rule: string;
  decision: string;
  reasons: { zh: string; en: string; state: string }[];
  toVerify: { zh: string; supplier: string }[];
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  const h = await createHousehold(db, {
    village: T.villageA1,
    members: [
      { name: '施成富', sex: '1', birth: '1950-02-11', relation: 'head', health: 'serious' },
      { name: '龙德成', sex: '2', birth: '1952-08-30', relation: 'spouse' },
    ],
    income: [
      { year: 2024, perCapita: 3800 },
      { year: 2025, perCapita: 4200 },
    ],
  });
  household = h.id;
  await createUser(db, 'vilA', 'village_cadre', T.villageA1);
  app = await testApp(db);
  cadre = await login(app, 'vilA', 'test-password-1');
  const issued = await app.inject({
    method: 'POST',
    url: '/api/portal-codes',
    headers: { cookie: cadre },
    payload: { householdIds: [household] },
  });
  const [c] = issued.json<{ codes: { householdNo: string; code: string }[] }>().codes;
  const res = await app.inject({
    method: 'POST',
    url: '/api/portal/login',
    payload: { householdNo: c!.householdNo, code: c!.code },
  });
  const cookie = res.cookies.find((x) => x.name === 'jz_portal');
  if (!cookie) throw new Error(`portal login: ${res.statusCode} ${res.body}`);
  portal = `jz_portal=${cookie.value}`;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the portal’s decisions and reasons', () => {
  it('gives every rule’s reasons as the village cadre reads them, without codes', async () => {
    const staff = await app.inject({
      method: 'GET',
      url: `/api/households/${household}/evaluation`,
      headers: { cookie: cadre },
    });
    expect(staff.statusCode, staff.body).toBe(200);
    const staffResults = staff.json<{ results: StaffResult[] }>().results;
    const res = await app.inject({
      method: 'GET',
      url: '/api/portal/decisions',
      headers: { cookie: portal },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ year: number; results: PortalResult[] }>();
    expect(body.year).toBe(2025);
    expect(body.results.map((r) => r.rule)).toEqual(staffResults.map((r) => r.rule));
    for (const [i, r] of body.results.entries()) {
      const s = staffResults[i]!;
      expect(r.reasons.map((x) => x.zh)).toEqual(s.reasons.map((x) => x.label_zh));
      expect(r.toVerify.map((x) => x.zh)).toEqual(s.missing.map((x) => x.label_zh));
      for (const x of r.reasons) expect(['met', 'not_met', 'unknown', 'note']).toContain(x.state);
    }
    expect(body.results.some((r) => r.reasons.length > 0)).toBe(true);
    // no criterion codes, values or thresholds reach the household
    for (const key of ['criterion', 'threshold', 'label_zh', '"value"']) expect(res.body).not.toContain(key);
    for (const s of staffResults)
      for (const x of s.reasons) expect(res.body).not.toContain(`"${x.criterion}"`);
  });

  it('is the signed-in household’s only: a staff session and no session are refused', async () => {
    const asStaff = await app.inject({
      method: 'GET',
      url: '/api/portal/decisions',
      headers: { cookie: cadre },
    });
    expect(asStaff.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/portal/decisions' })).statusCode).toBe(401);
  });
});

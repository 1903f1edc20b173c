import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { login, testApp } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const staff: Record<string, string> = {};
let hA: { id: string; headIdNumber: string };
let hB: { id: string; headIdNumber: string };
let noA = '';
let noB = '';
/** The server's clock: tests move it past the waits of a throttled sign-in. */
const clock = fixedClock(new Date());

const portalCookie = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'jz_portal');
  if (!c) throw new Error(`no portal cookie: ${res.statusCode} ${res.body}`);
  return `jz_portal=${c.value}`;
};
const portalLogin = (householdNo: string, code: string, remoteAddress = '127.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/portal/login', payload: { householdNo, code }, remoteAddress });
const issue = (who: string, householdIds: string[]) =>
  app.inject({
    method: 'POST',
    url: '/api/portal-codes',
    headers: { cookie: staff[who]! },
    payload: { householdIds },
  });
const get = (cookie: string | undefined, url: string) =>
  app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (cookie: string | undefined, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: cookie ? { cookie } : {}, payload });

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  hA = await createHousehold(db, {
    village: T.villageA1,
    members: [
      { name: '施成富', sex: '1', birth: '1962-02-11', relation: 'head', health: 'chronic' },
      { name: '龙德成', sex: '2', birth: '1965-08-30', relation: 'spouse' },
    ],
  });
  hB = await createHousehold(db, { village: T.villageB1, headName: '石老三' });
  const nos = await db.selectFrom('household').select(['id', 'household_no']).execute();
  noA = nos.find((h) => h.id === hA.id)!.household_no;
  noB = nos.find((h) => h.id === hB.id)!.household_no;
  await createUser(db, 'vilA', 'village_cadre', T.villageA1);
  await createUser(db, 'vilB', 'village_cadre', T.villageB1);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  app = await testApp(db, clock);
  for (const u of ['vilA', 'vilB', 'twnA']) staff[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('access codes', () => {
  it('are issued in scope only, shown once, stored as a hash and audited without the code', async () => {
    expect((await issue('vilB', [hA.id])).statusCode).toBe(404);
    const res = await issue('vilA', [hA.id]);
    expect(res.statusCode).toBe(200);
    const [c] = res.json().codes;
    expect(c.householdNo).toBe(noA);
    expect(c.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const row = await tdb.db
      .selectFrom('portal_access')
      .selectAll()
      .where('household_id', '=', hA.id)
      .executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^scrypt\$/);
    expect(row.code_hash).not.toContain(c.code.replace('-', ''));
    const ev = await auditEventsOf(tdb.db, 'portal.code_issue');
    expect(ev).toHaveLength(1);
    expect(JSON.stringify(ev)).not.toContain(c.code.replace('-', ''));
  });
});

describe('portal sign-in and sessions', () => {
  let code = '';
  let cookie = '';

  beforeAll(async () => {
    code = (await issue('vilA', [hA.id])).json().codes[0].code;
    await issue('twnA', [hB.id]).then((r) => expect(r.statusCode).toBe(404)); // hB is in township B
    await issue('vilB', [hB.id]);
  });

  it('refuses a wrong code and an unknown household alike', async () => {
    const wrong = await portalLogin(noA, 'AAAA-AAAA');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('E_UNAUTHENTICATED');
    const unknown = await portalLogin('433124110226999', code);
    expect(unknown.statusCode).toBe(401);
  });

  it('accepts the code in any case, with or without the dash', async () => {
    const ok = await portalLogin(noA, code.toLowerCase().replace('-', ''));
    expect(ok.statusCode).toBe(200);
    cookie = portalCookie(ok);
    const me = await get(cookie, '/api/portal/me');
    expect(me.statusCode).toBe(200);
    const card = me.json().card;
    expect(card.householdNo).toBe(noA);
    expect(card.members).toHaveLength(2);
    for (const m of card.members) expect(m.idNumber).toContain('*');
    expect(me.body).not.toContain(hA.headIdNumber);
  });

  it('keeps the portal and staff sessions apart', async () => {
    // a portal session reaches no staff route
    for (const url of [
      '/api/households',
      '/api/auth/me',
      '/api/warnings',
      '/api/grievances',
      `/api/households/${hA.id}`,
    ])
      expect((await get(cookie, url)).statusCode).toBe(401);
    // a staff session cannot act as a household
    const asStaff = await get(staff.vilA, '/api/portal/me');
    expect(asStaff.statusCode).toBe(403);
    const both = await post(staff.twnA, '/api/portal/difficulties', {
      kind: 'illness',
      description: 'x',
      observedOn: '2026-01-02',
    });
    expect(both.statusCode).toBe(403);
    expect((await get(undefined, '/api/portal/me')).statusCode).toBe(401);
  });

  it('never lets a household read or act on another household', async () => {
    const { db } = tdb;
    const need = await db
      .insertInto('need')
      .values({
        kind: 'daily_necessities',
        source: 'household',
        household_id: hB.id,
        village_code: T.villageB1,
        township_code: T.townshipB,
        title: '棉被两床',
        amount: 400,
        status: 'delivered',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await get(cookie, '/api/portal/needs')).json()).toEqual([]);
    const confirm = await post(cookie, `/api/portal/needs/${need.id}/confirm`, { note: '收到' });
    expect(confirm.statusCode).toBe(403);
    // B's grievance: A cannot give feedback on it
    const codeB = (await issue('vilB', [hB.id])).json().codes[0].code;
    const cookieB = portalCookie(await portalLogin(noB, codeB));
    const g = await post(cookieB, '/api/portal/grievances', {
      kind: 'other',
      description: '路灯坏了很久没人修',
    });
    expect(g.statusCode).toBe(200);
    const fb = await post(cookie, `/api/portal/grievances/${g.json().id}/feedback`, { satisfied: true });
    expect(fb.statusCode).toBe(404);
    expect((await get(cookie, '/api/portal/grievances')).json()).toEqual([]);
    expect((await get(cookieB, '/api/portal/grievances')).json()).toHaveLength(1);
  });

  it('reports a difficulty into the warnings worklist and rates the help', async () => {
    const d = await post(cookie, '/api/portal/difficulties', {
      kind: 'illness',
      description: '老伴住院，要花不少钱',
      observedOn: '2026-01-05',
    });
    expect(d.statusCode).toBe(200);
    const list = await get(staff.twnA, `/api/warnings?region=${T.townshipA}&channel=self_report`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { householdNo: string }) => i.householdNo)).toContain(noA);
    const year = new Date().getUTCFullYear();
    expect((await post(cookie, '/api/portal/ratings', { year, rating: 6 })).statusCode).toBe(400);
    expect((await post(cookie, '/api/portal/ratings', { year, rating: 2, comment: '一般' })).statusCode).toBe(
      200,
    );
    expect(
      (await post(cookie, '/api/portal/ratings', { year, rating: 4, comment: '帮扶干部常来' })).statusCode,
    ).toBe(200);
    const me = (await get(cookie, '/api/portal/me')).json();
    expect(me.ratings).toEqual([expect.objectContaining({ year, rating: 4, measureId: null })]);
    const sat = await get(staff.twnA, `/api/grievances/satisfaction?region=${T.townshipA}&year=${year}`);
    expect(sat.statusCode).toBe(200);
    expect(sat.json().total).toMatchObject({ ratings: 1, meanRating: 4 });
  });

  it('a reset code invalidates the old code and every open session', async () => {
    const fresh = (await issue('vilA', [hA.id])).json().codes[0].code;
    expect((await get(cookie, '/api/portal/me')).statusCode).toBe(401);
    expect((await portalLogin(noA, code)).statusCode).toBe(401);
    const ok = await portalLogin(noA, fresh);
    expect(ok.statusCode).toBe(200);
    code = fresh;
  });

  it('slows a household down after repeated failures, and takes its right code once the wait is over', async () => {
    const from = '10.0.0.1';
    for (let i = 0; i < 3; i++) expect((await portalLogin(noA, 'WRONG-CODE', from)).statusCode).toBe(401);
    const slowed = await portalLogin(noA, code, from);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json()).toMatchObject({ code: 'E_RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    expect(slowed.json().message).toMatch(/wait 1 s/);
    expect(slowed.headers['retry-after']).toBe('1');
    expect(await auditEventsOf(tdb.db, 'portal.lockout')).toHaveLength(1);
    clock.advance(1000);
    expect((await portalLogin(noA, 'WRONG-CODE', from)).statusCode).toBe(401); // the wait doubles
    const again = await portalLogin(noA, code, '10.0.0.9'); // another address: the household's wait
    expect(again.statusCode).toBe(429);
    expect(again.headers['retry-after']).toBe('2');
    clock.advance(2000);
    expect((await portalLogin(noA, code, from)).statusCode).toBe(200);
    // a sign-in ends the run: one more typo costs no wait
    expect((await portalLogin(noA, 'WRONG-CODE', from)).statusCode).toBe(401);
    expect((await portalLogin(noA, code, from)).statusCode).toBe(200);
  });

  it('caps the wait, counts no try made during it, and never locks the household out', async () => {
    clock.advance(60 * 60_000);
    for (let i = 1; i <= 40; i++) {
      const from = `10.0.5.${i}`; // many addresses: the household's own wait
      expect((await portalLogin(noA, 'WRONG-CODE', from)).statusCode).toBe(401);
      if (i >= 3) {
        const during = await portalLogin(noA, code, from); // the right code: not checked, not counted
        expect(during.statusCode).toBe(429);
        expect(Number(during.headers['retry-after'])).toBe(Math.min(2 ** (i - 3), 300));
      }
      clock.advance(5 * 60_000); // a patient attacker: one try per five minutes
    }
    expect((await portalLogin(noA, code, '10.0.0.6')).statusCode).toBe(200);
  });

  it('hammering one household from an address does not stop another household', async () => {
    const codeB = (await issue('vilB', [hB.id])).json().codes[0].code;
    clock.advance(60 * 60_000);
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push((await portalLogin(noA, 'WRONG-CODE', '10.0.0.2')).statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(3); // then 429s, not counted
    expect((await portalLogin(noA, code, '10.0.0.3')).statusCode).toBe(429);
    expect((await portalLogin(noB, codeB, '10.0.0.3')).statusCode).toBe(200);
    expect((await portalLogin(noB, codeB, '10.0.0.2')).statusCode).toBe(200);
  });

  it('slows an address down that tries many households', async () => {
    const codeB = (await issue('vilB', [hB.id])).json().codes[0].code;
    const from = '10.0.0.4';
    for (let i = 0; i < 10; i++)
      expect((await portalLogin(`43312411022${6000 + i}`, 'WRONG-CODE', from)).statusCode).toBe(401);
    const slowed = await portalLogin(noB, codeB, from);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().details).toMatchObject({ throttled: 'source', retryAfterSeconds: 1 });
    expect((await portalLogin(noB, codeB, '10.0.0.7')).statusCode).toBe(200); // elsewhere: no wait
    clock.advance(1000);
    expect((await portalLogin(noB, codeB, from)).statusCode).toBe(200);
  });

  it("shows the wrong sign-ins to the household's cadre until a new code is issued", async () => {
    expect((await portalLogin(noA, 'WRONG-CODE', '10.0.0.8')).statusCode).toBe(401); // 4th in a row
    const res = await get(staff.vilA, `/api/portal-codes/${hA.id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.failedSignIns).toBeGreaterThanOrEqual(3 + 40 + 3 + 1);
    expect(s.failedSince).toEqual(expect.any(String));
    expect(s.lastFailedAt).toEqual(expect.any(String));
    expect(new Date(s.slowedUntil).getTime()).toBeGreaterThan(clock.now().getTime());
    expect((await get(staff.vilB, `/api/portal-codes/${hA.id}`)).statusCode).toBe(404);
    expect((await get(staff.twnA, `/api/portal-codes/${hA.id}`)).statusCode).toBe(200);
    // a new code from the cadre starts afresh: no wait, no count
    const fresh = (await issue('vilA', [hA.id])).json().codes[0].code;
    expect((await get(staff.vilA, `/api/portal-codes/${hA.id}`)).json()).toMatchObject({
      failedSignIns: 0,
      failedSince: null,
      slowedUntil: null,
    });
    expect((await portalLogin(noA, fresh)).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';
import { clockOf } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
let now = new Date('2026-03-02T02:00:00Z'); // the injected clock
const advance = (days: number) => (now = new Date(now.getTime() + days * 86_400_000));
const c: Record<string, string> = {};

const req = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: who ? { cookie: c[who]! } : {},
    payload: method === 'POST' ? (payload ?? {}) : undefined,
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  for (const [u, role, scope] of [
    ['twnA', 'township_officer', T.townshipA],
    ['twnB', 'township_officer', T.townshipB],
    ['cty', 'county_officer', T.county],
    ['vilA', 'village_cadre', T.villageA1],
  ] as const)
    await createUser(tdb.db, u, role, scope);
  app = await buildApp({
    db: tdb.db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['twnA', 'twnB', 'cty', 'vilA']) c[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('public filing', () => {
  it('offers townships and villages without sign-in', async () => {
    const t = await req(null, 'GET', `/api/public/grievance-regions?parent=${T.county}`);
    expect(t.statusCode).toBe(200);
    expect(t.json().map((r: { code: string }) => r.code)).toEqual([T.townshipB, T.townshipA].sort());
    expect((await req(null, 'GET', '/api/public/grievance-regions?parent=43')).statusCode).toBe(400);
  });

  it('validates the kind, region and description and changes nothing on error', async () => {
    const bad = await req(null, 'POST', '/api/public/grievances', {
      kind: 'rumour',
      regionCode: T.villageA1,
      description: '有问题有问题',
    });
    expect(bad.statusCode).toBe(400);
    const county = await req(null, 'POST', '/api/public/grievances', {
      kind: 'other',
      regionCode: T.county,
      description: '有问题有问题',
    });
    expect(county.statusCode).toBe(400);
    const n = await tdb.db
      .selectFrom('grievance')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});

describe('lifecycle with deadlines and escalation', () => {
  let code = '';
  let id = '';

  it('files anonymously, routes to the township, returns a tracking code', async () => {
    const r = await req(null, 'POST', '/api/public/grievances', {
      kind: 'help_not_delivered',
      regionCode: T.villageA1,
      description: '说好的产业补助一直没发下来',
      anonymous: true,
      contactPhone: '13900001111', // dropped: anonymous
    });
    expect(r.statusCode).toBe(200);
    code = r.json().trackingCode;
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    expect(r.json().ackDueAt).toBe('2026-03-05T02:00:00.000Z');
    const t = await req(null, 'GET', `/api/public/grievances/${code.toLowerCase()}`);
    expect(t.statusCode).toBe(200);
    expect(t.json()).toMatchObject({ state: 'received', outcome: null, escalated: false });
    const row = await tdb.db.selectFrom('grievance').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ township_code: T.townshipA, anonymous: true, contact_phone: null });
    id = row.id;
    expect((await req(null, 'GET', '/api/public/grievances/ZZZZZZZZZZZZ')).statusCode).toBe(404);
  });

  it('is listed for its township and county, not for another township or a village cadre', async () => {
    const ids = async (who: string) =>
      (await req(who, 'GET', '/api/grievances')).json().items.map((i: { id: string }) => i.id);
    expect(await ids('twnA')).toEqual([id]);
    expect(await ids('cty')).toEqual([id]);
    expect(await ids('twnB')).toEqual([]);
    expect((await req('twnB', 'GET', `/api/grievances/${id}`)).statusCode).toBe(404);
    expect((await req('vilA', 'GET', '/api/grievances')).statusCode).toBe(403);
    expect((await req('twnB', 'POST', `/api/grievances/${id}/acknowledge`, {})).statusCode).toBe(404);
  });

  it('escalates to the county once the acknowledgement is overdue (on read), once', async () => {
    advance(2);
    expect((await req('cty', 'GET', '/api/grievances?escalated=true')).json().total).toBe(0);
    advance(2); // 4 days: past the 3-day acknowledgement deadline
    const overdue = (await req('cty', 'GET', '/api/grievances?overdue=true&escalated=true')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(overdue.items[0].overdue).toBe('ack_overdue');
    await req('cty', 'GET', '/api/grievances');
    expect((await req('cty', 'POST', '/api/grievances/escalate-overdue')).json().escalated).toBe(0);
    const ev = await auditEventsOf(tdb.db, 'grievance.escalate');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.after).toMatchObject({ escalatedTo: T.county, reason: 'ack_overdue' });
    expect((await req(null, 'GET', `/api/public/grievances/${code}`)).json().escalated).toBe(true);
  });

  it('is acknowledged, resolved with an outcome the complainant sees, reopened once, then closed', async () => {
    expect((await req('twnA', 'POST', `/api/grievances/${id}/resolve`, { outcome: 'x' })).statusCode).toBe(
      409,
    );
    expect(
      (await req('twnA', 'POST', `/api/grievances/${id}/acknowledge`, { note: '已转村核实' })).json().state,
    ).toBe('acknowledged');
    const resolved = await req('twnA', 'POST', `/api/grievances/${id}/resolve`, {
      outcome: '补助已于3月10日发放到户',
    });
    expect(resolved.json()).toMatchObject({ state: 'resolved', outcome: '补助已于3月10日发放到户' });
    const seen = (await req(null, 'GET', `/api/public/grievances/${code}`)).json();
    expect(seen).toMatchObject({ state: 'resolved', outcome: '补助已于3月10日发放到户', canReopen: true });
    expect(JSON.stringify(seen)).not.toContain('twnA');
    const reopen = await req(null, 'POST', `/api/public/grievances/${code}/feedback`, {
      satisfied: false,
      reopen: true,
      comment: '只发了一半',
    });
    expect(reopen.json()).toMatchObject({ state: 'acknowledged', canReopen: false });
    await req('twnA', 'POST', `/api/grievances/${id}/resolve`, { outcome: '余款已补发' });
    const again = await req(null, 'POST', `/api/public/grievances/${code}/feedback`, {
      satisfied: false,
      reopen: true,
    });
    expect(again.statusCode).toBe(409);
    const closed = await req(null, 'POST', `/api/public/grievances/${code}/feedback`, { satisfied: true });
    expect(closed.json()).toMatchObject({ state: 'closed', feedback: 'satisfied' });
    const actions =
      (await auditEventsOf(tdb.db, 'grievance.feedback')).length +
      (await auditEventsOf(tdb.db, 'grievance.reopen')).length;
    expect(actions).toBe(2);
  });

  it('counts satisfaction per region and year', async () => {
    // a second, named grievance in township B: resolved, not satisfied
    const r = await req(null, 'POST', '/api/public/grievances', {
      kind: 'cadre_conduct',
      regionCode: T.townshipB,
      description: '镇干部办事拖拉',
      contactName: '龙先生',
      contactPhone: '13900002222',
    });
    const gid = (
      await tdb.db
        .selectFrom('grievance')
        .select('id')
        .where('tracking_code', '=', r.json().trackingCode)
        .executeTakeFirstOrThrow()
    ).id;
    const masked = (await req('twnB', 'GET', `/api/grievances/${gid}`)).json();
    expect(masked.contactPhone).toBe('139****2222');
    expect((await req('twnB', 'GET', `/api/grievances/${gid}?unmask=true`)).json().contactPhone).toBe(
      '13900002222',
    );
    expect(await auditEventsOf(tdb.db, 'grievance.unmask')).toHaveLength(1);
    await req('twnB', 'POST', `/api/grievances/${gid}/acknowledge`, {});
    await req('twnB', 'POST', `/api/grievances/${gid}/resolve`, { outcome: '已约谈' });
    await req(null, 'POST', `/api/public/grievances/${r.json().trackingCode}/feedback`, { satisfied: false });
    const s = (await req('cty', 'GET', `/api/grievances/satisfaction?region=${T.county}&year=2026`)).json();
    expect(s.total).toMatchObject({ grievances: 2, withFeedback: 2, satisfied: 1, shareSatisfied: 0.5 });
    expect(s.byRegion.find((l: { code: string }) => l.code === T.townshipA)).toMatchObject({
      shareSatisfied: 1,
    });
    expect(s.byRegion.find((l: { code: string }) => l.code === T.townshipB)).toMatchObject({
      shareSatisfied: 0,
    });
    expect(
      (await req('twnA', 'GET', `/api/grievances/satisfaction?region=${T.county}&year=2026`)).statusCode,
    ).toBe(403);
  });
});

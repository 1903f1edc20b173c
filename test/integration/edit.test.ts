import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeIdNumber } from '../../src/domain/id-number.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { fixedClock } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let inA1: { id: string; headIdNumber: string };
let inB1: { id: string; headIdNumber: string };
// 01:30 on 1 December 2026 in Beijing, still 30 November in UTC: "today" must be China's date
const clock = fixedClock('2026-11-30T17:30:00Z');

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  inA1 = await createHousehold(tdb.db, { village: T.villageA1, headName: '龙老大' });
  inB1 = await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'twn', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await testApp(tdb.db, clock);
  for (const u of ['vil', 'twn', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

type Method = 'PATCH' | 'POST' | 'PUT' | 'DELETE';
const send = (user: string, method: Method, url: string, payload: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

const household = (id: string) =>
  tdb.db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const versionOf = async (id: string) => (await household(id)).version;
const auditCount = async () =>
  Number(
    (
      await tdb.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A fresh household of village A1 for tests that change members. */
const freshHousehold = () => createHousehold(tdb.db, { village: T.villageA1 });

describe('household fields', () => {
  it('changes fields with a reason, bumps the version and audits only the changed fields', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inA1.id}`, {
      version: v,
      address: '十八洞村3组12号',
      houseGrade: 'C',
      mainCause: 'illness', // unchanged
      reason: '入户核实住房',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().household).toMatchObject({
      address: '十八洞村3组12号',
      houseGrade: 'C',
      version: v + 1,
    });
    const [event] = (await auditEventsOf(tdb.db, 'household.update')).slice(-1);
    expect(event).toMatchObject({
      entity_type: 'household',
      entity_id: inA1.id,
      region_code: T.villageA1,
      actor_name: 'vil',
      reason: '入户核实住房',
    });
    expect(event!.before).toEqual({ address: null, houseGrade: null });
    expect(event!.after).toEqual({ address: '十八洞村3组12号', houseGrade: 'C' });
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });

  it('answers a stale version with 409 E_CONFLICT and the current record, writing nothing', async () => {
    const v = await versionOf(inA1.id);
    const events = await auditCount();
    const res = await send('vil', 'PATCH', `/api/households/${inA1.id}`, {
      version: v - 1,
      address: '旧版本',
    });
    expect(res.statusCode).toBe(409);
    const body = res.json();
    expect(body.code).toBe('E_CONFLICT');
    expect(body.details.current.household).toMatchObject({ id: inA1.id, version: v });
    expect(body.details.current.members.length).toBe(2);
    expect(await versionOf(inA1.id)).toBe(v);
    expect((await household(inA1.id)).address).not.toBe('旧版本');
    expect(await auditCount()).toBe(events);
  });

  it('lets one of two simultaneous edits of the same version win; the other gets 409', async () => {
    const v = await versionOf(inA1.id);
    const results = await Promise.all(
      ['甲', '乙'].map((x) =>
        send('vil', 'PATCH', `/api/households/${inA1.id}`, { version: v, bankName: x }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await versionOf(inA1.id)).toBe(v + 1);
  });

  it('checks values as the import does: code lists and ranges, naming each field; nothing written', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inA1.id}`, {
      version: v,
      mainCause: '因穷',
      groupNo: 500,
      phone: '12ab',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('E_VALIDATION');
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'body.mainCause', code: 'E_CODE' }),
        expect.objectContaining({ field: 'body.groupNo', code: 'E_RANGE' }),
        expect.objectContaining({ field: 'body.phone', code: 'E_FORMAT' }),
      ]),
    );
    expect(await versionOf(inA1.id)).toBe(v);
  });

  it('refuses fields that an edit cannot change (status has its own endpoint)', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inA1.id}`, { version: v, status: 'exited' });
    expect(res.statusCode).toBe(400);
    expect((await household(inA1.id)).status).toBe('poor');
  });

  it('answers a household outside the scope as one that does not exist (404)', async () => {
    const v = await versionOf(inB1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inB1.id}`, { version: v, address: 'x' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('E_NOT_FOUND');
    expect(await versionOf(inB1.id)).toBe(v);
  });

  it('masks phone and bank account in the audit event', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inA1.id}`, {
      version: v,
      phone: '13900001111',
      bankAccount: '6222020200112233445',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().household.phone).toBe('139****1111');
    const [event] = (await auditEventsOf(tdb.db, 'household.update')).slice(-1);
    expect(JSON.stringify(event)).not.toContain('13900001111');
    expect(JSON.stringify(event)).not.toContain('6222020200112233445');
    expect(event!.after).toEqual({ phone: '139****1111', bankAccount: '************3445' });
  });
});

describe('status', () => {
  it('does not let a village cadre change the status', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'POST', `/api/households/${inA1.id}/status`, {
      version: v,
      status: 'exited',
      reason: '收入稳定超过标准',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('E_FORBIDDEN');
  });

  it('requires a reason (400 naming the field)', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: v,
      status: 'exited',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('body.reason');
    expect(await versionOf(inA1.id)).toBe(v);
  });

  it('lets a township officer change it: status history and audit with before/after', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: v,
      status: 'exited',
      changedOn: '2025-12-01',
      reason: '两不愁三保障达标，村民评议通过',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.household).toMatchObject({ status: 'exited', statusDate: '2025-12-01', version: v + 1 });
    expect(body.statusHistory.at(-1)).toMatchObject({
      fromStatus: 'poor',
      toStatus: 'exited',
      changedOn: '2025-12-01',
      reason: '两不愁三保障达标，村民评议通过',
    });
    const [event] = (await auditEventsOf(tdb.db, 'household.status')).slice(-1);
    expect(event).toMatchObject({ actor_name: 'twn', reason: '两不愁三保障达标，村民评议通过' });
    expect(event!.before).toEqual({ status: 'poor', statusDate: null });
    expect(event!.after).toEqual({ status: 'exited', statusDate: '2025-12-01' });
  });

  it('refuses a change to the same status or to a future date', async () => {
    const v = await versionOf(inA1.id);
    const same = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: v,
      status: 'exited',
      reason: '重复',
    });
    expect(same.json().details[0]).toMatchObject({ field: 'body.status', code: 'E_UNCHANGED' });
    const future = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: v,
      status: 'monitored',
      changedOn: '2999-01-01',
      reason: '纳入监测',
    });
    expect(future.json().details[0]).toMatchObject({ field: 'body.changedOn' });
  });

  it("dates a change by today in China, also between 00:00 and 08:00 Beijing time (UTC's yesterday)", async () => {
    const undated = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: await versionOf(inA1.id),
      status: 'monitored',
      reason: '纳入监测',
    });
    expect(undated.statusCode, undated.body).toBe(200);
    expect(undated.json().household.statusDate).toBe('2026-12-01');
    const today = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: await versionOf(inA1.id),
      status: 'exited',
      changedOn: '2026-12-01',
      reason: '风险消除',
    });
    expect(today.statusCode, today.body).toBe(200);
    const tomorrow = await send('twn', 'POST', `/api/households/${inA1.id}/status`, {
      version: await versionOf(inA1.id),
      status: 'monitored',
      changedOn: '2026-12-02',
      reason: '纳入监测',
    });
    expect(tomorrow.json().details[0]).toMatchObject({ field: 'body.changedOn' });
  });
});

describe('income of a year', () => {
  it('requires a reason', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PUT', `/api/households/${inA1.id}/years/2025`, {
      version: v,
      wageIncome: 10000,
      businessIncome: 0,
      propertyIncome: 0,
      transferIncome: 0,
      productionCost: 0,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toContain('body.reason');
  });

  it('sets the components, computes net and per-capita income, and audits the change', async () => {
    const v = await versionOf(inA1.id);
    const res = await send('vil', 'PUT', `/api/households/${inA1.id}/years/2025`, {
      version: v,
      wageIncome: 12000,
      businessIncome: 3000,
      propertyIncome: 0,
      transferIncome: 1500,
      productionCost: 1000,
      reason: '年度收入核算',
    });
    expect(res.statusCode, res.body).toBe(200);
    const year = res.json().years.find((y: { year: number }) => y.year === 2025);
    expect(year).toMatchObject({ netIncome: 15500, perCapitaIncome: 7750, size: 2 });
    const [event] = (await auditEventsOf(tdb.db, 'household.income')).slice(-1);
    expect(event!.reason).toBe('年度收入核算');
    expect(event!.before).toMatchObject({ year: 2025, wageIncome: 6000, perCapitaIncome: 3000 });
    expect(event!.after).toMatchObject({ year: 2025, wageIncome: 12000, perCapitaIncome: 7750 });
    expect(event!.after).not.toHaveProperty('propertyIncome'); // unchanged
  });

  it('refuses negative amounts and a per-capita income above the ceiling', async () => {
    const v = await versionOf(inA1.id);
    const base = { version: v, businessIncome: 0, propertyIncome: 0, transferIncome: 0, productionCost: 0 };
    const neg = await send('vil', 'PUT', `/api/households/${inA1.id}/years/2024`, {
      ...base,
      wageIncome: -5,
      reason: '录入',
    });
    expect(neg.json().details[0]).toMatchObject({ field: 'body.wageIncome', code: 'E_RANGE' });
    const high = await send('vil', 'PUT', `/api/households/${inA1.id}/years/2024`, {
      ...base,
      wageIncome: 9_000_000,
      reason: '录入',
    });
    expect(high.json().details[0]).toMatchObject({ code: 'E_INCOME_CEILING' });
    expect(await versionOf(inA1.id)).toBe(v);
  });
});

describe('members', () => {
  it('refuses an invalid ID number with 400 naming the field; nothing written', async () => {
    const h = await freshHousehold();
    const [head] = await membersOf(tdb.db, h.id);
    const v = await versionOf(h.id);
    const bad = head!.id_number.slice(0, 17) + (head!.id_number[17] === '0' ? '1' : '0');
    const res = await send('vil', 'PATCH', `/api/households/${h.id}/members/${head!.id}`, {
      version: v,
      idNumber: bad,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_INVALID_ID_NUMBER' });
    expect(res.json().details[0]).toMatchObject({ field: 'body.idNumber', code: 'E_ID_CHECK_DIGIT' });
    expect((await membersOf(tdb.db, h.id))[0]!.id_number).toBe(head!.id_number);
    expect(await versionOf(h.id)).toBe(v);
  });

  it('refuses a sex that disagrees with the ID number', async () => {
    const h = await freshHousehold();
    const [head] = await membersOf(tdb.db, h.id);
    const res = await send('vil', 'PATCH', `/api/households/${h.id}/members/${head!.id}`, {
      version: await versionOf(h.id),
      sex: '2',
    });
    expect(res.json().details[0]).toMatchObject({ field: 'body.sex', code: 'E_ID_SEX_MISMATCH' });
  });

  it('adds a member: ID checked, sex and birth date taken from it, size updated, audited', async () => {
    const h = await freshHousehold();
    const v = await versionOf(h.id);
    const idNumber = makeIdNumber('433124', '2010-06-15', '2', 777);
    const res = await send('vil', 'POST', `/api/households/${h.id}/members`, {
      version: v,
      name: '龙小妹',
      idNumber,
      relation: 'daughter',
      studentStatus: 'junior',
      reason: '新生儿补登',
    });
    expect(res.statusCode, res.body).toBe(200);
    const added = res.json().members.find((m: { name: string }) => m.name === '龙小妹');
    expect(added).toMatchObject({
      sex: '2',
      birthDate: '2010-06-15',
      relation: 'daughter',
      memberStatus: 'present',
    });
    expect(res.json().household).toMatchObject({ size: 3, version: v + 1 });
    const [event] = (await auditEventsOf(tdb.db, 'household.member.add')).slice(-1);
    expect(event!.after).toMatchObject({
      name: '龙小妹',
      relation: 'daughter',
      idNumber: expect.stringMatching(/\*{8}/),
    });
  });

  it('refuses a person who is a present member of another household', async () => {
    const h = await freshHousehold();
    const res = await send('vil', 'POST', `/api/households/${h.id}/members`, {
      version: await versionOf(h.id),
      name: '重复的人',
      idNumber: inB1.headIdNumber,
      relation: 'other',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0]).toMatchObject({
      field: 'body.idNumber',
      code: 'E_PERSON_IN_OTHER_HOUSEHOLD',
    });
  });

  it('keeps exactly one head: a second head needs the former head to take another relation', async () => {
    const h = await freshHousehold();
    const [head, spouse] = await membersOf(tdb.db, h.id);
    const url = `/api/households/${h.id}/members/${spouse!.id}`;
    const two = await send('vil', 'PATCH', url, { version: await versionOf(h.id), relation: 'head' });
    expect(two.statusCode).toBe(400);
    expect(two.json().details[0]).toMatchObject({ field: 'body.formerHeadRelation', code: 'E_HEAD_COUNT' });
    const none = await send('vil', 'PATCH', `/api/households/${h.id}/members/${head!.id}`, {
      version: await versionOf(h.id),
      relation: 'spouse',
    });
    expect(none.json().details[0]).toMatchObject({ field: 'body.relation', code: 'E_HEAD_COUNT' });

    const swap = await send('vil', 'PATCH', url, {
      version: await versionOf(h.id),
      relation: 'head',
      formerHeadRelation: 'spouse',
      reason: '户主变更',
    });
    expect(swap.statusCode, swap.body).toBe(200);
    expect(swap.json().household.headName).toBe(spouse!.name);
    const rel = Object.fromEntries((await membersOf(tdb.db, h.id)).map((m) => [m.id, m.relation]));
    expect(rel).toEqual({ [head!.id]: 'spouse', [spouse!.id]: 'head' });
  });

  it('marks a member deceased with a reason instead of deleting; the head names an heir', async () => {
    const h = await freshHousehold();
    const [head, spouse] = await membersOf(tdb.db, h.id);
    const url = `/api/households/${h.id}/members/${head!.id}`;
    const noReason = await send('vil', 'DELETE', url, {
      version: await versionOf(h.id),
      memberStatus: 'deceased',
    });
    expect(noReason.statusCode).toBe(400);
    const noHeir = await send('vil', 'DELETE', url, {
      version: await versionOf(h.id),
      memberStatus: 'deceased',
      reason: '病故',
    });
    expect(noHeir.json().details[0]).toMatchObject({ field: 'body.newHeadId', code: 'E_HEAD_COUNT' });

    const ok = await send('vil', 'DELETE', url, {
      version: await versionOf(h.id),
      memberStatus: 'deceased',
      newHeadId: spouse!.id,
      reason: '病故，死亡证明已核',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().household).toMatchObject({ size: 1, headName: spouse!.name });
    const after = await membersOf(tdb.db, h.id);
    expect(after.map((m) => [m.member_status, m.relation])).toEqual([
      ['deceased', 'head'],
      ['present', 'head'],
    ]);
    const [event] = (await auditEventsOf(tdb.db, 'household.member.remove')).slice(-1);
    expect(event).toMatchObject({ reason: '病故，死亡证明已核' });
    expect(event!.before).toMatchObject({ memberId: head!.id, memberStatus: 'present' });
    expect(event!.after).toMatchObject({ memberStatus: 'deceased', newHead: { memberId: spouse!.id } });
  });

  it('refuses a member edit outside the scope', async () => {
    const [m] = await membersOf(tdb.db, inB1.id);
    const res = await send('vil', 'PATCH', `/api/households/${inB1.id}/members/${m!.id}`, {
      version: await versionOf(inB1.id),
      name: '改名',
    });
    expect(res.statusCode).toBe(404);
  });
});

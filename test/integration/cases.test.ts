import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '../../src/domain/calendar.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';
import { clockOf } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let now = new Date('2026-03-02T02:00:00Z'); // 10:00 in China
const advance = (days: number) => (now = new Date(now.getTime() + days * 86_400_000));
const today = () => chinaDate(now);

const h: Record<string, { id: string; headIdNumber: string }> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  h.candidate = await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    headName: '石拔三',
    income: [{ year: 2025, perCapita: 3000, status: 'none' }],
  });
  h.rejected = await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary' });
  h.poor = await createHousehold(db, { village: T.villageA1, status: 'poor', headName: '施成富' });
  h.lead = await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary' });
  h.fresh = await createHousehold(db, { village: T.villageA2, status: 'none', type: 'ordinary' });
  h.other = await createHousehold(db, { village: T.villageB1, status: 'none', type: 'ordinary' });
  await db
    .updateTable('member')
    .set({ health: 'serious', disability_grade: 2 })
    .where('household_id', '=', h.candidate.id)
    .execute();
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await createUser(db, 'vil2', 'village_cadre', T.villageA2);
  await createUser(db, 'vilB', 'village_cadre', T.villageB1);
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'adm', 'admin', '');
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'vil2', 'vilB', 'twn', 'cty', 'adm'])
    cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
const open = (user: string, kind: string, householdId: string, payload = {}, data = {}) =>
  // procedure tests: households opened whatever the rules say (the confirmation: case-guidance.test.ts)
  call(user, 'POST', '/api/cases', { kind, householdId, payload, data, confirmIneligible: true });
// votes go on whatever the rules say (the confirmation at a vote: case-vote-guidance.test.ts)
const act = (user: string, id: string, action: string, payload: object = {}) =>
  call(user, 'POST', `/api/cases/${id}/actions/${action}`, { payload, confirmIneligible: true });
const vote = { vote: { total: 30, present: 25, for: 20, against: 3 } };
/** A notice posted from today for `days` days. */
const noticeFrom = (days: number, objections: object[] = []) => ({
  notice: { start: today(), end: addDays(today(), days - 1), objections },
});
const ok = (res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as { id: string; state: string; [k: string]: unknown };
};

describe('identification case', () => {
  let id: string;

  it('opens in the initial state, once per household and kind', async () => {
    const c = ok(
      await open('vil', 'identification', h.candidate!.id, { note: '本人申请' }, { channel: 'self_report' }),
    );
    expect(c).toMatchObject({ kind: 'identification', state: 'applied', closed: false });
    id = c.id;
    const again = await open('vil', 'identification', h.candidate!.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'E_CONFLICT', details: { caseId: id } });
    expect((await open('vil', 'exit', h.candidate!.id)).statusCode).toBe(409); // not a poor household
    expect((await open('adm', 'identification', h.rejected!.id)).json().code).toBe('E_ROLE');
  });

  it('cannot skip a step, refuses the wrong role and names missing requirements', async () => {
    const skip = await act('cty', id, 'county_approve', { note: '同意' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('E_TRANSITION_NOT_ALLOWED');
    const wrongRole = await act('twn', id, 'review_vote', vote);
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json()).toMatchObject({ code: 'E_ROLE', details: { missing: ['role'] } });
    const noQuorum = await act('vil', id, 'review_vote', {
      vote: { total: 30, present: 12, for: 12, against: 0 },
    });
    expect(noQuorum.statusCode).toBe(400);
    expect(noQuorum.json()).toMatchObject({ code: 'E_REQUIREMENT', details: { missing: ['vote.quorum'] } });
    expect((await act('vilB', id, 'review_vote', vote)).json().code).toBe('E_NOT_FOUND');
    const detail = ok(await call('vil', 'GET', `/api/cases/${id}`));
    expect(detail.actions).toEqual([
      expect.objectContaining({ action: 'review_vote', allowed: true }),
      expect.objectContaining({ action: 'reject', allowed: true }),
      expect.objectContaining({ action: 'withdraw', allowed: true }),
    ]);
  });

  it('runs the notice: too early is refused, an objection sends the case back to verification', async () => {
    expect(ok(await act('vil', id, 'review_vote', vote)).state).toBe('first_notice');
    const n = noticeFrom(7);
    const early = await act('vil', id, 'close_first_notice', n);
    expect(early.json()).toMatchObject({ code: 'E_REQUIREMENT', details: { missing: ['notice.elapsed'] } });
    const short = await act('vil', id, 'close_first_notice', noticeFrom(5));
    expect(short.json().details.missing).toContain('notice.period');

    const notice = ok(await call('vil', 'GET', `/api/cases/${id}/notice`));
    expect(notice).toMatchObject({
      stage: 'first_notice',
      current: true,
      place: { village: '十八洞村', township: '双龙镇', county: '花垣县' },
      period: { start: n.notice.start, end: n.notice.end, days: 7, minDays: 7 },
      households: [{ headName: '石拔三', size: 2 }],
    });
    const text = JSON.stringify(notice);
    for (const secret of [
      h.candidate!.headIdNumber,
      '13812345678',
      '6217001234567890123',
      'serious',
      '大病',
      '残疾',
    ])
      expect(text).not.toContain(secret);
    const redirect = await app.inject({ method: 'GET', url: `/notices/${id}` });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe(`/cases/${id}/notice`);

    advance(7);
    const back = ok(
      await act('vil', id, 'close_first_notice', {
        notice: { ...n.notice, objections: [{ text: '该户有人在外地工作，收入不实', resolved: false }] },
      }),
    );
    expect(back.state).toBe('verification');
    const timeline = back.timeline as { action: string; to: string; returned: unknown }[];
    expect(timeline.at(-1)).toMatchObject({
      action: 'close_first_notice',
      to: 'verification',
      returned: { objections: [{ text: '该户有人在外地工作，收入不实' }] },
    });
  });

  it('goes on through township and county to registered, and updates the household', async () => {
    ok(await act('twn', id, 'verify', { note: '核实：外出务工收入已计入，仍低于标准' }));
    ok(await act('vil', id, 'review_vote', vote));
    const n = noticeFrom(7);
    advance(7);
    expect(ok(await act('vil', id, 'close_first_notice', n)).state).toBe('township_review');
    expect((await act('vil', id, 'township_approve', { note: '同意' })).json().code).toBe('E_ROLE');
    expect(ok(await act('twn', id, 'township_approve', { note: '乡镇审核同意' })).state).toBe(
      'second_notice',
    );
    const n2 = noticeFrom(7);
    advance(8);
    expect(ok(await act('twn', id, 'close_second_notice', n2)).state).toBe('county_approval');
    expect(ok(await act('cty', id, 'county_approve', { note: '县扶贫办审批同意' })).state).toBe('announced');
    const missing = await act('vil', id, 'register', {
      signatures: [{ who: 'household', name: '石拔三' }],
    });
    expect(missing.json().details.missing).toEqual(['signature.collector', 'signature.reviewer']);
    const done = ok(
      await act('vil', id, 'register', {
        signatures: [
          { who: 'household', name: '石拔三' },
          { who: 'collector', name: '龙秀' },
          { who: 'reviewer', name: '施进兰' },
        ],
      }),
    );
    expect(done).toMatchObject({ state: 'registered', closed: true, actions: [] });

    const hh = await tdb.db
      .selectFrom('household')
      .selectAll()
      .where('id', '=', h.candidate!.id)
      .executeTakeFirstOrThrow();
    expect(hh).toMatchObject({ status: 'poor', household_type: 'general_poor', registered_year: 2026 });
    const history = await tdb.db
      .selectFrom('status_history')
      .selectAll()
      .where('household_id', '=', h.candidate!.id)
      .executeTakeFirstOrThrow();
    expect(history).toMatchObject({ from_status: 'none', to_status: 'poor', changed_on: today() });
    expect(history.reason).toContain(`#${id}`);

    const audit = await tdb.db
      .selectFrom('audit_event')
      .select(['action', 'entity_type'])
      .where((eb) =>
        eb.or([
          eb.and([eb('entity_type', '=', 'case'), eb('entity_id', '=', id)]),
          eb.and([eb('entity_type', '=', 'household'), eb('entity_id', '=', h.candidate!.id)]),
        ]),
      )
      .orderBy('id')
      .execute();
    const events = await tdb.db.selectFrom('case_event').select('action').where('case_id', '=', id).execute();
    expect(audit.filter((a) => a.entity_type === 'case')).toHaveLength(events.length); // every transition audited
    // the household change and the transition are audited in the same transaction
    expect(audit.slice(-2)).toEqual([
      { action: 'household.status', entity_type: 'household' },
      { action: 'case.register', entity_type: 'case' },
    ]);
    expect((await act('vil', id, 'withdraw', { note: 'x' })).json().code).toBe('E_TRANSITION_NOT_ALLOWED');
  });

  it('a rejected case keeps its reason', async () => {
    const c = ok(await open('vil', 'identification', h.rejected!.id));
    expect((await act('vil', c.id, 'reject', {})).json().details.missing).toEqual(['evidence']);
    const r = ok(await act('vil', c.id, 'reject', { note: '家庭成员有小汽车，不符合识别条件' }));
    expect(r).toMatchObject({
      state: 'rejected',
      closed: true,
      outcomeReason: '家庭成员有小汽车，不符合识别条件',
    });
    expect(r.data).toMatchObject({
      outcome: { state: 'rejected', note: '家庭成员有小汽车，不符合识别条件' },
    });
    const list = ok(await call('twn', 'GET', '/api/cases?state=rejected')) as unknown as {
      items: { id: string; outcomeReason: string }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({ id: c.id, outcomeReason: '家庭成员有小汽车，不符合识别条件' }),
    ]);
  });
});

describe('exit case', () => {
  it('needs the household to agree and sign, then closes the record', async () => {
    const c = ok(await open('vil', 'exit', h.poor!.id, { note: '村“两委”提议' }));
    expect(c.state).toBe('proposed');
    expect((await act('vil', c.id, 'household_agree', {})).json().code).toBe('E_TRANSITION_NOT_ALLOWED');
    ok(await act('vil', c.id, 'verify', { note: '收入稳定超过标准，两不愁三保障达标' }));
    const unsigned = await act('vil', c.id, 'household_agree', {});
    expect(unsigned.json().details.missing).toEqual(['signature.household']);
    ok(await act('vil', c.id, 'household_agree', { signatures: [{ who: 'household', name: '施成富' }] }));
    const n = noticeFrom(7);
    advance(7);
    ok(await act('vil', c.id, 'close_notice', n));
    ok(await act('vil', c.id, 'announce', { note: '已公告' }));
    expect((await act('vil', c.id, 'close_record', { note: '销号' })).json().code).toBe('E_ROLE');
    const done = ok(await act('twn', c.id, 'close_record', { note: '乡镇销号' }));
    expect(done).toMatchObject({ state: 'closed', closed: true });
    const hh = await tdb.db
      .selectFrom('household')
      .selectAll()
      .where('id', '=', h.poor!.id)
      .executeTakeFirstOrThrow();
    expect(hh).toMatchObject({ status: 'exited', exit_year: Number(today().slice(0, 4)) });
  });
});

describe('monitoring case', () => {
  let id: string;

  it('is listed as overdue 16 days after the lead without a decision', async () => {
    id = ok(
      await open('vil', 'monitoring', h.lead!.id, { note: '因病支出大' }, { channel: 'cadre_screening' }),
    ).id;
    const fresh = ok(await open('vil2', 'monitoring', h.fresh!.id, { note: '自主申报' }));
    const due = ok(await call('vil', 'GET', `/api/cases/${id}`)).deadline;
    expect(due).toMatchObject({ due: addDays(today(), 15), daysLeft: 15, overdue: false });
    advance(10);
    ok(
      await act('vil', id, 'home_visit', {
        note: '入户核实：住院费用 3 万元',
        signatures: [{ who: 'household', name: '户主' }],
        dataConsent: { by: '户主', signedOn: today() },
      }),
    );
    ok(await act('vil', id, 'review_vote', vote));
    advance(6);
    // 16 days after the lead: overdue, and listed so; the newer case (opened the same day) too, a case of now not
    const later = ok(await open('vil2', 'dibao', h.fresh!.id, {}));
    const overdue = await call('cty', 'GET', '/api/cases?overdue=true');
    const ids = (overdue.json().items as { id: string; overdue: boolean; daysLeft: number }[]).map(
      (i) => i.id,
    );
    expect(ids).toEqual(expect.arrayContaining([id, fresh.id]));
    expect(ids).not.toContain(later.id);
    expect(overdue.json().items[0]).toMatchObject({ overdue: true, daysLeft: -1 });
    const village = await call('vil', 'GET', '/api/cases?overdue=true');
    expect((village.json().items as { id: string }[]).map((i) => i.id)).toEqual([id]);
  });

  it('includes with a category (a late decision gives its reason) and marks the household monitored', async () => {
    const n = { notice: { start: addDays(today(), -6), end: addDays(today(), -2), objections: [] } };
    ok(await act('vil', id, 'close_notice', n));
    ok(await act('twn', id, 'township_check', { note: '乡镇核查属实' }));
    const noCategory = await act('cty', id, 'include', { note: '纳入监测' });
    expect(noCategory.json().details.missing).toEqual(['deadline.late_reason', 'decision.category']);
    const done = ok(
      await act('cty', id, 'include', {
        note: '纳入监测：因病',
        lateReason: '等待医保报销数据',
        decision: { category: 'sudden', risks: ['illness'] },
      }),
    );
    expect(done).toMatchObject({ state: 'monitored', closed: false, deadline: null, overdue: false });
    expect((done.timeline as { late: unknown }[]).at(-1)!.late).toMatchObject({ days: 16 });
    const hh = await tdb.db
      .selectFrom('household')
      .selectAll()
      .where('id', '=', h.lead!.id)
      .executeTakeFirstOrThrow();
    expect(hh).toMatchObject({ status: 'monitored', monitoring_category: 'sudden' });
    const overdue = await call('vil', 'GET', '/api/cases?overdue=true');
    expect(overdue.json().items).toEqual([]);
  });

  it('opens at "monitored" for a household monitored before the system', async () => {
    const m = await createHousehold(tdb.db, { village: T.villageA1, status: 'monitored' });
    const c = ok(await open('vil', 'monitoring', m.id));
    expect(c).toMatchObject({ state: 'monitored', deadline: null, dueOn: null });
    expect((c.actions as { action: string }[]).map((a) => a.action)).toEqual(['propose_removal']);
  });
});

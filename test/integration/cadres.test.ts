import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '../../src/domain/calendar.js';
import { currentCadres } from '../../src/modules/cadres/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const H = { poorA: '', monA: '', exitedA: '', noneA: '', poorB: '' };
const today = chinaDate(new Date());

const call = async (
  user: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
) => {
  const res = await app.inject({
    method,
    url,
    payload: payload as object,
    headers: { cookie: cookies[user]! },
  });
  return { status: res.statusCode, body: res.json() };
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  await db
    .updateTable('region')
    .set({ is_poor_village: true })
    .where('code', 'in', [T.villageA1, T.villageB1])
    .execute();
  H.poorA = (await createHousehold(db, { village: T.villageA1, status: 'poor', headName: '龙甲' })).id;
  H.monA = (await createHousehold(db, { village: T.villageA1, status: 'monitored', headName: '施乙' })).id;
  H.exitedA = (
    await createHousehold(db, { village: T.villageA1, status: 'exited', type: 'exited', headName: '杨丙' })
  ).id;
  H.noneA = (
    await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary', headName: '麻丁' })
  ).id;
  H.poorB = (await createHousehold(db, { village: T.villageB1, status: 'poor', headName: '吴戊' })).id;
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(db);
  for (const u of ['cty', 'twnA', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('cadres and assignments', () => {
  let cadre1 = '';
  let cadre2 = '';

  it('lists households without a current cadre (poor, monitored; not exited or none)', async () => {
    const r = await call('cty', 'GET', `/api/responsibility/gaps/no-cadre?region=${T.county}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { householdId: string }) => i.householdId).sort()).toEqual(
      [H.poorA, H.monA, H.poorB].sort(),
    );
  });

  it('creates cadres (township officer and above, in scope, audited) and refuses a village cadre', async () => {
    const vilUser = await tdb.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'vil')
      .executeTakeFirstOrThrow();
    const a = await call('twnA', 'POST', '/api/cadres', {
      name: '石帮扶',
      workUnit: '双龙镇人民政府',
      unitLevel: 'township',
      phone: '13900001111',
      regionCode: T.villageA1,
      userId: vilUser.id,
    });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ name: '石帮扶', username: 'vil', caseload: 0 });
    cadre1 = a.body.id;
    const b = await call('cty', 'POST', '/api/cadres', {
      name: '龙县直',
      workUnit: '花垣县农业农村局',
      unitLevel: 'county',
      regionCode: T.county,
    });
    expect(b.status).toBe(200);
    cadre2 = b.body.id;
    expect(
      (
        await call('vil', 'POST', '/api/cadres', {
          name: 'x',
          workUnit: 'y',
          unitLevel: 'village',
          regionCode: T.villageA1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('twnA', 'POST', '/api/cadres', {
          name: 'x',
          workUnit: 'y',
          unitLevel: 'village',
          regionCode: T.villageB1,
        })
      ).body.code,
    ).toBe('E_OUT_OF_SCOPE');
    const bad = await call('twnA', 'POST', '/api/cadres', {
      name: 'x',
      workUnit: 'y',
      unitLevel: 'city',
      regionCode: T.villageA1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/unitLevel/);
    expect((await auditEventsOf(tdb.db, 'cadre.create')).length).toBe(2);
  });

  it('assigns a cadre, hands over with history, and the gap list shrinks', async () => {
    const start = addDays(today, -30);
    const r = await call('twnA', 'POST', `/api/households/${H.poorA}/cadre`, {
      cadreId: cadre1,
      startDate: start,
      reason: '初次结对',
    });
    expect(r.status).toBe(200);
    expect(r.body.current).toMatchObject({ cadreId: cadre1, startDate: start, endDate: null });
    // a county-level cadre may be assigned by a township officer to a household below the county
    const h = await call('twnA', 'POST', `/api/households/${H.poorA}/cadre`, {
      cadreId: cadre2,
      reason: '工作调动，交接',
    });
    expect(h.status).toBe(200);
    expect(h.body.current.cadreId).toBe(cadre2);
    expect(h.body.history).toHaveLength(1);
    expect(h.body.history[0]).toMatchObject({
      cadreId: cadre1,
      endDate: addDays(today, -1),
      endReason: '工作调动，交接',
    });
    const again = await call('twnA', 'POST', `/api/households/${H.poorA}/cadre`, {
      cadreId: cadre2,
      reason: '重复',
    });
    expect(again.status).toBe(409);
    const noReason = await call('twnA', 'POST', `/api/households/${H.monA}/cadre`, {
      cadreId: cadre1,
      reason: '',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/reason/);
    expect(
      (
        await call('twnA', 'POST', `/api/households/${H.monA}/cadre`, {
          cadreId: cadre1,
          reason: '监测户结对',
        })
      ).status,
    ).toBe(200);
    expect(
      (await call('vil', 'POST', `/api/households/${H.monA}/cadre`, { cadreId: cadre2, reason: '越权' }))
        .status,
    ).toBe(403);
    expect(
      (await call('twnA', 'POST', `/api/households/${H.poorB}/cadre`, { cadreId: cadre1, reason: '越界' }))
        .status,
    ).toBe(404);

    const gap = await call('cty', 'GET', `/api/responsibility/gaps/no-cadre?region=${T.county}`);
    expect(gap.body.items.map((i: { householdId: string }) => i.householdId)).toEqual([H.poorB]);
    expect((await auditEventsOf(tdb.db, 'cadre_assignment.handover'))[0]).toMatchObject({
      entity_id: H.poorA,
      reason: '工作调动，交接',
    });
    expect((await auditEventsOf(tdb.db, 'cadre_assignment.assign')).length).toBe(2);

    const map = await currentCadres(tdb.db, [H.poorA, H.monA, H.poorB]);
    expect(map.get(H.poorA)).toMatchObject({ cadreId: cadre2, name: '龙县直', workUnit: '花垣县农业农村局' });
    expect(map.get(H.monA)?.phone).toBe('13900001111');
    expect(map.has(H.poorB)).toBe(false);

    const list = await call('cty', 'GET', `/api/cadres?region=${T.county}`);
    expect(list.body.items.map((c: { caseload: number }) => c.caseload)).toEqual([1, 1]);
  });

  it("shows a village cadre's own households with what each needs next", async () => {
    const me = await call('vil', 'GET', '/api/cadres/me');
    expect(me.status).toBe(200);
    expect(me.body.cadre.id).toBe(cadre1);
    expect(me.body.households).toHaveLength(1);
    expect(me.body.households[0]).toMatchObject({ householdId: H.monA, next: ['never_visited'] });
    expect(me.body.households[0].visit).toMatchObject({ visitsPerYear: 6, overdue: true, lastVisit: null });
    expect((await call('twnA', 'GET', '/api/cadres/me')).status).toBe(404);
  });
});

describe('visits and the visit plan', () => {
  it('lists overdue visits, records a visit from the phone form, and the list shrinks', async () => {
    const before = await call('cty', 'GET', `/api/responsibility/gaps/overdue-visits?region=${T.villageA1}`);
    expect(before.body.items.map((i: { householdId: string }) => i.householdId).sort()).toEqual(
      [H.poorA, H.monA, H.exitedA].sort(),
    );
    const v = await call('vil', 'POST', '/api/visits', {
      householdId: H.monA,
      purpose: 'risk',
      findings: '家中老人住院，医保已报销',
      followUp: '下周联系镇医保办',
    });
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ visitDate: today, cadreName: '石帮扶', recordedBy: 'vil' });
    const after = await call('cty', 'GET', `/api/responsibility/gaps/overdue-visits?region=${T.villageA1}`);
    expect(after.body.total).toBe(2);
    const me = await call('vil', 'GET', '/api/cadres/me');
    expect(me.body.households[0].visit).toMatchObject({
      lastVisit: today,
      dueOn: addDays(today, 61),
      overdue: false,
      visitsThisYear: 1,
    });
    expect(me.body.households[0].next).toEqual([]);
    expect((await auditEventsOf(tdb.db, 'visit.create')).length).toBe(1);
    // a village cadre may not record visits outside the village, nor in the future
    expect(
      (
        await call('vil', 'POST', '/api/visits', {
          householdId: H.poorB,
          purpose: 'routine',
          findings: '正常',
        })
      ).status,
    ).toBe(404);
    const fut = await call('vil', 'POST', '/api/visits', {
      householdId: H.monA,
      purpose: 'routine',
      findings: '正常',
      visitDate: addDays(today, 2),
    });
    expect(fut.status).toBe(400);
    expect(fut.body.message).toMatch(/future/);
  });

  it('an old visit is overdue after ceil(365/N) days; the county plan changes N (audited)', async () => {
    await tdb.db
      .insertInto('visit')
      .values({
        household_id: H.exitedA,
        village_code: T.villageA1,
        visit_date: addDays(today, -200),
        purpose: 'routine',
        findings: '稳定',
      })
      .execute();
    const plan = await call('cty', 'GET', `/api/visit-plan?region=${T.county}`);
    expect(plan.body.effective).toContainEqual({ kind: 'exited', visitsPerYear: 2, regionPrefix: '' });
    // 2 a year → due after 183 days: overdue
    let r = await call('cty', 'GET', `/api/responsibility/gaps/overdue-visits?region=${T.villageA1}`);
    expect(r.body.items.map((i: { householdId: string }) => i.householdId)).toContain(H.exitedA);
    expect(
      (
        await call('twnA', 'PUT', '/api/visit-plan', {
          regionPrefix: T.townshipA,
          kind: 'exited',
          visitsPerYear: 1,
          reason: '调整',
        })
      ).status,
    ).toBe(403);
    const set = await call('cty', 'PUT', '/api/visit-plan', {
      regionPrefix: T.county,
      kind: 'exited',
      visitsPerYear: 1,
      reason: '县定脱贫户每年走访一次',
    });
    expect(set.status).toBe(200);
    expect(set.body.effective).toContainEqual({ kind: 'exited', visitsPerYear: 1, regionPrefix: T.county });
    expect(
      (
        await call('cty', 'PUT', '/api/visit-plan', {
          regionPrefix: '',
          kind: 'exited',
          visitsPerYear: 1,
          reason: '全国',
        })
      ).status,
    ).toBe(403);
    r = await call('cty', 'GET', `/api/responsibility/gaps/overdue-visits?region=${T.villageA1}`);
    expect(r.body.items.map((i: { householdId: string }) => i.householdId)).toEqual([H.poorA]);
    expect((await auditEventsOf(tdb.db, 'visit_plan.set'))[0]).toMatchObject({
      entity_id: `${T.county}:exited`,
    });
  });
});

describe('work teams', () => {
  it('lists poor villages without a team; creating one (one first secretary) shrinks it', async () => {
    const before = await call('cty', 'GET', `/api/responsibility/gaps/no-team?region=${T.county}`);
    expect(before.body.items.map((v: { villageCode: string }) => v.villageCode)).toEqual(
      [T.villageB1, T.villageA1].sort(),
    );
    const members = [
      { name: '彭书记', role: 'first_secretary', workUnit: '湖南省扶贫办' },
      { name: '田队员', role: 'member' },
    ];
    const two = await call('twnA', 'POST', '/api/work-teams', {
      villageCode: T.villageA1,
      sendingUnit: '湖南省扶贫办',
      startDate: addDays(today, -100),
      members: [...members, { name: '又一书记', role: 'first_secretary' }],
      reason: '选派',
    });
    expect(two.status).toBe(400);
    expect(two.body.message).toMatch(/first secretary/);
    const ok = await call('twnA', 'POST', '/api/work-teams', {
      villageCode: T.villageA1,
      sendingUnit: '湖南省扶贫办',
      startDate: addDays(today, -100),
      members,
      reason: '选派驻村工作队',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      current: true,
      members: [{ role: 'first_secretary', name: '彭书记' }, { role: 'member' }],
    });
    // hand-over: a new team ends the old one the day before it starts
    const next = await call('twnA', 'POST', '/api/work-teams', {
      villageCode: T.villageA1,
      sendingUnit: '湘西州委组织部',
      startDate: addDays(today, -10),
      members: [{ name: '张书记', role: 'first_secretary' }],
      reason: '轮换',
    });
    expect(next.status).toBe(200);
    const teams = await call('cty', 'GET', `/api/work-teams?region=${T.villageA1}&current=false`);
    expect(
      teams.body.items.map((t: { current: boolean; endDate: string | null }) => [t.current, t.endDate]),
    ).toEqual([
      [true, null],
      [false, addDays(today, -11)],
    ]);
    const after = await call('cty', 'GET', `/api/responsibility/gaps/no-team?region=${T.county}`);
    expect(after.body.items.map((v: { villageCode: string }) => v.villageCode)).toEqual([T.villageB1]);
    expect((await auditEventsOf(tdb.db, 'work_team.create')).length).toBe(2);
  });

  it('summarises the responsibility figures for the dashboard, in scope only', async () => {
    const s = await call('cty', 'GET', `/api/responsibility/summary?region=${T.county}`);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      region: T.county,
      cadres: { active: 2, householdsNeeding: 3, householdsWithout: 1 },
      visits: { planned: 4, overdue: 2, neverVisited: 2 },
      teams: { poorVillages: 2, villagesWithout: 1 },
    });
    expect((await call('vil', 'GET', `/api/responsibility/summary?region=${T.county}`)).status).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/responsibility/summary' })).statusCode).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createAuditService } from '../../src/modules/audit/service.js';
import { HOUSEHOLD_ACTOR, recordAgreement } from '../../src/modules/plans/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const YEAR = 2025;

/** A household of village A1: head (chronic illness, can work), spouse (no labour), a pupil. */
async function familyWithPupil(village = T.villageA1, status = 'poor') {
  const h = await createHousehold(tdb.db, {
    village,
    status,
    cause: 'illness',
    members: [
      { name: '龙大山', sex: '1', birth: '1975-04-02', relation: 'head', health: 'chronic' },
      { name: '石秀英', sex: '2', birth: '1977-08-09', relation: 'spouse' },
      { name: '龙小妹', sex: '2', birth: '2013-09-01', relation: 'daughter' },
    ],
  });
  await tdb.db
    .updateTable('household')
    .set({ other_causes: ['schooling'] })
    .where('id', '=', h.id)
    .execute();
  const ms = await tdb.db
    .selectFrom('member')
    .select(['id', 'name'])
    .where('household_id', '=', h.id)
    .execute();
  const set = (name: string, v: { labour_capacity: string; student_status?: string }) =>
    tdb.db
      .updateTable('member')
      .set(v)
      .where('id', '=', ms.find((m) => m.name === name)!.id)
      .execute();
  await set('龙大山', { labour_capacity: 'ordinary' });
  await set('石秀英', { labour_capacity: 'none' });
  await set('龙小妹', { labour_capacity: 'none', student_status: 'junior' });
  return h;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'cty', 'county_officer', T.county);
  app = await testApp(tdb.db);
  for (const u of ['vil', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

type Method = 'GET' | 'PATCH' | 'POST';
const send = (user: string, method: Method, url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });

interface MeasureJson {
  id: string;
  catalogueCode: string;
  status: string;
  version: number;
  batch: string;
  amount: number | null;
}
interface PlanJson {
  plan: {
    id: string;
    version: number;
    status: string;
    measures: MeasureJson[];
    fit: { fits: boolean; problems: { kind: string; cause?: string; message: { zh: string } }[] };
  };
}

describe('measure catalogue', () => {
  it('is seeded with the five batches and answers every poverty cause', async () => {
    const res = await send('vil', 'GET', '/api/plans/catalogue');
    expect(res.statusCode).toBe(200);
    const rows = res.json() as { code: string; batch: string; causes: string[] }[];
    expect(new Set(rows.map((r) => r.batch))).toEqual(
      new Set(['production', 'relocation', 'eco', 'education', 'social_security']),
    );
    const causes = new Set(rows.flatMap((r) => r.causes));
    for (const c of ['illness', 'disability', 'schooling', 'disaster', 'marriage', 'land', 'water', 'skills'])
      expect(causes.has(c), c).toBe(true);
    for (const c of ['capital', 'labour', 'transport', 'motivation', 'other'])
      expect(causes.has(c), c).toBe(true);
  });

  it('is edited by county officers only, version-checked and audited', async () => {
    const body = {
      code: 'tea_garden',
      nameZh: '茶园入股',
      nameEn: 'tea garden shares',
      batch: 'production',
      measureType: 'industry',
      causes: ['land', 'capital'],
      labour: 'able',
      defaultAmount: 2000,
    };
    expect((await send('vil', 'POST', '/api/plans/catalogue', body)).statusCode).toBe(403);
    const bad = await send('cty', 'POST', '/api/plans/catalogue', { ...body, batch: 'tourism' });
    expect(bad.statusCode).toBe(400);
    const ok = await send('cty', 'POST', '/api/plans/catalogue', { ...body, reason: '县里新增产业' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ code: 'tea_garden', version: 1, active: true, months: 12 });
    expect((await send('cty', 'POST', '/api/plans/catalogue', body)).statusCode).toBe(400);

    const stale = await send('cty', 'PATCH', '/api/plans/catalogue/tea_garden', {
      version: 0,
      active: false,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('E_CONFLICT');
    const upd = await send('cty', 'PATCH', '/api/plans/catalogue/tea_garden', {
      version: 1,
      defaultAmount: 2500,
      reason: '标准提高',
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ defaultAmount: 2500, version: 2 });
    const [event] = (await auditEventsOf(tdb.db, 'catalogue.update')).slice(-1);
    expect(event).toMatchObject({ entity_type: 'measure_catalogue', actor_name: 'cty', reason: '标准提高' });
    expect(event!.before).toEqual({ code: 'tea_garden', defaultAmount: 2000 });
  });
});

describe('a household plan', () => {
  let hid: string;
  let plan: PlanJson['plan'];

  it('is drafted from the causes and conditions, answers them, and is created once per year', async () => {
    hid = (await familyWithPupil()).id;
    const empty = await send('vil', 'GET', `/api/households/${hid}/plan?year=${YEAR}`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({
      plan: null,
      canEdit: true,
      household: { ableToWork: 1, planned: true },
    });

    const res = await send('vil', 'POST', `/api/households/${hid}/plan`, { year: YEAR, reason: '入户制定' });
    expect(res.statusCode, res.body).toBe(200);
    plan = (res.json() as PlanJson).plan;
    const codes = plan.measures.map((m) => m.catalogueCode);
    expect(codes).toContain('education_aid'); // the other cause: schooling
    expect(
      codes.some((c) =>
        ['family_doctor', 'medical_insurance', 'medical_assistance', 'welfare_job'].includes(c),
      ),
    ).toBe(true);
    expect(plan.measures.every((m) => m.status === 'planned')).toBe(true);
    expect(plan.fit).toMatchObject({ fits: true, problems: [] });
    expect(plan.status).toBe('draft');
    const [event] = (await auditEventsOf(tdb.db, 'plan.create')).slice(-1);
    expect(event).toMatchObject({ entity_type: 'household', entity_id: hid, region_code: T.villageA1 });

    const again = await send('vil', 'POST', `/api/households/${hid}/plan`, { year: YEAR });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('E_CONFLICT');
  });

  it('refuses a plan for a household that is neither registered nor monitored', async () => {
    const h = await createHousehold(tdb.db, { village: T.villageA1, status: 'none', type: 'ordinary' });
    const res = await send('vil', 'POST', `/api/households/${h.id}/plan`, { year: YEAR });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('E_REQUIREMENT');
  });

  it('updates a measure status with the measure version; stale → 409; completed needs an outcome', async () => {
    const m = plan.measures[0]!;
    const ok = await send('vil', 'PATCH', `/api/plans/measures/${m.id}`, {
      version: m.version,
      status: 'in_progress',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (ok.json() as PlanJson).plan.measures.find((x) => x.id === m.id)!;
    expect(after).toMatchObject({ status: 'in_progress', version: m.version + 1 });

    const stale = await send('vil', 'PATCH', `/api/plans/measures/${m.id}`, {
      version: m.version,
      status: 'completed',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('E_CONFLICT');
    expect(stale.json().details?.measure, stale.body).toMatchObject({ id: m.id, status: 'in_progress' });

    const noOutcome = await send('vil', 'PATCH', `/api/plans/measures/${m.id}`, {
      version: after.version,
      status: 'completed',
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().message).toContain('outcome');

    const done = await send('vil', 'PATCH', `/api/plans/measures/${m.id}`, {
      version: after.version,
      status: 'completed',
      outcome: '已签约并完成首次随访',
    });
    expect(done.statusCode, done.body).toBe(200);
    const [event] = (await auditEventsOf(tdb.db, 'plan.measure.status')).slice(-1);
    expect(event!.before).toMatchObject({ measureId: m.id, status: 'in_progress', outcome: null });
    expect(event!.after).toMatchObject({
      measureId: m.id,
      status: 'completed',
      outcome: '已签约并完成首次随访',
    });
  });

  it('shows in the gap list when a cause is left unanswered, and leaves it once fixed', async () => {
    const current = (await send('cty', 'GET', `/api/households/${hid}/plan?year=${YEAR}`)).json() as PlanJson;
    const edu = current.plan.measures.find((m) => m.catalogueCode === 'education_aid')!;
    const noReason = await send('vil', 'PATCH', `/api/plans/measures/${edu.id}`, {
      version: edu.version,
      status: 'cancelled',
    });
    expect(noReason.statusCode).toBe(400);
    const cancelled = await send('vil', 'PATCH', `/api/plans/measures/${edu.id}`, {
      version: edu.version,
      status: 'cancelled',
      reason: '误录',
    });
    expect(cancelled.statusCode).toBe(200);
    const fit = (cancelled.json() as PlanJson).plan.fit;
    expect(fit.fits).toBe(false);
    expect(fit.problems).toEqual([expect.objectContaining({ kind: 'cause_unanswered', cause: 'schooling' })]);
    expect(fit.problems[0]!.message.zh).toContain('因学');

    const gaps = await send('cty', 'GET', `/api/plans/gaps?region=${T.county}&year=${YEAR}`);
    expect(gaps.statusCode, gaps.body).toBe(200);
    const g = gaps.json();
    expect(g.items.map((i: { householdId: string }) => i.householdId)).toContain(hid);
    expect(g.byProblem.cause_unanswered).toBeGreaterThanOrEqual(1);
    const before = g.total as number;

    // a cancelled measure cannot be revived; the fix is to add the measure again
    const revive = await send('vil', 'PATCH', `/api/plans/measures/${edu.id}`, {
      version: edu.version + 1,
      status: 'planned',
    });
    expect(revive.statusCode).toBe(409);
    const planVersion = (cancelled.json() as PlanJson).plan.version;
    const staleAdd = await send('vil', 'POST', `/api/plans/${plan.id}/measures`, {
      version: planVersion - 1,
      catalogueCode: 'yulu_plan',
    });
    expect(staleAdd.statusCode).toBe(409);
    const added = await send('vil', 'POST', `/api/plans/${plan.id}/measures`, {
      version: planVersion,
      catalogueCode: 'education_aid',
      amount: 1250,
      reason: '补录教育资助',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect((added.json() as PlanJson).plan.fit.fits).toBe(true);
    const after = (await send('cty', 'GET', `/api/plans/gaps?region=${T.county}&year=${YEAR}`)).json();
    expect(after.total).toBe(before - 1);
    expect(after.items.map((i: { householdId: string }) => i.householdId)).not.toContain(hid);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });

  it("re-checks the fit when the household's causes are edited: the gap list and summary follow at once", async () => {
    const gapIds = async () =>
      (
        (await send('cty', 'GET', `/api/plans/gaps?region=${T.county}&year=${YEAR}`)).json().items as {
          householdId: string;
          problems: { kind: string; cause?: string }[];
        }[]
      ).filter((i) => i.householdId === hid);
    const notFitting = async () =>
      (await send('cty', 'GET', `/api/plans/summary?region=${T.villageA1}&year=${YEAR}`)).json()
        .notFitting as number;
    expect(await gapIds()).toEqual([]);
    const before = await notFitting();
    const edit = async (otherCauses: string[]) => {
      const { version } = await tdb.db
        .selectFrom('household')
        .select('version')
        .where('id', '=', hid)
        .executeTakeFirstOrThrow();
      const res = await send('vil', 'PATCH', `/api/households/${hid}`, {
        version,
        otherCauses,
        reason: '入户核实致贫原因',
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    // a new cause (disaster) that no measure of the plan answers
    await edit(['schooling', 'disaster']);
    const listed = await gapIds();
    expect(listed).toHaveLength(1);
    expect(listed[0]!.problems).toEqual([
      expect.objectContaining({ kind: 'cause_unanswered', cause: 'disaster' }),
    ]);
    expect(await notFitting()).toBe(before + 1);
    // the cause corrected back: the plan fits again
    await edit(['schooling']);
    expect(await gapIds()).toEqual([]);
    expect(await notFitting()).toBe(before);
  });

  it('records the agreement: who is a present member, how; or a refusal with a reason', async () => {
    let v = ((await send('vil', 'GET', `/api/households/${hid}/plan?year=${YEAR}`)).json() as PlanJson).plan
      .version;
    const stranger = await send('vil', 'POST', `/api/plans/${plan.id}/agreement`, {
      version: v,
      agreed: true,
      by: '张三',
      method: 'signature',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().message).toContain('张三');
    const noReason = await send('vil', 'POST', `/api/plans/${plan.id}/agreement`, {
      version: v,
      agreed: false,
      by: '龙大山',
    });
    expect(noReason.statusCode).toBe(400);
    const ok = await send('vil', 'POST', `/api/plans/${plan.id}/agreement`, {
      version: v,
      agreed: true,
      by: '龙大山',
      method: 'thumbprint',
      at: '2025-03-02T09:30:00+08:00',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as PlanJson).plan).toMatchObject({
      status: 'agreed',
      agreedBy: '龙大山',
      agreementMethod: 'thumbprint',
      agreedAt: '2025-03-02T01:30:00.000Z',
    });
    const stale = await send('vil', 'POST', `/api/plans/${plan.id}/agreement`, {
      version: v,
      agreed: true,
      by: '龙大山',
      method: 'signature',
    });
    expect(stale.statusCode).toBe(409);
    v = (ok.json() as PlanJson).plan.version;

    // the household portal records agreement itself
    await recordAgreement(
      tdb.db,
      HOUSEHOLD_ACTOR,
      hid,
      YEAR,
      { agreed: true, by: '石秀英', method: 'portal' },
      { now: new Date() },
    );
    const [event] = (await auditEventsOf(tdb.db, 'plan.agree')).slice(-1);
    expect(event).toMatchObject({ actor_name: 'the household', actor_id: null, entity_id: hid });
    expect(event!.after).toMatchObject({ status: 'agreed', agreedBy: '石秀英', method: 'portal' });
  });

  it('keeps plans within scope', async () => {
    const other = await familyWithPupil(T.villageB1);
    expect((await send('vil', 'GET', `/api/households/${other.id}/plan?year=${YEAR}`)).statusCode).toBe(404);
    expect((await send('vil', 'POST', `/api/households/${other.id}/plan`, { year: YEAR })).statusCode).toBe(
      404,
    );
    expect((await send('vil', 'GET', `/api/plans/gaps?region=${T.villageB1}`)).statusCode).toBe(403);
    expect((await send('vil', 'GET', `/api/households/${other.id}/card?year=${YEAR}`)).statusCode).toBe(404);
    expect((await send('vil', 'GET', `/api/villages/${T.villageB1}/cards`)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/plans/gaps' })).statusCode).toBe(401);
  });

  it('sums up the region: plans, fit, agreement and measures', async () => {
    const res = await send('cty', 'GET', `/api/plans/summary?region=${T.villageA1}&year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ plans: 1, fitting: 1, notFitting: 0, agreed: 1 });
    expect(s.measures.completed).toBe(1);
    expect(s.measures.cancelled).toBe(1);
    expect(s.withoutPlan).toBeGreaterThanOrEqual(0);
  });
});

describe('household card 明白卡', () => {
  it('shows masked members, causes, measures, the cadre and phone, policies and the audit head hash', async () => {
    const h = await familyWithPupil();
    await tdb.db
      .updateTable('member')
      .set({ is_dibao: true })
      .where('household_id', '=', h.id)
      .where('name', '=', '石秀英')
      .execute();
    await send('vil', 'POST', `/api/households/${h.id}/plan`, { year: YEAR });
    const cadre = await tdb.db
      .insertInto('cadre')
      .values({
        name: '向帮扶',
        work_unit: '县农业农村局',
        unit_level: 'county',
        phone: '13907431234',
        region_code: T.county,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tdb.db
      .insertInto('cadre_assignment')
      .values({ household_id: h.id, cadre_id: cadre.id, start_date: '2025-01-01', reason: '结对' })
      .execute();

    const res = await send('vil', 'GET', `/api/households/${h.id}/card?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const head = await createAuditService(tdb.db).headHash();
    expect(body.headHash).toBe(head);
    expect(body.village).toMatchObject({ code: T.villageA1, name: '十八洞村' });
    const card = body.cards[0];
    expect(card.members).toHaveLength(3);
    expect(card.members[0].idNumber).toMatch(/\*/);
    expect(JSON.stringify(card)).not.toContain(h.headIdNumber);
    expect(card.phone).toBe('138****5678');
    expect(card.cadres).toEqual([{ name: '向帮扶', workUnit: '县农业农村局', phone: '13907431234' }]);
    expect(card.mainCause).toBe('illness');
    expect(card.measures.length).toBeGreaterThan(1);
    expect(card.plan).toMatchObject({ year: YEAR, status: 'draft', fits: true });
    const policies = card.policies.map((p: { code: string }) => p.code);
    expect(policies).toContain('dibao');
    expect(policies).toContain('education');
    expect(card.policies.find((p: { code: string }) => p.code === 'dibao').who).toEqual(['石秀英']);
  });

  it('prints every registered or monitored household of a village, and no other', async () => {
    const none = await createHousehold(tdb.db, { village: T.villageA1, status: 'none', type: 'ordinary' });
    const res = await send('vil', 'GET', `/api/villages/${T.villageA1}/cards?year=${YEAR}`);
    expect(res.statusCode, res.body).toBe(200);
    const ids: string[] = res.json().cards.map((c: { householdId: string }) => c.householdId);
    const expected = await tdb.db
      .selectFrom('household')
      .select('id')
      .where('village_code', '=', T.villageA1)
      .where('status', 'in', ['poor', 'returned', 'monitored', 'exited'])
      .execute();
    expect(ids.sort()).toEqual(expected.map((e) => e.id).sort());
    expect(ids).not.toContain(none.id);
    expect((await send('vil', 'GET', `/api/villages/${T.townshipA}/cards`)).statusCode).toBe(403);
    expect((await send('cty', 'GET', `/api/villages/${T.townshipA}/cards`)).statusCode).toBe(400);
  });
});

describe('plan figures on the dashboard', () => {
  it('adds the plan fit of the current year to the responsibility summary', async () => {
    const year = new Date().getFullYear();
    const figures = async () => {
      const res = await send('cty', 'GET', `/api/responsibility/summary?region=${T.villageA1}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().plans as {
        year: number;
        plans: number;
        notFitting: number;
        withoutPlan: number;
        overdueMeasures: number;
      };
    };
    const before = await figures();
    const s = (await send('cty', 'GET', `/api/plans/summary?region=${T.villageA1}&year=${year}`)).json();
    expect(before).toEqual({
      year,
      plans: s.plans,
      notFitting: s.notFitting,
      withoutPlan: s.withoutPlan,
      overdueMeasures: s.overdue,
    });
    expect(before.withoutPlan).toBeGreaterThan(0);
    const h = await familyWithPupil();
    const created = await send('vil', 'POST', `/api/households/${h.id}/plan`, { year });
    expect(created.statusCode, created.body).toBe(200);
    const after = await figures();
    expect(after.plans).toBe(before.plans + 1);
    expect(after.withoutPlan).toBe(before.withoutPlan);
    expect(after.notFitting).toBe(before.notFitting);
  });
});

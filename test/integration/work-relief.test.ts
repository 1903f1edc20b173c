import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createAuditService } from '../../src/modules/audit/service.js';
import { recordFact } from './fact-fixtures.js';

/**
 * Work relief (以工代赈, issue 21 item 5): a project flagged as work relief pays wages to a local
 * member; each wage is written into the household's recorded income month (the month's record with
 * its wage raised, superseding the old one), so the monitoring rule's 12-month income rises by it.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh: string;
let worker: string;
let foreignMember: string;
let project: string;

const ITEMS = {
  wage: 500,
  businessPlanting: 0,
  businessBreeding: 0,
  businessOther: 0,
  productionCost: 0,
  property: 0,
  transferTekun: 0,
  transferDibao: 0,
  transferDisability: 0,
  transferSupport: 0,
  transferPension: 0,
  transferEco: 0,
  transferOther: 0,
  employmentCost: 0,
};
// the monitoring window on 2026-11-28 ends with October 2026: record 2025-10 … 2026-10
const MONTHS = Array.from({ length: 13 }, (_, i) => {
  const m = 10 + i;
  return `${2025 + Math.floor((m - 1) / 12)}-${String(((m - 1) % 12) + 1).padStart(2, '0')}`;
});

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  const h = await createHousehold(tdb.db, {
    village: T.villageA1,
    income: [{ year: 2026, perCapita: 3000 }],
  });
  hh = h.id;
  worker = (await membersOf(tdb.db, hh))[1]!.id;
  const other = await createHousehold(tdb.db, { village: T.villageB1 });
  foreignMember = (await membersOf(tdb.db, other.id))[0]!.id;
  for (const m of MONTHS) await recordFact(tdb.db, hh, 'income_month', { month: m, items: ITEMS }, `${m}-01`);
  const p = await tdb.db
    .insertInto('project')
    .values({
      name: '村道硬化（以工代赈）',
      project_type: 'infrastructure',
      village_code: T.villageA1,
      start_year: 2026,
      linkage_note: '务工带动',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  project = p.id;
  await createUser(tdb.db, 'twp', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(tdb.db, fixedClock('2026-11-28T08:00:00Z'));
  for (const u of ['twp', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const send = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
const wage = (over: object = {}) => ({
  memberId: worker,
  period: '2026-10',
  days: 10,
  amount: 1000,
  paidOn: '2026-11-05',
  ...over,
});
const monitoringIncome = async () => {
  const res = await send('twp', 'GET', `/api/households/${hh}/evaluation`);
  expect(res.statusCode, res.body).toBe(200);
  const results = res.json().results as { rule: string; reasons: { criterion: string; value: unknown }[] }[];
  const r = results
    .find((x) => x.rule === 'monitoring')!
    .reasons.find((x) => x.criterion === 'income_in_monitoring_range');
  return r!.value as number;
};
const monthFacts = async () => {
  const res = await send('twp', 'GET', `/api/households/${hh}/facts`);
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json().facts as {
      id: string;
      kind: string;
      state: string;
      value: { month: string; items: { wage: number } };
    }[]
  ).filter((f) => f.kind === 'income_month' && f.value.month === '2026-10');
};

describe('work relief', () => {
  it('pays only on a flagged project, by the township, to a local member', async () => {
    expect((await send('twp', 'POST', `/api/effort/projects/${project}/wages`, wage())).statusCode).toBe(409);
    expect(
      (await send('vil', 'PUT', `/api/effort/projects/${project}/work-relief`, { workRelief: true }))
        .statusCode,
    ).toBe(403);
    const f = await send('twp', 'PUT', `/api/effort/projects/${project}/work-relief`, { workRelief: true });
    expect(f.statusCode, f.body).toBe(200);
    expect((await send('vil', 'POST', `/api/effort/projects/${project}/wages`, wage())).statusCode).toBe(403);
    expect(
      (await send('twp', 'POST', `/api/effort/projects/${project}/wages`, wage({ memberId: foreignMember })))
        .statusCode,
    ).toBe(404);
    const future = await send(
      'twp',
      'POST',
      `/api/effort/projects/${project}/wages`,
      wage({ period: '2026-12' }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().details.field).toBe('body.period');
    expect(await tdb.db.selectFrom('work_relief_wage').select('id').execute()).toEqual([]);
  });

  it("reaches the household's income month and the monitoring rule's income", async () => {
    const before = await monitoringIncome();
    const res = await send('twp', 'POST', `/api/effort/projects/${project}/wages`, wage());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      amount: 1000,
      period: '2026-10',
      factState: 'confirmed',
      householdId: hh,
    });
    const months = await monthFacts();
    const current = months.filter((m) => m.state === 'confirmed');
    expect(current).toHaveLength(1);
    expect(current[0]!.value.items.wage).toBe(1500); // 500 recorded + 1,000 wage
    expect(current[0]!.id).toBe(res.json().factId);
    expect(months.filter((m) => m.state === 'superseded')).toHaveLength(1);
    // two members: the 12-month per-capita income rises by 1,000 / 2
    expect(await monitoringIncome()).toBeCloseTo(before + 500, 2);

    const second = await send(
      'twp',
      'POST',
      `/api/effort/projects/${project}/wages`,
      wage({ amount: 200, days: 2 }),
    );
    expect(second.statusCode, second.body).toBe(200);
    expect((await monthFacts()).find((m) => m.state === 'confirmed')!.value.items.wage).toBe(1700);
    expect(await monitoringIncome()).toBeCloseTo(before + 600, 2);
  });

  it('lists the wages and projects, audited', async () => {
    const w = await send('vil', 'GET', `/api/effort/projects/${project}/wages`);
    expect(w.statusCode).toBe(200);
    expect((w.json() as { amount: number }[]).map((x) => x.amount)).toEqual([200, 1000]);
    const p = await send('twp', 'GET', '/api/effort/work-relief');
    expect(p.json()).toEqual([expect.objectContaining({ id: project, wages: 2, paid: 1200, workers: 1 })]);
    const effort = await send('vil', 'GET', `/api/effort/households/${hh}`);
    expect(effort.json().wages).toHaveLength(2);
    expect(await auditEventsOf(tdb.db, 'effort.wage')).toHaveLength(2);
    expect(await auditEventsOf(tdb.db, 'household.fact.record')).toHaveLength(2);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });
});

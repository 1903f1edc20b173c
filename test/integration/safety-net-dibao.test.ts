import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { addDays, chinaDate } from '../../src/domain/calendar.js';
import { checkById } from '../../src/domain/quality/catalogue.js';
import { clockOf } from '../../src/kernel/clock.js';
import { paymentsReconcileFindings } from '../../src/modules/quality/safety-net-checks.js';
import { buildApp } from '../../src/server/app.js';
import { login } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';

/**
 * A dibao application to a roll entry and a payment list, a review that lowers the benefit, and a
 * gradual exit (docs/safety-net.md). Parameters set for the county: standard 600 a month, minimum
 * 30, gradual exit 2 months below 1.5 × standard. Hand calculation: 2 persons, 3,000 a person a year
 * of income (6,000) plus support of an obliged relative of 600 a year → (6,000 + 600) / 12 / 2 = 275
 * a person a month → benefit (600 − 275) × 2 = 650.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let now = new Date('2026-03-02T02:00:00Z');
const today = () => chinaDate(now);
const toDay = (iso: string) => (now = new Date(`${iso}T02:00:00Z`));
let household = '';

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
const ok = <T = Record<string, unknown>>(res: { statusCode: number; body: string }): T => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as T;
};
const setIncome = (perCapita: number) =>
  tdb.db
    .updateTable('household_year')
    .set({ per_capita_income: perCapita, net_income: perCapita * 2, wage_income: perCapita * 2 })
    .where('household_id', '=', household)
    .execute();
type Entry = {
  id: string;
  monthlyAmount: number;
  state: string;
  nextReviewOn: string;
  gradualExitUntil: string | null;
  changes: { decision: string }[];
};
type List = { id: string; totals: { programme: string; expected: number; listed: number; lines: number }[] };

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  household = (
    await createHousehold(db, {
      village: T.villageA1,
      status: 'poor',
      type: 'general_poor',
      income: [{ year: 2025, perCapita: 3000 }],
    })
  ).id;
  await db
    .insertInto('safety_net_param')
    .values({
      region_code: T.county,
      effective_from: '2026-01-01',
      values: JSON.stringify({
        dibaoStandardMonthly: 600,
        minimumBenefitPerPerson: 30,
        gradualExit: { months: 2, ceilingFactor: 1.5 },
      }),
      set_at: now,
    })
    .execute();
  const fact = (kind: string, value: object) => ({
    village_code: T.villageA1,
    household_id: household,
    kind,
    value: JSON.stringify(value),
    observed_on: '2025-12-20',
    source: 'civil_affairs',
    state: 'confirmed',
  });
  await db
    .insertInto('household_fact')
    .values([
      fact('legal_supporter', {
        relation: 'son',
        supporterName: '外出儿子',
        capacity: 'limited',
        agreedMonthly: 50,
        paid12m: 600,
        agreementRef: '赡养协议 2026-01',
      }),
      fact('dibao_means', {
        declared: { vehicles: 0, houses: 1, deposits: 2000, spending12m: 12000 },
        verified: { vehicles: 0, houses: 1, deposits: 2000, spending12m: 12000 },
      }),
    ])
    .execute();
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await createUser(db, 'town', 'civil_affairs_township', T.townshipA);
  await createUser(db, 'bureau', 'civil_affairs_county', T.county);
  await createUser(db, 'other', 'civil_affairs_township', T.townshipB);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'town', 'bureau', 'other']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('dibao: application → roll → payments → review → gradual exit', () => {
  let rollId = '';
  it('an approved dibao case enters the roll with its benefit computed and stored', async () => {
    const c = ok<{ id: string }>(
      await call('town', 'POST', '/api/cases', {
        kind: 'dibao',
        householdId: household,
        confirmIneligible: true,
        payload: { note: '本人申请' },
      }),
    );
    // the vote goes on whatever the rules say (the confirmation: case-vote-guidance.test.ts)
    const step = async (user: string, action: string, payload: object) =>
      ok(
        await call(user, 'POST', `/api/cases/${c.id}/actions/${action}`, {
          payload,
          confirmIneligible: true,
        }),
      );
    await step('town', 'investigate', {
      staff: ['甲', '乙'],
      signatures: [{ who: 'household', name: '户主' }],
      dataConsent: { by: '户主', signedOn: today() },
      note: '入户调查',
    });
    await step('vil', 'review_vote', { vote: { total: 30, present: 25, for: 20, against: 3 } });
    const notice = { notice: { start: today(), end: addDays(today(), 6), objections: [] } };
    toDay(addDays(today(), 7));
    await step('town', 'close_notice', notice);
    await step('bureau', 'county_check', { note: '县级抽查' });
    await step('bureau', 'approve', { note: '批准', decision: {} });
    const roll = ok<{ items: Entry[] }>(
      await call('town', 'GET', `/api/safety-net/rolls?householdId=${household}`),
    );
    expect(roll.items).toHaveLength(1);
    expect(roll.items[0]).toMatchObject({
      programme: 'dibao',
      category: 'C',
      persons: 2,
      monthlyAmount: 650,
      state: 'active',
      startMonth: '2026-03-01',
      nextReviewOn: '2026-06-09',
    });
    rollId = roll.items[0]!.id;
    const entry = ok<{ computation: { perCapitaIncome: number; assessment: { obligedSupport12m: number } } }>(
      await call('town', 'GET', `/api/safety-net/rolls/${rollId}`),
    );
    expect(entry.computation).toMatchObject({ perCapitaIncome: 275, assessment: { obligedSupport12m: 600 } });
    // another township's assistant does not see it
    expect((await call('other', 'GET', `/api/safety-net/rolls/${rollId}`)).statusCode).toBe(404);
  });

  it("the county's payment list carries it; the bank file has the whole account and is audited", async () => {
    expect(
      (await call('town', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-03-01' }))
        .statusCode,
    ).toBe(403);
    const list = ok<List>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-03-01' }),
    );
    expect(list.totals.find((t) => t.programme === 'dibao')).toMatchObject({
      expected: 650,
      listed: 650,
      lines: 1,
    });
    const file = await call('bureau', 'GET', `/api/safety-net/payments/${list.id}/bank-file?format=csv`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('6217001234567890123');
    expect(file.body).toContain('650.00');
    const lines = ok<{ items: { payee: string }[] }>(
      await call('town', 'GET', `/api/safety-net/payments/${list.id}/lines`),
    );
    expect(JSON.stringify(lines)).not.toContain('6217001234567890123');
    const events = await tdb.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'safety_net.payment_export')
      .execute();
    expect(events).toHaveLength(1);
    expect(
      ok<{ ok: boolean }>(await call('bureau', 'GET', `/api/safety-net/payments/${list.id}/reconcile`)).ok,
    ).toBe(true);
  });

  it('a review when due lowers the benefit from the next month', async () => {
    toDay('2026-06-10');
    const due = ok<{ items: Entry[] }>(await call('town', 'GET', '/api/safety-net/reviews-due'));
    expect(due.items.map((e) => e.id)).toEqual([rollId]);
    await setIncome(4200); // (8,400 + 600) / 24 = 375 → (600 − 375) × 2 = 450
    const r = ok<{ decision: string; effectiveMonth: string; entry: Entry }>(
      await call('town', 'POST', `/api/safety-net/rolls/${rollId}/review`, { note: '季度复核' }),
    );
    expect(r).toMatchObject({ decision: 'lower', effectiveMonth: '2026-07-01' });
    expect(r.entry).toMatchObject({ monthlyAmount: 450, state: 'active', nextReviewOn: '2026-09-10' });
    const june = ok<List>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-06-01' }),
    );
    expect(june.totals.find((t) => t.programme === 'dibao')!.listed).toBe(650);
    const july = ok<List>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-07-01' }),
    );
    expect(july.totals.find((t) => t.programme === 'dibao')!.listed).toBe(450);
  });

  it('income above the standard starts a gradual exit; the entry ceases when it is over', async () => {
    toDay('2026-07-10');
    await setIncome(7800); // (15,600 + 600) / 24 = 675: ≥ 600, < 900
    const r = ok<{ decision: string; entry: Entry }>(
      await call('town', 'POST', `/api/safety-net/rolls/${rollId}/review`, { note: '收入增加' }),
    );
    expect(r.decision).toBe('gradual_exit');
    expect(r.entry).toMatchObject({
      state: 'gradual_exit',
      monthlyAmount: 450,
      gradualExitUntil: '2026-09-01',
    });
    const sept = ok<List>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-09-01' }),
    );
    expect(sept.totals.find((t) => t.programme === 'dibao')!.listed).toBe(450);
    // the bank returns September's line: the list's totals say so; the rolls still reconcile
    const line = ok<{ items: { id: string }[] }>(
      await call('bureau', 'GET', `/api/safety-net/payments/${sept.id}/lines`),
    ).items[0]!;
    // the township's assistant records it (another township's is told nothing of the list or the line)
    const back = { note: '账户已销户' };
    const foreign = await call(
      'other',
      'POST',
      `/api/safety-net/payments/${sept.id}/lines/${line.id}/return`,
      back,
    );
    expect(foreign.statusCode).toBe(404);
    expect(ok<List>(await call('other', 'GET', `/api/safety-net/payments/${sept.id}`)).id).toBe(sept.id);
    const returned = ok<List & { totals: { returned: number; paid: number }[] }>(
      await call('town', 'POST', `/api/safety-net/payments/${sept.id}/lines/${line.id}/return`, back),
    );
    expect(returned.totals.find((t) => t.programme === 'dibao')).toMatchObject({
      listed: 450,
      returned: 450,
      paid: 0,
    });
    expect(
      ok<{ ok: boolean }>(await call('bureau', 'GET', `/api/safety-net/payments/${sept.id}/reconcile`)).ok,
    ).toBe(true);
    const oct = ok<List>(
      await call('bureau', 'POST', '/api/safety-net/payments', { county: T.county, month: '2026-10-01' }),
    );
    expect(oct.totals.find((t) => t.programme === 'dibao')!.lines).toBe(0);
    const entry = ok<Entry & { cessationReason: string; endMonth: string }>(
      await call('town', 'GET', `/api/safety-net/rolls/${rollId}`),
    );
    expect(entry).toMatchObject({ state: 'ceased', cessationReason: 'income', endMonth: '2026-09-01' });
    expect(entry.changes.map((c) => c.decision)).toEqual(['start', 'lower', 'gradual_exit', 'stop']);
  });

  it("the quality check payments_reconcile finds an aid due but not in the month's list", async () => {
    expect(checkById('payments_reconcile')?.params).toEqual({ months: 3 });
    const findings = () => paymentsReconcileFindings(tdb.db, T.county, today(), 3);
    toDay('2026-10-20');
    expect(await findings()).toEqual([]); // every list since August matches the rolls
    // an emergency aided at once after October's list was made: due in October, not listed
    const aid = ok<{ id: string; payMonth: string }>(
      await call('town', 'POST', '/api/safety-net/temporary', {
        householdId: household,
        type: 'emergency',
        cause: 'fire',
        amount: 500,
        fastTrack: true,
      }),
    );
    expect(aid.payMonth).toBe('2026-10-01');
    const found = await findings();
    expect(found).toEqual([
      expect.objectContaining({
        household_id: household,
        region_code: T.villageA1,
        subject: `2026-10 temporary:${aid.id}`,
        detail: expect.objectContaining({ programme: 'temporary', expected: 500, listed: 0 }),
      }),
    ]);
    // a township below sees it, another township does not; three months back from January: none
    expect(await paymentsReconcileFindings(tdb.db, T.townshipA, today(), 3)).toHaveLength(1);
    expect(await paymentsReconcileFindings(tdb.db, T.townshipB, today(), 3)).toHaveLength(0);
    expect(await paymentsReconcileFindings(tdb.db, T.county, '2027-01-05', 2)).toHaveLength(0);
  });

  it("medical assistance records what is left to pay as the household's medical rigid spending", async () => {
    const medical = (amount: number) =>
      call('town', 'POST', '/api/safety-net/sectoral', {
        sector: 'medical',
        householdId: household,
        occurredOn: '2026-10-12',
        totalCost: 10000,
        basicPaid: 5000,
        criticalPaid: 1000,
        amount,
      });
    ok(await medical(3000)); // left to pay: 10,000 − 5,000 − 1,000 − 3,000 = 1,000
    const facts = () =>
      tdb.db
        .selectFrom('household_fact')
        .select(['value', 'state', 'source', 'subject', 'supersedes'])
        .where('household_id', '=', household)
        .where('kind', '=', 'rigid_spending')
        .orderBy('id')
        .execute();
    const first = await facts();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      subject: 'medical:2026-10-12',
      source: 'civil_affairs',
      value: { category: 'medical', amount: 1000, periodFrom: '2026-10-12', periodTo: '2026-10-12' },
    });
    // a second record of the same day adds to it (the first superseded)
    ok(await medical(3500)); // left: 500 → 1,500 in all
    const second = await facts();
    expect(second).toHaveLength(2);
    expect(second[0]!.state).toBe('superseded');
    expect(second[1]).toMatchObject({ value: { amount: 1500 }, state: first[0]!.state });
    // more assistance than the insurances left to pay: refused, nothing written
    expect((await medical(4000.01)).statusCode).toBe(400);
    expect(await facts()).toHaveLength(2);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../../src/server/app.js';
import { recordSelfReport } from '../../src/modules/warnings/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';
import { clockOf } from '../../src/kernel/clock.js';

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const now = new Date('2026-03-02T02:00:00Z');
const h: Record<string, { id: string; headIdNumber: string }> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  // in the monitoring range of 2025 (line 4,500, range 6,750): 5,000 per person
  h.edge = await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 5000, status: 'none' }],
  });
  // 20,000 per person (net 40,000): a 25,000 bill is 62 % of the income
  h.billed = await createHousehold(db, {
    village: T.villageA1,
    status: 'exited',
    type: 'exited',
    income: [{ year: 2025, perCapita: 20000, status: 'exited' }],
  });
  h.small = await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 30000, status: 'none' }],
  });
  h.flooded = await createHousehold(db, {
    village: T.villageA2,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 30000, status: 'none' }],
  });
  h.other = await createHousehold(db, {
    village: T.villageB1,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 30000, status: 'none' }],
  });
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await createUser(db, 'vilB', 'village_cadre', T.villageB1);
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  await createUser(db, 'cty', 'county_officer', T.county);
  // a medical-bill list: 25,000 for the exited household (≥ 50 % of income), 3,000 for a rich one
  const list = await db
    .insertInto('department_list')
    .values({
      kind: 'medical_bill',
      department: '县医保局',
      file_name: 'bills.csv',
      sha256: 'a'.repeat(64),
      scope_code: T.county,
      imported_by_name: 'test',
      rows: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('department_record')
    .values([
      {
        list_id: list.id,
        row_no: 2,
        id_number: h.billed.headIdNumber,
        id_valid: true,
        name: 'x',
        attributes: JSON.stringify({ medical_amount: '25,000' }),
      },
      {
        list_id: list.id,
        row_no: 3,
        id_number: h.small.headIdNumber,
        id_valid: true,
        name: 'y',
        attributes: JSON.stringify({ medical_amount: '3000' }),
      },
    ])
    .execute();
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'vilB', 'twn', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
const ok = <R = Record<string, unknown>>(res: { statusCode: number; body: string }) => {
  expect(res.statusCode, res.body).toBe(200);
  return JSON.parse(res.body) as R;
};

interface Item {
  householdId: string;
  score: number;
  channels: string[];
  kinds: string[];
  topReasons: { criterion: string; points: number }[];
  caseId: string | null;
}
const worklist = async (user: string, query = '') =>
  ok<{ total: number; items: Item[]; channelCounts: Record<string, number> }>(
    await call(user, 'GET', `/api/warnings${query}`),
  );

describe('warnings from the three channels and income', () => {
  it('a cadre records a screening; a self-report is recorded on a household’s behalf', async () => {
    ok(
      await call('vil', 'POST', '/api/warnings/screenings', {
        householdId: h.edge!.id,
        kind: 'illness',
        estimatedLoss: 4000,
        note: '户主住院',
        observedOn: '2026-03-02',
      }),
    );
    ok(
      await call('vil', 'POST', '/api/warnings/self-reports', {
        householdId: h.small!.id,
        kind: 'job_loss',
        description: '务工工厂停产',
        observedOn: '2026-02-20',
      }),
    );
    expect((await auditEventsOf(tdb.db, 'warning.screening')).length).toBe(1);
    expect((await auditEventsOf(tdb.db, 'warning.self_report')).length).toBe(1);
  });

  it('validates the kind and the household scope', async () => {
    const bad = await call('vil', 'POST', '/api/warnings/screenings', {
      householdId: h.edge!.id,
      kind: 'comet',
    });
    expect(bad.statusCode).toBe(400);
    const out = await call('vilB', 'POST', '/api/warnings/screenings', {
      householdId: h.edge!.id,
      kind: 'illness',
    });
    expect(out.statusCode).toBe(404);
    expect(JSON.parse(out.body).code).toBe('E_NOT_FOUND');
    expect((await call('vilB', 'GET', `/api/warnings/households/${h.edge!.id}`)).statusCode).toBe(404);
    expect((await call('vilB', 'GET', `/api/warnings?region=${T.villageA1}`)).statusCode).toBe(403);
  });

  it('recordSelfReport (the household portal’s entry) writes a signal audited as the household', async () => {
    const id = await tdb.db.transaction().execute((trx) =>
      recordSelfReport(trx, h.flooded!.id, {
        kind: 'housing_damage',
        description: '屋顶漏雨',
        observedOn: '2026-03-01',
      }),
    );
    const row = await tdb.db
      .selectFrom('warning_signal')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'self_report',
      kind: 'housing_damage',
      status: 'open',
      created_by: null,
    });
    const ev = (await auditEventsOf(tdb.db, 'warning.self_report')).at(-1)!;
    expect(ev.actor_name).toMatch(/^household /);
    await expect(
      tdb.db.transaction().execute((trx) =>
        recordSelfReport(trx, h.flooded!.id, {
          kind: 'nonsense' as 'other',
          description: 'x',
          observedOn: '2026-03-01',
        }),
      ),
    ).rejects.toThrow(/unknown risk kind/);
  });

  it('derives department and income signals idempotently', async () => {
    ok(await call('cty', 'POST', '/api/worklists/runs', { year: 2025, region: T.county }));
    ok(
      await call('twn', 'POST', '/api/warnings/disaster-areas', {
        villageCodes: [T.villageA2],
        kind: 'flood',
        startedOn: '2025-07-10',
        severity: 'severe',
        source: '县应急管理局',
      }),
    );
    expect((await call('vil', 'POST', '/api/warnings/derive', {})).statusCode).toBe(403);
    const first = ok<{ created: Record<string, number> }>(
      await call('cty', 'POST', '/api/warnings/derive', { region: T.county }),
    );
    expect(first.created).toMatchObject({ medicalBill: 1, disasterArea: 1, income: 1 });
    const again = ok<{ created: Record<string, number> }>(
      await call('cty', 'POST', '/api/warnings/derive', { region: T.county }),
    );
    expect(again.created).toMatchObject({ medicalBill: 0, disasterArea: 0, flags: 0 });
    const n = await tdb.db
      .selectFrom('warning_signal')
      .select(sql<string>`count(*)`.as('n'))
      .where('channel', 'in', ['department', 'income'])
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });

  it('the worklist lists households by score with their reasons, filterable by channel and score', async () => {
    const all = await worklist('cty');
    expect(all.items.map((i) => i.householdId)).toEqual(
      expect.arrayContaining([h.edge!.id, h.billed!.id, h.small!.id, h.flooded!.id]),
    );
    const scores = all.items.map((i) => i.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const edge = all.items.find((i) => i.householdId === h.edge!.id)!;
    // illness 30 + 4 (loss 4,000) fresh = 34; income (6,750 − 5,000) / (6,750 − 4,500) × 30 = 23.33 → 57.3
    expect(edge.score).toBe(57.3);
    expect(edge.channels).toEqual(['cadre_screening', 'income']);
    expect(edge.topReasons.map((r) => r.criterion)).toEqual(['signal.illness', 'income_proximity']);
    const billed = all.items.find((i) => i.householdId === h.billed!.id)!;
    expect(billed.kinds).toEqual(['medical_bill']);
    const dept = await worklist('cty', '?channel=department');
    expect(dept.items.map((i) => i.householdId).sort()).toEqual([h.billed!.id, h.flooded!.id].sort());
    const high = await worklist('cty', '?minScore=50');
    expect(high.items.map((i) => i.householdId)).toEqual([h.edge!.id]);
    // a village cadre sees only the village
    const vil = await worklist('vil');
    expect(vil.items.every((i) => [h.edge!.id, h.billed!.id, h.small!.id].includes(i.householdId))).toBe(
      true,
    );
  });

  it('the household view lists every contribution', async () => {
    const r = ok<{
      score: number;
      contributions: { criterion: string; points: number }[];
      signals: unknown[];
    }>(await call('vil', 'GET', `/api/warnings/households/${h.edge!.id}`));
    expect(r.score).toBe(57.3);
    expect(r.signals).toHaveLength(2);
    expect(r.contributions.reduce((a, c) => a + c.points, 0)).toBeCloseTo(57.33, 1);
  });
});

describe('acting on the worklist', () => {
  it('opens a monitoring case in one click and marks the signals with it', async () => {
    const r = ok<{ caseId: string; signals: string[] }>(
      await call('vil', 'POST', `/api/warnings/households/${h.edge!.id}/open-case`, {}),
    );
    expect(r.signals).toHaveLength(2);
    const c = await tdb.db
      .selectFrom('case_file')
      .selectAll()
      .where('id', '=', r.caseId)
      .executeTakeFirstOrThrow();
    expect(c).toMatchObject({ kind: 'monitoring', household_id: h.edge!.id, state: 'lead' });
    const rows = await tdb.db
      .selectFrom('warning_signal')
      .selectAll()
      .where('household_id', '=', h.edge!.id)
      .execute();
    expect(rows.every((s) => s.status === 'case_opened' && s.case_id === r.caseId)).toBe(true);
    expect((await auditEventsOf(tdb.db, 'warning.case_opened')).length).toBe(1);
    expect((await worklist('cty')).items.some((i) => i.householdId === h.edge!.id)).toBe(false);
    const opened = await worklist('cty', '?status=case_opened');
    expect(opened.items.find((i) => i.householdId === h.edge!.id)?.caseId).toBe(r.caseId);
    // nothing left to open
    expect(
      (await call('vil', 'POST', `/api/warnings/households/${h.edge!.id}/open-case`, {})).statusCode,
    ).toBe(409);
  });

  it('opening a case is scoped', async () => {
    const r = await call('vilB', 'POST', `/api/warnings/households/${h.billed!.id}/open-case`, {});
    expect(r.statusCode).toBe(404);
  });

  it('dismiss needs a reason', async () => {
    const none = await call('vil', 'POST', `/api/warnings/households/${h.small!.id}/dismiss`, {});
    expect(none.statusCode).toBe(400);
    const blank = await call('vil', 'POST', `/api/warnings/households/${h.small!.id}/dismiss`, {
      reason: ' ',
    });
    expect(blank.statusCode).toBe(400);
    const r = ok<{ signals: string[] }>(
      await call('vil', 'POST', `/api/warnings/households/${h.small!.id}/dismiss`, {
        reason: '已在新厂务工',
      }),
    );
    expect(r.signals).toHaveLength(1);
    const ev = (await auditEventsOf(tdb.db, 'warning.dismiss')).at(-1)!;
    expect(ev.reason).toBe('已在新厂务工');
    expect((await worklist('cty')).items.some((i) => i.householdId === h.small!.id)).toBe(false);
  });
});

describe('demo extension', () => {
  it('seeds a flood in three villages and derives its signals; clear removes them', async () => {
    const { warningsDemo } = await import('../../src/demo/seeders/warnings.js');
    const ctx = { db: tdb.db, countyCode: T.county, seed: 7, scale: 1, today: now, log: () => undefined };
    await warningsDemo.clear(ctx);
    await warningsDemo.seed(ctx);
    const areas = await tdb.db
      .selectFrom('disaster_area')
      .selectAll()
      .where('note', 'like', '%演示%')
      .execute();
    expect(areas).toHaveLength(3);
    const flood = await tdb.db
      .selectFrom('warning_signal')
      .select(sql<string>`count(*)`.as('n'))
      .where('kind', '=', 'disaster_area')
      .executeTakeFirstOrThrow();
    expect(Number(flood.n)).toBeGreaterThanOrEqual(4);
    await warningsDemo.clear(ctx);
    const left = await tdb.db
      .selectFrom('warning_signal')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});

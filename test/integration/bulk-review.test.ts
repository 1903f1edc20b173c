import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';
import { tableDigest } from '../helpers/table-digest.js';

/** Batch work in the app (issue 20 item 8): bulk cadre assignment, bulk review of flags. */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const A: string[] = []; // households of township A (village A1, A2)
let B = ''; // a household of township B
let cadre = '';
let cadreB = '';

const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await app.inject({ method, url, payload, headers: { cookie: cookies[user]! } });
  return { status: res.statusCode, body: res.json() };
};
const noOf = async (id: string) =>
  (await sql<{ no: string }>`select household_no as no from household where id = ${id}`.execute(tdb.db))
    .rows[0]!.no;

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  for (const v of [T.villageA1, T.villageA1, T.villageA2, T.villageA2])
    A.push((await createHousehold(db, { village: v, status: 'poor' })).id);
  B = (await createHousehold(db, { village: T.villageB1, status: 'poor' })).id;
  await createUser(db, 'cty', 'county_officer', T.county);
  await createUser(db, 'twnA', 'township_officer', T.townshipA);
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await testApp(db);
  for (const u of ['cty', 'twnA', 'vil']) cookies[u] = await login(app, u, 'test-password-1');
  const body = { workUnit: '双龙镇人民政府', unitLevel: 'township', regionCode: T.townshipA };
  cadre = (await call('twnA', 'POST', '/api/cadres', { ...body, name: '石帮扶' })).body.id;
  cadreB = (await call('cty', 'POST', '/api/cadres', { ...body, name: '花垣干部', regionCode: T.townshipB }))
    .body.id;
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('bulk assignment of a responsible cadre', () => {
  it('assigns one cadre to the selected households in one go, each audited', async () => {
    const r = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[0], A[1], A[2]],
      cadreId: cadre,
      reason: '乡镇统一安排结对',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ cadreName: '石帮扶', assigned: 3, unchanged: 0 });
    expect(r.body.items.map((i: { householdId: string }) => i.householdId)).toEqual([A[0], A[1], A[2]]);
    const events = await auditEventsOf(tdb.db, 'cadre_assignment.assign');
    expect(events.map((e) => String(e.entity_id)).sort()).toEqual([A[0], A[1], A[2]].sort());
    const resp = await call('twnA', 'GET', `/api/households/${A[1]}/responsibility`);
    expect(resp.body.current).toMatchObject({ name: '石帮扶' });
  });

  it('leaves households that already have the cadre unchanged, and assigns the others', async () => {
    const r = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[3], A[0]],
      cadreId: cadre,
      reason: '补充结对',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ assigned: 1, unchanged: 1 });
    expect(r.body.items[1]).toMatchObject({ householdId: A[0], outcome: 'same' });
  });

  it('refuses the whole batch when one row lies outside the scope, naming the row; nothing changes', async () => {
    const before = await tableDigest(tdb.db);
    const r = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[0], A[2], B],
      cadreId: cadre,
      startDate: undefined,
      reason: '换人',
    });
    expect(r.status).toBe(404);
    expect(r.body.details).toMatchObject({ row: 3, householdId: B });
    expect(r.body.details.messageZh).toMatch(/^第 3 行/);
    expect(await tableDigest(tdb.db)).toEqual(before);
  });

  it('refuses a cadre of another region, a duplicate row, a village cadre and a hand-over dated too early', async () => {
    // a second cadre of the township, handing over from a date before the current start
    const second = (
      await call('twnA', 'POST', '/api/cadres', {
        name: '龙接任',
        workUnit: '双龙镇人民政府',
        unitLevel: 'township',
        regionCode: T.townshipA,
      })
    ).body.id;
    const before = await tableDigest(tdb.db);
    const other = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[0]],
      cadreId: cadreB,
      reason: '换人',
    });
    expect(other.status).toBe(404);
    expect(other.body.details.row).toBe(1);
    const dup = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[0], A[1], A[0]],
      cadreId: cadre,
      reason: '换人',
    });
    expect(dup.status).toBe(400);
    expect(dup.body.details).toMatchObject({ row: 3 });
    expect(
      (
        await call('vil', 'POST', '/api/households/cadre/bulk', {
          householdIds: [A[0]],
          cadreId: cadre,
          reason: '换人',
        })
      ).status,
    ).toBe(403);
    const early = await call('twnA', 'POST', '/api/households/cadre/bulk', {
      householdIds: [A[0], A[1]],
      cadreId: second,
      startDate: '2020-01-01',
      reason: '换人',
    });
    expect(early.status).toBe(400);
    expect(early.body.details).toMatchObject({ row: 1, field: 'startDate' });
    expect(early.body.details.messageZh).toContain(await noOf(A[0]!));
    expect(await tableDigest(tdb.db)).toEqual(before);
  });
});

describe('bulk review of quality findings', () => {
  const F: string[] = [];
  beforeAll(async () => {
    const run = await sql<{
      id: string;
    }>`insert into quality_run (region_code, trigger, actor_name, started_at, finished_at)
      values (${T.county}, 'manual', 'test', now(), now()) returning id::text`.execute(tdb.db);
    for (const [h, village] of [
      [A[0], T.villageA1],
      [A[2], T.villageA2],
      [B, T.villageB1],
    ] as const) {
      const f = await sql<{
        id: string;
      }>`insert into quality_finding (run_id, check_id, household_id, region_code, detail)
        values (${run.rows[0]!.id}, 'head_spouse_same_sex', ${h}, ${village}, '{}') returning id::text`.execute(
        tdb.db,
      );
      F.push(f.rows[0]!.id);
    }
  });

  it('dismisses selected findings with a reason and shows the decision in the drill-down', async () => {
    const r = await call('twnA', 'POST', '/api/quality/findings/review', {
      findingIds: [F[0], F[1]],
      decision: 'dismissed',
      reason: '已入户核实，登记无误',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toEqual({ reviewed: 2, decision: 'dismissed' });
    const list = await call('twnA', 'GET', '/api/quality/findings');
    const reviewOf = (id: string) => list.body.items.find((i: { id: string }) => i.id === id).review;
    expect(reviewOf(F[0]!)).toMatchObject({
      decision: 'dismissed',
      reason: '已入户核实，登记无误',
      reviewedBy: 'twnA',
    });
    expect((await auditEventsOf(tdb.db, 'quality.finding.review')).length).toBe(2);
    // confirmed later: the decision is replaced, the earlier one is in the audit's "before"
    const c = await call('twnA', 'POST', '/api/quality/findings/review', {
      findingIds: [F[0]],
      decision: 'confirmed',
    });
    expect(c.status).toBe(200);
    const again = await call('twnA', 'GET', '/api/quality/findings');
    expect(again.body.items.find((i: { id: string }) => i.id === F[0]).review.decision).toBe('confirmed');
  });

  it('keeps the decision for the same finding in the next run', async () => {
    const run = await sql<{
      id: string;
    }>`insert into quality_run (region_code, trigger, actor_name, started_at, finished_at)
      values (${T.county}, 'manual', 'test', now(), now()) returning id::text`.execute(tdb.db);
    await sql`insert into quality_finding (run_id, check_id, household_id, region_code, detail)
      values (${run.rows[0]!.id}, 'head_spouse_same_sex', ${A[2]}, ${T.villageA2}, '{}')`.execute(tdb.db);
    const list = await call('twnA', 'GET', '/api/quality/findings');
    expect(list.body.runId).toBe(run.rows[0]!.id);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].review).toMatchObject({ decision: 'dismissed' });
  });

  it('refuses a dismissal without a reason, a finding outside the scope (naming its row) and a village cadre', async () => {
    const before = await tableDigest(tdb.db);
    const noReason = await call('twnA', 'POST', '/api/quality/findings/review', {
      findingIds: [F[1]],
      decision: 'dismissed',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.field).toBe('body.reason');
    const out = await call('twnA', 'POST', '/api/quality/findings/review', {
      findingIds: [F[1], F[2]],
      decision: 'confirmed',
    });
    expect(out.status).toBe(404);
    expect(out.body.details).toMatchObject({ row: 2 });
    expect(
      (
        await call('vil', 'POST', '/api/quality/findings/review', {
          findingIds: [F[0]],
          decision: 'confirmed',
        })
      ).status,
    ).toBe(403);
    expect(await tableDigest(tdb.db)).toEqual(before);
  });
});

describe('bulk dismissal of warnings', () => {
  beforeAll(async () => {
    for (const h of [A[0], B])
      await sql`insert into warning_signal (household_id, village_code, channel, kind, observed_on)
        values (${h}, (select village_code from household_key where id = ${h}), 'cadre_screening', 'illness', '2025-06-01')`.execute(
        tdb.db,
      );
  });

  it('dismisses the open signals of the selected households with one reason, nothing when a row fails', async () => {
    const before = await tableDigest(tdb.db);
    const none = await call('vil', 'POST', '/api/warnings/dismiss', {
      householdIds: [A[0], A[1]],
      reason: '已核实',
    });
    expect(none.status).toBe(409); // A[1] has no open signal
    expect(none.body.details).toMatchObject({ row: 2 });
    const out = await call('vil', 'POST', '/api/warnings/dismiss', {
      householdIds: [A[0], B],
      reason: '已核实',
    });
    expect(out.status).toBe(404);
    expect(out.body.details).toMatchObject({ row: 2 });
    expect(await tableDigest(tdb.db)).toEqual(before);

    await sql`insert into warning_signal (household_id, village_code, channel, kind, observed_on)
      values (${A[1]}, (select village_code from household_key where id = ${A[1]}), 'self_report', 'accident', '2025-07-01')`.execute(
      tdb.db,
    );
    const ok = await call('vil', 'POST', '/api/warnings/dismiss', {
      householdIds: [A[0], A[1]],
      reason: '已核实，收入稳定',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ households: 2, signals: 2 });
    const open = await sql<{
      n: number;
    }>`select count(*)::int as n from warning_signal where status = 'open'`.execute(tdb.db);
    expect(open.rows[0]!.n).toBe(1); // B's only
  });
});

describe('bulk confirmation of warnings', () => {
  let C: string[] = [];
  beforeAll(async () => {
    // households of their own: the ones above carry cadres, dismissals and findings already
    C = [];
    for (const v of [T.villageA1, T.villageA2, T.villageA1])
      C.push((await createHousehold(tdb.db, { village: v, status: 'exited' })).id);
    for (const [h, kind] of [
      [C[0], 'illness'],
      [C[1], 'accident'],
      [B, 'illness'],
    ] as const)
      await sql`insert into warning_signal (household_id, village_code, channel, kind, observed_on)
        values (${h}, (select village_code from household_key where id = ${h}), 'cadre_screening', ${kind}, '2025-06-01')`.execute(
        tdb.db,
      );
  });

  it('refuses the whole batch when a row is outside the scope or has no open signal, naming the row; nothing changes', async () => {
    const before = await tableDigest(tdb.db);
    const out = await call('twnA', 'POST', '/api/warnings/confirm', { householdIds: [C[0], C[1], B] });
    expect(out.status).toBe(404);
    expect(out.body.details).toMatchObject({ row: 3, field: 'body.householdIds.2' });
    expect(out.body.details.messageZh).toMatch(/^第 3 行/);
    const none = await call('twnA', 'POST', '/api/warnings/confirm', { householdIds: [C[0], C[2]] });
    expect(none.status).toBe(409); // C[2] has no open signal, after C[0]'s case was opened in the transaction
    expect(none.body.details).toMatchObject({ row: 2 });
    expect(none.body.details.messageZh).toContain(await noOf(C[2]!));
    const dup = await call('twnA', 'POST', '/api/warnings/confirm', { householdIds: [C[0], C[0]] });
    expect(dup.status).toBe(400);
    expect(await tableDigest(tdb.db)).toEqual(before);
  });

  it('opens a monitoring case for each selected household, marks its signals and audits each', async () => {
    const ok = await call('twnA', 'POST', '/api/warnings/confirm', {
      householdIds: [C[0], C[1]],
      note: '入户核实，纳入监测',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({ households: 2, signals: 2 });
    const rows = await sql<{ household_id: string; kind: string; state: string }>`
      select household_id::text, kind, state from case_file where household_id in (${C[0]}, ${C[1]})`.execute(
      tdb.db,
    );
    expect(rows.rows.map((r) => r.household_id).sort()).toEqual([C[0], C[1]].sort());
    expect(rows.rows.every((r) => r.kind === 'monitoring')).toBe(true);
    const marked = await sql<{ n: number }>`select count(*)::int as n from warning_signal
      where household_id in (${C[0]}, ${C[1]}) and status = 'open'`.execute(tdb.db);
    expect(marked.rows[0]!.n).toBe(0);
    const confirmed = await auditEventsOf(tdb.db, 'warning.case_opened');
    expect(confirmed.map((e) => String(e.entity_id)).sort()).toEqual([C[0], C[1]].sort());
    const opened = await auditEventsOf(tdb.db, 'case.open');
    expect(opened.length).toBe(2);
    // a second confirmation of the same household: no open signal left, nothing written
    const before = await tableDigest(tdb.db);
    const again = await call('twnA', 'POST', '/api/warnings/confirm', { householdIds: [C[1]] });
    expect(again.status).toBe(409);
    expect(await tableDigest(tdb.db)).toEqual(before);
  });
});

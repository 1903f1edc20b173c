import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { createAuditService } from '../../src/modules/audit/service.js';
import { loadRecordedFacts } from '../../src/modules/household-facts/repository.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, membersOf, seedRegions, T } from '../helpers/factory.js';
import { login, testApp } from '../helpers/app.js';

/**
 * Recorded facts (docs/facts.md): record, correct, history, validation, scope, and maker–checker —
 * a village cadre's decision-critical change is a proposal the rules' loader does not read until a
 * township officer (not its author) confirms it; the county's setting 'none' applies at once.
 */

let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh: { id: string };
let other: { id: string };
const clock = fixedClock('2026-11-30T04:00:00Z'); // 30 November 2026 in China
const TODAY = '2026-11-30';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedRegions(tdb.db);
  hh = await createHousehold(tdb.db, { village: T.villageA1 });
  other = await createHousehold(tdb.db, { village: T.villageB1 });
  await createUser(tdb.db, 'fvil', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'fvil2', 'village_cadre', T.villageA1);
  await createUser(tdb.db, 'ftwn', 'township_officer', T.townshipA);
  await createUser(tdb.db, 'ftwnB', 'township_officer', T.townshipB);
  await createUser(tdb.db, 'fcty', 'county_officer', T.county);
  app = await testApp(tdb.db, clock);
  for (const u of ['fvil', 'fvil2', 'ftwn', 'ftwnB', 'fcty'])
    cookies[u] = await login(app, u, 'test-password-1');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const send = (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  app.inject({ method, url, ...(payload ? { payload } : {}), headers: { cookie: cookies[user]! } });

const income = (month: string, wage: number) => ({
  kind: 'income_month',
  source: 'home_visit',
  value: { month, items: { wage, transferDibao: 200 } },
});

const setConfirmation = async (value: string) => {
  const res = await send('fcty', 'PUT', '/api/policy/factConfirmation', {
    regionPrefix: T.county,
    effectiveFrom: '2026-01-01',
    value,
    reason: '县级设置关键事实确认层级',
  });
  expect(res.statusCode, res.body).toBe(200);
};

const loaded = async (id: string) => (await loadRecordedFacts(tdb.db, [id], TODAY)).get(id)!;

describe('recording facts', () => {
  it('an officer records a fact at once, with date, source and audit', async () => {
    const res = await send('ftwn', 'POST', `/api/households/${hh.id}/facts`, {
      kind: 'housing_safety',
      observedOn: '2026-10-12',
      source: 'document',
      sourceRef: '住建鉴定〔2026〕18号',
      value: { grade: 'C', rebuilt: false, relocated: false },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      kind: 'housing_safety',
      state: 'confirmed',
      observedOn: '2026-10-12',
      sourceRef: '住建鉴定〔2026〕18号',
      value: { grade: 'C', rebuilt: false, relocated: false, areaPerPerson: null },
    });
    const [event] = (await auditEventsOf(tdb.db, 'household.fact.record')).slice(-1);
    expect(event).toMatchObject({ entity_id: hh.id, region_code: T.villageA1, actor_name: 'ftwn' });
    const facts = (await loaded(hh.id)).facts;
    expect(facts.find((f) => f.kind === 'housing_safety')?.value).toMatchObject({ grade: 'C' });
  });

  it('corrects a fact: a new row supersedes the old, both kept in the history', async () => {
    const list = (await send('ftwn', 'GET', `/api/households/${hh.id}/facts`)).json();
    const old = list.facts.find((f: { kind: string }) => f.kind === 'housing_safety');
    const res = await send('ftwn', 'POST', `/api/households/${hh.id}/facts/${old.id}/correct`, {
      observedOn: '2026-10-12',
      source: 'document',
      value: { grade: 'D', rebuilt: false, relocated: false },
      note: '鉴定书等级抄错',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ supersedes: old.id, state: 'confirmed' });
    const after = (await send('ftwn', 'GET', `/api/households/${hh.id}/facts`)).json();
    const rows = after.facts.filter((f: { kind: string }) => f.kind === 'housing_safety');
    expect(rows.map((f: { state: string }) => f.state).sort()).toEqual(['confirmed', 'superseded']);
    const facts = (await loaded(hh.id)).facts.filter((f) => f.kind === 'housing_safety');
    expect(facts).toHaveLength(1);
    expect(facts[0]!.value).toMatchObject({ grade: 'D' });
  });

  it.each([
    [{ ...income('2026-13', 1) }, 'body.value.month'],
    [{ ...income('2026-03', -5) }, 'body.value.items.wage'],
    [
      {
        kind: 'housing_safety',
        source: 'document',
        observedOn: '2026-12-01',
        value: { grade: 'A', rebuilt: false, relocated: false },
      },
      'body.observedOn',
    ],
    [{ ...income('2026-12', 100) }, 'body.observedOn'],
    [
      { kind: 'housing_safety', source: 'document', value: { grade: 'A', rebuilt: false, relocated: false } },
      'body.observedOn',
    ],
    [
      {
        kind: 'schooling',
        source: 'home_visit',
        observedOn: '2026-09-01',
        value: { status: 'in_school', stage: 'junior' },
      },
      'body.memberId',
    ],
    [
      { kind: 'drinking_water', source: 'home_visit', observedOn: '2026-09-01', value: { safe: 'yes' } },
      'body.value.safe',
    ],
  ])('refuses a bad fact with a 400 naming the field (%#)', async (body, field) => {
    const before = await tdb.db
      .selectFrom('household_fact')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const res = await send('ftwn', 'POST', `/api/households/${hh.id}/facts`, body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().details.map((d: { field: string }) => d.field)).toContain(field);
    expect(res.json().details[0].messageZh).toMatch(/./);
    const after = await tdb.db
      .selectFrom('household_fact')
      .select(sql<string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a member of another household', async () => {
    const [m] = await membersOf(tdb.db, other.id);
    const res = await send('fcty', 'POST', `/api/households/${hh.id}/facts`, {
      kind: 'disability',
      memberId: m!.id,
      observedOn: '2026-09-01',
      source: 'document',
      value: { disabilityType: 'physical', disabilityGrade: 2 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].field).toBe('body.memberId');
  });

  it('answers 404 for a household outside the scope, to reading and writing alike', async () => {
    expect((await send('fvil', 'GET', `/api/households/${other.id}/facts`)).statusCode).toBe(404);
    const res = await send('fvil', 'POST', `/api/households/${other.id}/facts`, {
      kind: 'drinking_water',
      observedOn: '2026-09-01',
      source: 'home_visit',
      value: { safe: false },
    });
    expect(res.statusCode).toBe(404);
  });

  it("withholds a disability fact from a village cadre's view", async () => {
    const [m] = await membersOf(tdb.db, hh.id);
    const res = await send('fcty', 'POST', `/api/households/${hh.id}/facts`, {
      kind: 'disability',
      memberId: m!.id,
      observedOn: '2026-09-01',
      source: 'document',
      value: { disabilityType: 'physical', disabilityGrade: 2 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const seen = (await send('fvil', 'GET', `/api/households/${hh.id}/facts`)).json();
    const d = seen.facts.find((f: { kind: string }) => f.kind === 'disability');
    expect(d).toMatchObject({ withheld: true, value: null });
    expect(JSON.stringify(seen)).not.toContain('physical');
  });
});

describe('maker–checker', () => {
  it("a village cadre's income month is a proposal the loader does not read until the township confirms", async () => {
    const res = await send('fvil', 'POST', `/api/households/${hh.id}/facts`, income('2026-10', 1500));
    expect(res.statusCode, res.body).toBe(200);
    const proposal = res.json();
    expect(proposal.state).toBe('proposed');
    let l = await loaded(hh.id);
    expect(l.facts.filter((f) => f.kind === 'income_month')).toEqual([]);
    expect(l.pending).toEqual([expect.objectContaining({ id: proposal.id, kind: 'income_month' })]);

    // another township's officer does not see it; a fellow cadre may not decide
    const queueB = (await send('ftwnB', 'GET', '/api/facts/queue')).json();
    expect(queueB.items.map((i: { id: string }) => i.id)).not.toContain(proposal.id);
    expect((await send('ftwnB', 'POST', `/api/facts/${proposal.id}/confirm`, {})).statusCode).toBe(404);
    expect((await send('fvil2', 'POST', `/api/facts/${proposal.id}/confirm`, {})).statusCode).toBe(403);

    const queue = (await send('ftwn', 'GET', '/api/facts/queue')).json();
    const item = queue.items.find((i: { id: string }) => i.id === proposal.id);
    expect(item).toMatchObject({ mayDecide: true, confirmation: 'township', kind: 'income_month' });
    const ok = await send('ftwn', 'POST', `/api/facts/${proposal.id}/confirm`, { note: '入户核实无误' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'confirmed', decisionNote: '入户核实无误' });
    l = await loaded(hh.id);
    expect(l.pending).toEqual([]);
    const month = l.facts.find((f) => f.kind === 'income_month');
    expect(month).toMatchObject({ observedOn: '2026-10-01', subject: '2026-10' });
    expect(month?.kind === 'income_month' && month.value.items.wage).toBe(1500);
    // a decision is taken once
    expect((await send('ftwn', 'POST', `/api/facts/${proposal.id}/confirm`, {})).statusCode).toBe(409);
    expect(await auditEventsOf(tdb.db, 'household.fact.confirm')).toHaveLength(1);
  });

  it('a rejected proposal never reaches the loader; the rejection needs a note', async () => {
    const p = (await send('fvil', 'POST', `/api/households/${hh.id}/facts`, income('2026-09', 900))).json();
    expect((await send('ftwn', 'POST', `/api/facts/${p.id}/reject`, {})).statusCode).toBe(400);
    const res = await send('ftwn', 'POST', `/api/facts/${p.id}/reject`, { note: '与银行流水不符' });
    expect(res.json()).toMatchObject({ state: 'rejected' });
    expect((await loaded(hh.id)).facts.some((f) => f.subject === '2026-09')).toBe(false);
  });

  it('nobody confirms their own proposal, whatever their role now', async () => {
    const p = (await send('fvil2', 'POST', `/api/households/${hh.id}/facts`, income('2026-08', 700))).json();
    expect(p.state).toBe('proposed');
    await tdb.db
      .updateTable('app_user')
      .set({ role: 'township_officer' })
      .where('username', '=', 'fvil2')
      .execute();
    const res = await send('fvil2', 'POST', `/api/facts/${p.id}/confirm`, {});
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toMatch(/own proposal/);
    const queue = (await send('fvil2', 'GET', '/api/facts/queue')).json();
    expect(queue.items.find((i: { id: string }) => i.id === p.id)?.mayDecide).toBe(false);
    await tdb.db
      .updateTable('app_user')
      .set({ role: 'village_cadre' })
      .where('username', '=', 'fvil2')
      .execute();
  });

  it("a non-critical kind (land) applies at once; the setting 'county' keeps a township from confirming", async () => {
    const land = await send('fvil', 'POST', `/api/households/${hh.id}/facts`, {
      kind: 'land',
      observedOn: '2026-06-01',
      source: 'department_list',
      value: { cultivated: 2.5, forest: 10 },
    });
    expect(land.json().state).toBe('confirmed');
    await setConfirmation('county');
    const p = (await send('fvil', 'POST', `/api/households/${hh.id}/facts`, income('2026-07', 800))).json();
    const twn = await send('ftwn', 'POST', `/api/facts/${p.id}/confirm`, {});
    expect(twn.statusCode).toBe(403);
    const own = await send('ftwn', 'POST', `/api/households/${hh.id}/facts`, income('2026-06', 650));
    expect(own.json().state).toBe('proposed'); // a township officer's entry waits for the county too
    expect((await send('fcty', 'POST', `/api/facts/${p.id}/confirm`, {})).json().state).toBe('confirmed');
  });

  it("the setting 'none' applies a cadre's change at once", async () => {
    await setConfirmation('none');
    const res = await send('fvil', 'POST', `/api/households/${hh.id}/facts`, income('2026-05', 600));
    expect(res.json().state).toBe('confirmed');
    expect((await loaded(hh.id)).facts.some((f) => f.subject === '2026-05')).toBe(true);
  });

  it('the audit chain verifies after every write', async () => {
    expect(await auditEventsOf(tdb.db, 'household.fact.propose')).not.toHaveLength(0);
    expect((await createAuditService(tdb.db).verify()).broken).toBeNull();
  });

  it('the loader reads many households in one go, each with its own entry', async () => {
    const m = await loadRecordedFacts(tdb.db, [hh.id, other.id, '999999'], TODAY);
    expect([...m.keys()]).toEqual([hh.id, other.id, '999999']);
    expect(m.get(other.id)).toEqual({ facts: [], pending: [] });
    const months = m
      .get(hh.id)!
      .facts.filter((f) => f.kind === 'income_month')
      .map((f) => f.subject);
    expect(months.sort()).toEqual(['2026-05', '2026-07', '2026-10']);
    // as of an earlier day, later observations are not yet known
    const early = (await loadRecordedFacts(tdb.db, [hh.id], '2026-06-15')).get(hh.id)!;
    expect(early.facts.filter((f) => f.kind === 'income_month').map((f) => f.subject)).toEqual(['2026-05']);
  });
});

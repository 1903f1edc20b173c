import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * Guidance in procedures (issue 20 item 7, src/modules/cases/guidance.ts): opening a case on a household
 * the rules find ineligible (or cannot decide) answers 409 with the reasons; with `confirmIneligible` it
 * opens and the audit keeps the confirmation.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const now = new Date('2026-03-02T02:00:00Z');
const h: Record<string, { id: string }> = {};

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  // 2025 income far above the line: the identification rule says not eligible
  h.rich = await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 40_000, status: 'none' }],
  });
  // no income recorded: the rules cannot decide (verify)
  h.unread = await createHousehold(db, { village: T.villageA1, status: 'none', type: 'ordinary' });
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'twn']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const open = (user: string, body: object) =>
  app.inject({ method: 'POST', url: '/api/cases', headers: { cookie: cookies[user]! }, payload: body });

interface Finding {
  reason: string;
  rule: string;
  outcome: string;
  messageZh: string;
  reasons: { criterion: string; label_zh: string; label_en: string }[];
}

describe('opening a case on an ineligible household', () => {
  it('answers 409 with the rule, its outcome and the reasons, and opens nothing', async () => {
    const res = await open('vil', { kind: 'identification', householdId: h.rich!.id });
    expect(res.statusCode, res.body).toBe(409);
    const body = JSON.parse(res.body) as { code: string; details: Finding };
    expect(body.code).toBe('E_CONFLICT');
    expect(body.details.reason).toBe('ineligible');
    expect(body.details.rule).toBe('identification');
    expect(body.details.outcome).toBe('ineligible');
    expect(body.details.messageZh).toMatch(/不符合/);
    const income = body.details.reasons.find((r) => r.criterion.startsWith('income'));
    expect(income?.label_zh).toMatch(/40,000/);
    const cases = await tdb.db
      .selectFrom('case_file')
      .select('id')
      .where('household_id', '=', h.rich!.id)
      .execute();
    expect(cases).toHaveLength(0);
    expect(await auditEventsOf(tdb.db, 'case.open')).toHaveLength(0);
  });

  it('opens with confirmIneligible: true and the audit records the confirmation with its reasons', async () => {
    const res = await open('twn', {
      kind: 'identification',
      householdId: h.rich!.id,
      confirmIneligible: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    const id = (JSON.parse(res.body) as { id: string }).id;
    const [audit] = await auditEventsOf(tdb.db, 'case.open');
    expect(audit?.entity_id).toBe(id);
    const after = audit?.after as { confirmedIneligible?: Finding } | null;
    expect(after?.confirmedIneligible?.rule).toBe('identification');
    expect(after?.confirmedIneligible?.outcome).toBe('ineligible');
    expect(after?.confirmedIneligible?.reasons.length).toBeGreaterThan(0);
  });

  it('a household the rules cannot decide (verify) answers 409 too, naming the missing facts', async () => {
    const res = await open('vil', { kind: 'identification', householdId: h.unread!.id });
    expect(res.statusCode, res.body).toBe(409);
    const d = (JSON.parse(res.body) as { details: Finding & { missing: { fact: string }[] } }).details;
    expect(d.outcome).toBe('verify');
    expect(d.missing.length).toBeGreaterThan(0);
    expect(d.messageZh).toMatch(/核实/);
  });

  it('a household outside the scope answers 404 before any rule is read', async () => {
    const other = await createHousehold(tdb.db, { village: T.villageB1, status: 'none', type: 'ordinary' });
    const res = await open('vil', { kind: 'identification', householdId: other.id });
    expect(res.statusCode).toBe(404);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { clockOf } from '../../src/kernel/clock.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { auditEventsOf, createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * Guidance at the vote (issue 20 item 7, src/modules/cases/guidance.ts `checkVoteEligibility`): the
 * democratic review (民主评议, a step whose requirements hold a vote) on a household the rules find
 * ineligible — or cannot decide — answers 409 with the reasons and changes nothing; with
 * `confirmIneligible: true` the vote is recorded and its audit entry keeps the finding.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const now = new Date('2026-03-02T02:00:00Z');
const h: Record<string, { id: string }> = {};
const vote = { vote: { total: 30, present: 25, for: 20, against: 3 } };

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
  // low income but no red-line match on record: the rule cannot decide (verify)
  h.unmatched = await createHousehold(db, {
    village: T.villageA1,
    status: 'none',
    type: 'ordinary',
    income: [{ year: 2025, perCapita: 2_000, status: 'none' }],
  });
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  cookies.vil = await login(app, 'vil', 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const post = (url: string, body: object) =>
  app.inject({ method: 'POST', url, headers: { cookie: cookies.vil! }, payload: body });
const openConfirmed = async (householdId: string) => {
  const res = await post('/api/cases', { kind: 'identification', householdId, confirmIneligible: true });
  expect(res.statusCode, res.body).toBe(200);
  return (JSON.parse(res.body) as { id: string }).id;
};
const stateOf = async (id: string) =>
  (await tdb.db.selectFrom('case_file').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

interface Finding {
  reason: string;
  rule: string;
  outcome: string;
  messageZh: string;
  reasons: { criterion: string; label_zh: string }[];
  missing: { fact: string }[];
}

describe('the vote on a household the rules find ineligible', () => {
  let id: string;

  it('answers 409 with the rule and its reasons, and the case stays where it was', async () => {
    id = await openConfirmed(h.rich!.id);
    const res = await post(`/api/cases/${id}/actions/review_vote`, { payload: vote });
    expect(res.statusCode, res.body).toBe(409);
    const body = JSON.parse(res.body) as { code: string; details: Finding };
    expect(body.code).toBe('E_CONFLICT');
    expect(body.details).toMatchObject({
      reason: 'ineligible',
      rule: 'identification',
      outcome: 'ineligible',
    });
    expect(body.details.messageZh).toMatch(/民主评议/);
    expect(body.details.reasons.find((r) => r.criterion.startsWith('income'))?.label_zh).toMatch(/40,000/);
    expect(await stateOf(id)).toBe('applied');
    expect(await auditEventsOf(tdb.db, 'case.review_vote')).toHaveLength(0);
  });

  it('a vote below the threshold is refused for the vote first (the confirmation comes after)', async () => {
    const res = await post(`/api/cases/${id}/actions/review_vote`, {
      payload: { vote: { total: 30, present: 10, for: 10, against: 0 } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'E_REQUIREMENT' });
  });

  it('with confirmIneligible the vote is recorded and its audit keeps the finding', async () => {
    const res = await post(`/api/cases/${id}/actions/review_vote`, {
      payload: vote,
      confirmIneligible: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stateOf(id)).toBe('first_notice');
    const [audit] = await auditEventsOf(tdb.db, 'case.review_vote');
    const after = audit?.after as { state: string; confirmedIneligible?: Finding } | null;
    expect(after?.state).toBe('first_notice');
    expect(after?.confirmedIneligible).toMatchObject({ rule: 'identification', outcome: 'ineligible' });
    expect(after?.confirmedIneligible?.reasons.length).toBeGreaterThan(0);
  });

  it('a household the rules cannot decide asks too, naming the missing facts', async () => {
    const other = await openConfirmed(h.unmatched!.id);
    const res = await post(`/api/cases/${other}/actions/review_vote`, { payload: vote });
    expect(res.statusCode, res.body).toBe(409);
    const d = (JSON.parse(res.body) as { details: Finding }).details;
    expect(d.outcome).toBe('verify');
    expect(d.missing.length).toBeGreaterThan(0);
  });

  it('a step without a vote is not gated', async () => {
    const other = await tdb.db
      .selectFrom('case_file')
      .select('id')
      .where('household_id', '=', h.unmatched!.id)
      .executeTakeFirstOrThrow();
    const res = await post(`/api/cases/${other.id}/actions/withdraw`, {
      payload: { note: '本人撤回申请', signatures: [{ who: 'household', name: '户主' }] },
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('an eligible household votes without a confirmation', async () => {
    // the county's vehicle list was matched and names nobody: the red lines are checked
    await tdb.db
      .insertInto('department_list')
      .values({
        kind: 'vehicle',
        department: '县公安局交警大队',
        file_name: 'vehicles-2026.xlsx',
        sha256: '0'.repeat(64),
        scope_code: T.county,
        imported_by_name: 'test',
      })
      .execute();
    const poor = await createHousehold(tdb.db, {
      village: T.villageA1,
      status: 'none',
      type: 'ordinary',
      income: [{ year: 2025, perCapita: 3_000, status: 'none' }],
    });
    const opened = await post('/api/cases', { kind: 'identification', householdId: poor.id });
    expect(opened.statusCode, opened.body).toBe(200);
    const id = (JSON.parse(opened.body) as { id: string }).id;
    const res = await post(`/api/cases/${id}/actions/review_vote`, { payload: vote });
    expect(res.statusCode, res.body).toBe(200);
    expect(await stateOf(id)).toBe('first_notice');
    const audits = await auditEventsOf(tdb.db, 'case.review_vote');
    const mine = audits.find((a) => a.entity_id === id);
    expect((mine?.after as { confirmedIneligible?: unknown }).confirmedIneligible).toBeUndefined();
  });
});

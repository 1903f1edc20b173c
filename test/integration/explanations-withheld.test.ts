import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  evaluateHousehold,
  exampleHousehold,
  exampleMember,
  defaultParams,
} from '../../src/domain/rules/index.js';
import { riskScore } from '../../src/domain/warnings/score.js';
import { clockOf } from '../../src/kernel/clock.js';
import { GAPS } from '../../src/modules/facts/data-gaps.js';
import { buildApp } from '../../src/server/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, createUser, seedRegions, T } from '../helpers/factory.js';
import { login } from '../helpers/app.js';

/**
 * Explanations withheld by data class (docs/security.md): a household with a seriously ill and a
 * disabled member. The domain's explanations name them; what a village cadre (and an officer, whose
 * everyday view hides health too) reads over HTTP — evaluation, rule worklist, warnings, case, quality
 * — names neither, and carries the one neutral line instead.
 */
let tdb: TestDatabase;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
let hh: { id: string };
const now = new Date('2026-03-02T02:00:00Z');

/** Every label of a health- or disability-resting criterion, from the domain on such households. */
function healthLabels(): string[] {
  const p = defaultParams(2025);
  const ill = exampleMember({ id: 'a', health: 'serious', labourCapacity: 'none', earnings12m: 2000 });
  const dis = exampleMember({ id: 'b', health: 'disabled', disabilityGrade: 1, labourCapacity: 'none' });
  const results = [ill, dis].flatMap((m) => evaluateHousehold(exampleHousehold({ members: [m] }), p));
  const score = riskScore(
    [],
    { noLabour: true, seriousIllness: true, disability: true, elderlyAlone: false },
    '2026-03-02',
  );
  return [...results.flatMap((r) => r.reasons), ...score.contributions]
    .filter((r) => r.rests.length > 0)
    .flatMap((r) => [r.label_zh, r.label_en]);
}
const PATTERN = /患大病|重病|残疾|disab|seriously ill|a member is ill/;

/** The notes on facts the registry lacks are the same for every household (they name costs, not members). */
const withoutGapNotes = (body: string) =>
  Object.values(GAPS).reduce((b, g) => b.split(g.zh).join('').split(g.en).join(''), body);

function assertNoHealth(raw: string) {
  const body = withoutGapNotes(raw);
  for (const label of healthLabels()) expect(body).not.toContain(label);
  expect(body.match(new RegExp(`.{0,200}(${PATTERN.source}).{0,80}`))?.[0] ?? null).toBeNull();
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  const { db } = tdb;
  await seedRegions(db);
  hh = await createHousehold(db, {
    village: T.villageA1,
    cause: 'lack_of_labour',
    status: 'none',
    type: 'ordinary',
    members: [
      { name: '石大病', sex: '1', birth: '1968-04-02', relation: 'head', health: 'serious' },
      { name: '龙残疾', sex: '2', birth: '1970-06-11', relation: 'spouse', health: 'disabled' },
      { name: '石健康', sex: '1', birth: '1996-01-20', relation: 'son', health: 'healthy' },
    ],
    income: [{ year: 2025, perCapita: 3000, status: 'none' }],
  });
  await db.updateTable('member').set({ labour_capacity: 'none' }).where('household_id', '=', hh.id).execute();
  await db
    .updateTable('member')
    .set({ disability_grade: 1 })
    .where('household_id', '=', hh.id)
    .where('health', '=', 'disabled')
    .execute();
  // the son: healthy, of working age, recorded as weak labour (quality check healthy_weak_labour)
  await db
    .updateTable('member')
    .set({ labour_capacity: 'weak' })
    .where('household_id', '=', hh.id)
    .where('health', '=', 'healthy')
    .execute();
  await createUser(db, 'vil', 'village_cadre', T.villageA1);
  await createUser(db, 'twn', 'township_officer', T.townshipA);
  await createUser(db, 'cty', 'county_officer', T.county);
  app = await buildApp({
    db,
    sessionHours: 1,
    loginPerMinute: 1000,
    logLevel: 'silent',
    clock: clockOf(() => now),
  });
  await app.ready();
  for (const u of ['vil', 'twn', 'cty']) cookies[u] = await login(app, u, 'test-password-1');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) => {
  const res = await app.inject({ method, url, headers: { cookie: cookies[user]! }, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(200);
  return res.body;
};

describe('explanations withheld by data class', () => {
  it('the domain names the ill and disabled members (the test can fail)', async () => {
    const labels = healthLabels();
    expect(labels).toContain('家里有 1 人患大病或重度残疾');
    expect(labels).toContain('有残疾成员 +8');
    // the batch evaluation stores the unredacted reasons
    await call('cty', 'POST', '/api/worklists/runs', { year: 2025, region: T.county });
    const stored = await tdb.db
      .selectFrom('worklist_item')
      .select('reasons')
      .where('household_id', '=', hh.id)
      .execute();
    expect(withoutGapNotes(JSON.stringify(stored))).toMatch(PATTERN);
  });

  it.each(['vil', 'twn', 'cty'])('%s: the household evaluation names no health ground', async (user) => {
    const body = await call(user, 'GET', `/api/households/${hh.id}/evaluation`);
    const results = JSON.parse(body).results as {
      rule: string;
      decision: unknown;
      reasons: { criterion: string }[];
    }[];
    expect(results.length).toBeGreaterThan(5);
    const ident = results.find((r) => r.rule === 'identification')!;
    expect(typeof ident.decision).toBe('string'); // outcomes stay
    expect(ident.reasons.at(-1)?.criterion).toBe('withheld');
    assertNoHealth(body);
  });

  it.each(['vil', 'twn'])('%s: the rule worklist names no health ground', async (user) => {
    const body = await call(user, 'GET', '/api/worklists?pageSize=200');
    expect(JSON.parse(body).items.length).toBeGreaterThan(0);
    assertNoHealth(body);
  });

  it('warnings: no health criterion and no vulnerability flag read from health; the score stays', async () => {
    await call('vil', 'POST', '/api/warnings/screenings', {
      householdId: hh.id,
      kind: 'accident',
      estimatedLoss: 2000,
      observedOn: '2026-03-01',
    });
    for (const user of ['vil', 'twn']) {
      const body = await call(user, 'GET', `/api/warnings/households/${hh.id}`);
      const r = JSON.parse(body) as {
        score: number;
        contributions: { criterion: string; points: number }[];
        vulnerability: Record<string, boolean | null>;
      };
      expect(r.vulnerability).toEqual({
        noLabour: false,
        seriousIllness: null,
        disability: null,
        elderlyAlone: false,
      });
      expect(r.contributions.at(-1)).toMatchObject({ criterion: 'withheld', points: 0 });
      // the score stays: it adds illness 10 + disability 8 to what is listed (the docs say so)
      const listed = r.contributions.reduce((a, c) => a + c.points, 0);
      expect(r.score - listed).toBeCloseTo(18, 0);
      assertNoHealth(body.replace('"seriousIllness":null', '').replace('"disability":null', '')); // the flags' names
      assertNoHealth((await call(user, 'GET', '/api/warnings')).replace(/"kinds":\[[^\]]*\]/g, ''));
    }
  });

  it('a case opened from the warnings names no health ground', async () => {
    const { caseId } = JSON.parse(
      await call('vil', 'POST', `/api/warnings/households/${hh.id}/open-case`, {}),
    );
    assertNoHealth(await call('vil', 'GET', `/api/cases/${caseId}`));
  });

  it('quality: findings resting on health are withheld from every default view', async () => {
    await call('twn', 'POST', '/api/quality/runs', { region: T.townshipA });
    const all = await tdb.db.selectFrom('quality_finding').select('check_id').execute();
    expect(all.map((f) => f.check_id)).toContain('healthy_weak_labour');
    for (const user of ['vil', 'twn']) {
      const findings = await call(user, 'GET', '/api/quality/findings?pageSize=200');
      expect(findings).not.toContain('healthy_weak_labour');
      const summary = await call(user, 'GET', '/api/quality/summary');
      expect(summary).not.toContain('healthy_weak_labour');
      const none = JSON.parse(await call(user, 'GET', '/api/quality/findings?check=healthy_weak_labour'));
      expect(none.total).toBe(0);
    }
  });
});

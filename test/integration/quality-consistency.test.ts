import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { defaultParams } from '../../src/domain/rules/params.js';
import { fixedClock } from '../../src/kernel/clock.js';
import { consistencyRepository as repo } from '../../src/modules/quality/repository-consistency.js';
import { createQualityService } from '../../src/modules/quality/service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { createHousehold, membersOf, seedRegions, T } from '../helpers/factory.js';

/**
 * The consistency checks of issue 16 item 5 on hand-built households: each check names the cases it
 * must and leaves the near misses (a completed measure, a planned one, a removed risk, a newer record…).
 */

const TODAY = '2026-06-15';
let tdb: TestDatabase;
let db: Database;
const h: Record<string, string> = {};

async function hh(key: string, village: string = T.villageA1) {
  h[key] = (await createHousehold(db, { village })).id;
  return h[key];
}

async function roll(key: string, programme: 'dibao' | 'tekun', state = 'active') {
  const village = (await db
    .selectFrom('household')
    .select('village_code')
    .where('id', '=', h[key]!)
    .executeTakeFirstOrThrow())!.village_code;
  await db
    .insertInto('assistance_roll')
    .values({
      programme,
      household_id: h[key]!,
      village_code: village,
      category: programme === 'dibao' ? 'A' : 'dispersed',
      persons: 2,
      monthly_amount: 500,
      state,
      start_month: '2025-01-01',
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
}

async function measure(key: string, code: string, status: string, planStatus = 'agreed') {
  const plan = await db
    .insertInto('household_plan')
    .values({ household_id: h[key]!, year: 2026, status: planStatus })
    .onConflict((oc) => oc.columns(['household_id', 'year']).doUpdateSet({ status: planStatus }))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('plan_measure')
    .values({
      plan_id: plan.id,
      household_id: h[key]!,
      catalogue_code: code,
      measure_type: 'social_security',
      batch: 'social_security',
      status,
    })
    .execute();
}

async function fact(
  key: string,
  kind: string,
  value: Record<string, unknown>,
  observedOn: string,
  opts: { subject?: string; state?: string; memberId?: string } = {},
) {
  await db
    .insertInto('household_fact')
    .values({
      village_code: T.villageA1,
      household_id: h[key]!,
      member_id: opts.memberId ?? null,
      kind,
      subject: opts.subject ?? '',
      value: JSON.stringify(value),
      observed_on: observedOn,
      source: 'home_visit',
      state: opts.state ?? 'confirmed',
    })
    .execute();
}

const risk = (code: string, evidence: string, removedOn: string | null = null) => ({
  code,
  startedOn: '2024-01-01',
  evidence,
  removedOn,
  afterInclusion: false,
});

const flagged = (rows: { household_id: string | null }[]) => new Set(rows.map((r) => r.household_id));

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  await seedRegions(db);
  // plans against the rolls
  await hh('tekunDibao');
  await roll('tekunDibao', 'tekun');
  await measure('tekunDibao', 'dibao', 'in_progress');
  await hh('tekunDibaoDone');
  await roll('tekunDibaoDone', 'tekun');
  await measure('tekunDibaoDone', 'dibao', 'completed');
  await hh('tekunDeclined');
  await roll('tekunDeclined', 'tekun');
  await measure('tekunDeclined', 'dibao', 'in_progress', 'declined');
  await hh('dibaoTekunMeasure');
  await roll('dibaoTekunMeasure', 'dibao');
  await measure('dibaoTekunMeasure', 'tekun', 'in_progress');
  await hh('noRoll');
  await measure('noRoll', 'dibao', 'in_progress');
  await hh('onRoll');
  await roll('onRoll', 'dibao', 'gradual_exit');
  await measure('onRoll', 'dibao', 'in_progress');
  await hh('planned');
  await measure('planned', 'dibao', 'planned');
  await hh('ceased');
  await roll('ceased', 'dibao', 'ceased');
  await measure('ceased', 'dibao', 'in_progress');
  await hh('otherTownship', T.villageB1);
  await roll('otherTownship', 'tekun');
  await measure('otherTownship', 'dibao', 'in_progress');
  // one person on both
  await hh('bothFlags');
  const [both] = await membersOf(db, h.bothFlags!);
  await db.updateTable('member').set({ is_dibao: true, is_tekun: true }).where('id', '=', both!.id).execute();
  await hh('tekunPerson');
  const [person] = await membersOf(db, h.tekunPerson!);
  await db.updateTable('member').set({ is_tekun: true }).where('id', '=', person!.id).execute();
  await hh('samePersonOnDibaoRoll', T.villageA2);
  const [copy] = await membersOf(db, h.samePersonOnDibaoRoll!);
  // the same person in two households: only data from before the national person index (migration
  // 044) can hold that, so it is planted as a legacy duplicate (outside the index's uniqueness)
  await db.updateTable('member_key').set({ legacy_duplicate: true }).where('id', '=', copy!.id).execute();
  await db.updateTable('member').set({ id_number: person!.id_number }).where('id', '=', copy!.id).execute();
  await roll('samePersonOnDibaoRoll', 'dibao');
  await hh('dibaoOnly');
  const [only] = await membersOf(db, h.dibaoOnly!);
  await db.updateTable('member').set({ is_dibao: true }).where('id', '=', only!.id).execute();
  // facts
  await hh('staleInsurance');
  const [insured] = await membersOf(db, h.staleInsurance!);
  const cover = { basicMedical: true, criticalIllness: true, medicalAssistance: false };
  await fact('staleInsurance', 'insurance', cover, '2025-01-10', { memberId: insured!.id });
  await fact('staleInsurance', 'food_clothing', { secure: true }, '2026-01-01');
  await fact('staleInsurance', 'income_month', { month: '2025-03', items: {} }, '2025-03-01', {
    subject: '2025-03',
  });
  await fact('staleInsurance', 'income_month', { month: '2025-07', items: {} }, '2025-07-01', {
    subject: '2025-07',
  });
  await hh('staleRisk');
  await fact('staleRisk', 'risk', risk('illness', '诊断证明'), '2024-01-01', { subject: 'illness' });
  await fact('staleRisk', 'risk', risk('disaster', '', '2024-05-01'), '2024-01-01', { subject: 'disaster' });
  await fact(
    'staleRisk',
    'shock',
    { category: 'illness', date: '2020-02-01', amount: 1, evidence: 'x' },
    '2020-02-01',
  );
  await hh('fresh');
  await fact('fresh', 'food_clothing', { secure: false }, '2020-01-01');
  await fact('fresh', 'food_clothing', { secure: true }, '2026-03-01');
  await fact('fresh', 'drinking_water', { safe: true }, '2020-01-01', { state: 'proposed' });
  await fact('fresh', 'disability', { disabilityType: 'visual', disabilityGrade: 2 }, '2019-01-01');
  // risks and their evidence
  await hh('riskEmpty');
  await fact('riskEmpty', 'risk', risk('illness', ''), '2026-02-01', { subject: 'illness' });
  await fact('riskEmpty', 'risk', risk('accident', '  '), '2026-02-01', { subject: 'accident' });
  await hh('riskFine');
  await fact('riskFine', 'risk', risk('illness', '诊断证明'), '2026-02-01', { subject: 'illness' });
  await fact('riskFine', 'risk', risk('disaster', '', '2026-03-01'), '2026-02-01', { subject: 'disaster' });
  await fact('riskFine', 'risk', risk('water', ''), '2026-02-01', { subject: 'water', state: 'proposed' });
  await fact('riskFine', 'risk', risk('labour', ''), '2025-02-01', { subject: 'labour' });
  await fact('riskFine', 'risk', risk('labour', '入户记录'), '2026-02-01', { subject: 'labour' });
}, 120_000);

afterAll(async () => {
  await tdb?.drop();
});

describe('plan measures against the rolls', () => {
  it('names a dibao measure in a 特困 household and a 特困 measure on the dibao roll, in the region only', async () => {
    const rows = await repo.planRollConflict(db, T.townshipA);
    expect([...flagged(rows)].sort()).toEqual([h.tekunDibao, h.dibaoTekunMeasure].sort());
    expect(rows.find((r) => r.household_id === h.tekunDibao)!.detail).toMatchObject({
      measure: 'dibao',
      status: 'in_progress',
      roll: 'tekun',
    });
    expect(flagged(await repo.planRollConflict(db, T.county)).has(h.otherTownship!)).toBe(true);
  });

  it('names a dibao measure in progress with no open dibao roll entry', async () => {
    const rows = await repo.planDibaoNoRoll(db, T.townshipA);
    expect([...flagged(rows)].sort()).toEqual([h.noRoll, h.ceased].sort());
  });
});

describe('one person on dibao and 特困', () => {
  it('names both flags on a member and the same ID number on 特困 and on a dibao roll elsewhere', async () => {
    const rows = await repo.dibaoTekunSamePerson(db, T.townshipA);
    expect([...flagged(rows)].sort()).toEqual([h.bothFlags, h.tekunPerson, h.samePersonOnDibaoRoll].sort());
    const inA1 = await repo.dibaoTekunSamePerson(db, T.villageA1);
    expect(flagged(inA1).has(h.samePersonOnDibaoRoll!)).toBe(false); // the other household is outside
    expect(flagged(inA1).has(h.tekunPerson!)).toBe(true);
  });
});

describe('facts older than the review interval', () => {
  it('names the household-kinds whose latest confirmed record is older than 12 months', async () => {
    const rows = await repo.staleFacts(db, T.townshipA, TODAY, 12);
    expect([...flagged(rows)].sort()).toEqual([h.staleInsurance, h.staleRisk].sort());
    const kinds = (id: string) =>
      (rows.find((r) => r.household_id === id)!.detail.facts as { kind: string }[]).map((f) => f.kind);
    expect(kinds(h.staleInsurance!)).toEqual(['insurance']); // income: the latest month is recent
    expect(kinds(h.staleRisk!)).toEqual(['risk']); // the removed risk and the shock are not reviewed
  });

  it('reads the interval from the policy parameter factMaxAgeMonths in a run', async () => {
    const service = createQualityService(db, {
      clock: fixedClock(`${TODAY}T04:00:00Z`),
      paramsFor: async (_r, date) => ({
        ...defaultParams(Number(date.slice(0, 4))),
        factMaxAgeMonths: 24,
      }),
    });
    const run = await service.runAll(T.townshipA, { id: null, name: 'system' }, 'cli');
    const stale = run.checks.find((c) => c.id === 'stale_facts')!;
    expect(stale).toMatchObject({ findings: 1, households: 1 }); // only the risk of 2024 is > 24 months
    expect(run.checks.find((c) => c.id === 'plan_roll_conflict')).toMatchObject({ findings: 2 });
  });
});

describe('risks without evidence', () => {
  it('names an open confirmed risk whose latest record has empty evidence', async () => {
    const rows = await repo.riskNoEvidence(db, T.townshipA, TODAY);
    expect(rows.map((r) => `${r.household_id}:${r.subject}`).sort()).toEqual(
      [`${h.riskEmpty}:accident`, `${h.riskEmpty}:illness`].sort(),
    );
  });
});

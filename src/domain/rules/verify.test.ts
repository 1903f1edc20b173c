import { describe, expect, it } from 'vitest';
import { dibao } from './dibao.js';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { householdExit } from './household-exit.js';
import { identification } from './identification.js';
import { HOUSEHOLD_RULES } from './index.js';
import { linkage } from './linkage.js';
import { monitoringCategory } from './monitoring.js';
import { defaultParams } from './params.js';
import { riskRemoval } from './risk-removal.js';
import { specialHardship } from './special-hardship.js';

/**
 * The third outcome (missing.ts): a rule lacking a fact it needs returns `verify` naming the fact and
 * who supplies it; the same household with the fact recorded is decided; a known failure decides
 * the negative outcome even when another fact is missing.
 */
const p = { ...defaultParams(2022), monitoringLine: 6_000 };
const missingOf = (r: { missing?: { fact: string; supplier: string }[] }) =>
  (r.missing ?? []).map((m) => `${m.fact}/${m.supplier}`);
const decisionOf = (d: unknown) => (typeof d === 'string' ? d : (d as { status: string }).status);

describe('household exit', () => {
  const base = exampleHousehold();
  it.each<[string, HouseholdFacts, string, string[]]>([
    ['all recorded', base, 'may_exit', []],
    [
      'food and clothing not recorded',
      { ...base, foodClothingSecure: null },
      'verify',
      ['food_clothing/village_cadre'],
    ],
    [
      'grade D, no rebuilding record',
      { ...base, housing: { grade: 'D', relocated: false, rebuilt: null } },
      'verify',
      ['housing_safety/township'],
    ],
    [
      'grade D recorded not rebuilt',
      { ...base, housing: { grade: 'D', relocated: false, rebuilt: false } },
      'not_yet',
      [],
    ],
    [
      'grade B, no rebuilding record (not needed)',
      { ...base, housing: { grade: 'B', relocated: false, rebuilt: null } },
      'may_exit',
      [],
    ],
    [
      'income below the line decides although food is unknown',
      { ...base, foodClothingSecure: null, income: { ...base.income, wages: 0, business: 0 } },
      'not_yet',
      [],
    ],
  ])('%s', (_l, f, decision, missing) => {
    const r = householdExit(f, p);
    expect(r.decision).toBe(decision);
    expect(missingOf(r)).toEqual(missing);
  });
});

describe('risk removal', () => {
  const base = exampleHousehold({
    asOf: '2022-07-01',
    status: 'monitored',
    householdType: 'exited',
    last12Months: exampleLast12(26_000, 4),
    monitoring: {
      since: '2022-01-01',
      measuresApplied: 1,
      monthsAboveLine: 6,
      rigidSpendingResolved: true,
      newRisk: false,
    },
  });
  it.each<[string, HouseholdFacts, string, string[]]>([
    ['all recorded', base, 'may_remove', []],
    [
      'no monthly records',
      { ...base, monitoring: { ...base.monitoring, monthsAboveLine: null } },
      'verify',
      ['income_months/village_cadre'],
    ],
    ['no last 12 months', { ...base, last12Months: null }, 'verify', ['income_months/village_cadre']],
    [
      'no risk screening',
      { ...base, monitoring: { ...base.monitoring, newRisk: null } },
      'verify',
      ['risk/village_cadre'],
    ],
    [
      'rigid spending not checked',
      { ...base, monitoring: { ...base.monitoring, rigidSpendingResolved: null } },
      'verify',
      ['rigid_spending/village_cadre'],
    ],
    [
      'a new risk is recorded (known failure wins over missing months)',
      { ...base, monitoring: { ...base.monitoring, newRisk: true, monthsAboveLine: null } },
      'keep',
      [],
    ],
  ])('%s', (_l, f, decision, missing) => {
    const r = riskRemoval(f, p);
    expect(r.decision).toBe(decision);
    expect(missingOf(r)).toEqual(missing);
  });
});

describe('monitoring category', () => {
  const general = exampleHousehold({
    status: 'none',
    registeredPoorYear: null,
    last12Months: exampleLast12(40_000, 4),
  });
  it.each<[string, HouseholdFacts, string, string[]]>([
    ['above the range, spending checked', general, 'none', []],
    ['no last 12 months', { ...general, last12Months: null }, 'verify', ['income_months/village_cadre']],
    [
      'above the range, spending not checked',
      { ...general, last12Months: exampleLast12(40_000, 4, { rigidSpending: null }) },
      'verify',
      ['rigid_spending/village_cadre'],
    ],
    [
      'in the range: spending not needed',
      { ...general, last12Months: exampleLast12(20_000, 4, { rigidSpending: null }) },
      'marginal',
      [],
    ],
    [
      'income collapse shown: sudden whatever the spending',
      {
        ...general,
        last12Months: exampleLast12(40_000, 4, { rigidSpending: null, previousNetIncome: 100_000 }),
      },
      'sudden',
      [],
    ],
  ])('%s', (_l, f, decision, missing) => {
    const r = monitoringCategory(f, p);
    expect(r.decision).toBe(decision);
    expect(missingOf(r)).toEqual(missing);
  });
});

describe('dibao and special hardship', () => {
  // 1,200 a year for 2 persons = 50 a month each, far below any standard
  const poor = exampleHousehold({
    status: 'none',
    members: [
      exampleMember({ id: 'a', age: 70, labourCapacity: 'none' }),
      exampleMember({ id: 'b', age: 68, labourCapacity: 'none' }),
    ],
    last12Months: exampleLast12(1_200, 2),
  });
  const unknownMeans = { ...poor.dibao, assetsWithinLimits: null, spendingWithinLimits: null };
  it.each<[string, HouseholdFacts, string, string[]]>([
    ['all recorded', poor, 'eligible', []],
    ['means test not on file', { ...poor, dibao: unknownMeans }, 'verify', ['dibao_means/township']],
    [
      'supporters not investigated',
      { ...poor, dibao: { ...poor.dibao, obligedSupport12m: null } },
      'verify',
      ['legal_supporter/township'],
    ],
    [
      'income far above the standard: not eligible without the means test',
      {
        ...poor,
        last12Months: exampleLast12(200_000, 2),
        dibao: { ...unknownMeans, obligedSupport12m: null },
      },
      'not_eligible',
      [],
    ],
    [
      'assets over limits decide',
      { ...poor, dibao: { ...unknownMeans, assetsWithinLimits: false } },
      'not_eligible',
      [],
    ],
  ])('dibao: %s', (_l, f, decision, missing) => {
    const r = dibao(f, p);
    expect(r.decision.status).toBe(decision);
    expect(missingOf(r)).toEqual(missing);
  });

  it.each<[string, HouseholdFacts, string, string[]]>([
    ['all recorded', { ...poor, legalSupporters: [] }, 'eligible', []],
    [
      'supporters not investigated',
      { ...poor, legalSupporters: null },
      'verify',
      ['legal_supporter/township'],
    ],
    [
      'an able supporter decides',
      { ...poor, legalSupporters: [{ relation: 'child', able: true }], dibao: unknownMeans },
      'not_eligible',
      [],
    ],
    ['someone can work decides', { ...exampleHousehold(), legalSupporters: null }, 'not_eligible', []],
  ])('special hardship: %s', (_l, f, decision, missing) => {
    const r = specialHardship(f, p);
    expect(r.decision.status).toBe(decision);
    expect(missingOf(r)).toEqual(missing);
  });
});

describe('identification and linkage', () => {
  const below = exampleHousehold({
    status: 'none',
    income: { ...exampleHousehold().income, wages: 0, business: 0 },
  });
  it('identification: not matched with department lists → verify; income above → not eligible', () => {
    expect(identification({ ...below, redLineHits: null }, p)).toMatchObject({
      decision: 'verify',
      missing: [{ fact: 'department_lists', supplier: 'department' }],
    });
    expect(identification({ ...below, redLineHits: [] }, p).decision).toBe('eligible');
    expect(identification({ ...exampleHousehold(), redLineHits: null }, p).decision).toBe('not_eligible');
  });

  it('linkage: coverage undecided while the dibao decision is verify', () => {
    const registered = exampleHousehold({
      status: 'exited',
      last12Months: exampleLast12(1_200, 4),
      dibao: { ...exampleHousehold().dibao, assetsWithinLimits: null },
    });
    const r = linkage(registered, p);
    expect(r.decision.gaps).not.toContain('poor_eligible_not_covered');
    expect(missingOf(r)).toEqual(['dibao_means/township']);
    const known = linkage({ ...registered, dibao: exampleHousehold().dibao }, p);
    expect(known.decision.gaps).toContain('poor_eligible_not_covered');
    expect(known.missing).toEqual([]);
  });
});

describe('every household rule', () => {
  it('returns missing facts exactly when it cannot decide', () => {
    const f = exampleHousehold();
    for (const [name, rule] of Object.entries(HOUSEHOLD_RULES)) {
      const r = rule(f, p);
      expect(r.missing, name).toBeDefined();
      if (name !== 'linkage')
        expect(decisionOf(r.decision) === 'verify', name).toBe((r.missing ?? []).length > 0);
    }
  });
});

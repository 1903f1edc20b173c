import { describe, expect, it } from 'vitest';
import { dibao } from './dibao.js';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts, MemberFacts } from './facts.js';
import { defaultParams } from './params.js';

// Standard S = 500 yuan/person/month; near-dibao below 750; employment costs up to 500/month per
// worker (6,000 a year); disregards up to 250/month (3,000 a year) per elderly or disabled earner.
const p = { ...defaultParams(2020), ruralDibaoStandardMonthly: 500 };
const m = exampleMember;
const household = (members: MemberFacts[], net: number, over: Partial<HouseholdFacts> = {}): HouseholdFacts =>
  exampleHousehold({ members, last12Months: exampleLast12(net, members.length), ...over });
const worker = m({ id: 'w' });
const wife = m({ id: 's', relation: 'spouse', labourCapacity: 'none', age: 70 });
const kid = m({ id: 'k', age: 10, labourCapacity: 'none', studentStatus: 'primary' });

describe('dibao eligibility and monthly top-up', () => {
  it.each<[string, HouseholdFacts, string, number, number]>([
    // (12,000 + 1,200 support − min(7,200, 6,000) employment) / 12 / 3 = 200 → (500 − 200) × 3 = 900
    [
      'support counted, employment costs capped at 1 × standard',
      household([m({ id: 'w', employmentCost12m: 7_200 }), wife, kid], 12_000, {
        dibao: { ...exampleHousehold().dibao, obligedSupport12m: 1_200 },
      }),
      'eligible',
      200,
      900,
    ],
    // 12,000 / 12 / 2 = 500: exactly at the standard is not eligible
    ['exactly at the standard', household([worker, wife], 12_000), 'not_eligible', 500, 0],
    // 11,976 / 12 / 2 = 499 → (500 − 499) × 2 = 2
    ['one yuan below the standard', household([worker, wife], 11_976), 'eligible', 499, 2],
    // dibao payments are not income: (12,000 − 6,000) / 12 / 2 = 250 → 250 × 2 = 500
    [
      'current dibao payments excluded',
      household([worker, wife], 12_000, {
        last12Months: exampleLast12(12_000, 2, { assistanceReceived: 6_000 }),
      }),
      'eligible',
      250,
      500,
    ],
    // 65-year-old earning 4,000: 3,000 disregarded; (8,400 − 3,000) / 12 = 450 → 50
    [
      'elderly earnings disregarded up to 0.5 × standard',
      household([m({ id: 'e', age: 65, earnings12m: 4_000 })], 8_400),
      'eligible',
      450,
      50,
    ],
    // elderly AND disabled: one disregard of 3,000, not two
    [
      'disregards do not add up for one person',
      household([m({ id: 'e', age: 65, health: 'disabled', disabilityGrade: 3, earnings12m: 8_000 })], 8_400),
      'eligible',
      450,
      50,
    ],
    // (15,000 − 2,400 medical − 1,200 schooling) / 12 / 2 = 475 → 25 × 2 = 50
    [
      'rigid medical and school costs deducted',
      household([worker, wife], 15_000, {
        dibao: {
          ...exampleHousehold().dibao,
          deductible12m: { medical: 2_400, disability: 0, schooling: 1_200 },
        },
      }),
      'eligible',
      475,
      50,
    ],
    [
      'assets over the limit',
      household([worker, wife], 0, { dibao: { ...exampleHousehold().dibao, assetsWithinLimits: false } }),
      'not_eligible',
      0,
      0,
    ],
    [
      'spending over the limit',
      household([worker, wife], 0, { dibao: { ...exampleHousehold().dibao, spendingWithinLimits: false } }),
      'not_eligible',
      0,
      0,
    ],
    // no income: 500 × 2 = 1,000
    ['no income at all', household([worker, wife], 0), 'eligible', 0, 1_000],
  ])('%s', (_label, f, status, perCapita, benefit) => {
    const d = dibao(f, p).decision;
    expect(d.status).toBe(status);
    expect(d.perCapitaMonthlyIncome).toBe(perCapita);
    expect(d.monthlyBenefit).toBe(benefit);
  });
});

describe('dibao single-person coverage, gradual exit and review', () => {
  const ill = m({ id: 'ill', health: 'serious', labourCapacity: 'lost' });
  it.each<[string, HouseholdFacts, string, number, string[]]>([
    // 21,600 / 12 / 3 = 600: above 500, below 1.5 × 500 = 750 → the ill member alone, 500
    [
      'near-dibao family with a seriously ill member',
      household([worker, wife, ill], 21_600),
      'single_person',
      500,
      ['ill'],
    ],
    // 27,000 / 12 / 3 = 750: exactly 1.5 × standard is not near-dibao
    ['exactly 1.5 × standard', household([worker, wife, ill], 27_000), 'not_eligible', 0, []],
    [
      'severe disability (grade 2) qualifies',
      household([worker, wife, m({ id: 'd', health: 'disabled', disabilityGrade: 2 })], 21_600),
      'single_person',
      500,
      ['d'],
    ],
    [
      'grade 3 disability does not',
      household([worker, wife, m({ id: 'd', health: 'disabled', disabilityGrade: 3 })], 21_600),
      'not_eligible',
      0,
      [],
    ],
    // own earnings 1,200 a year → 500 − 100 = 400
    [
      'own earnings reduce the single-person benefit',
      household([worker, wife, m({ id: 'ill', health: 'serious', earnings12m: 1_200 })], 21_600),
      'single_person',
      400,
      ['ill'],
    ],
    ['near-dibao without an ill member', household([worker, wife, kid], 21_600), 'not_eligible', 0, []],
    [
      'a covered household whose income rose enters gradual exit',
      household([m({ id: 'w', dibao: true }), m({ id: 's', dibao: true, relation: 'spouse' })], 24_000),
      'gradual_exit',
      0,
      [],
    ],
  ])('%s', (_label, f, status, benefit, covered) => {
    const d = dibao(f, p).decision;
    expect(d.status).toBe(status);
    expect(d.monthlyBenefit).toBe(benefit);
    expect(d.coveredMemberIds).toEqual(covered);
    expect(d.gradualExitMonths).toBe(status === 'gradual_exit' ? 6 : null);
  });

  const old = (id: string, over: Partial<MemberFacts> = {}) =>
    m({ id, age: 75, labourCapacity: 'none', ...over });
  it.each<[string, MemberFacts[], number]>([
    ['with labour: quarterly', [worker, wife], 3],
    ['weak labour counts as labour', [m({ id: 'w', labourCapacity: 'weak' }), wife], 3],
    [
      'no labour, a disabled member: half-yearly',
      [old('a'), old('b', { health: 'disabled', disabilityGrade: 4 })],
      6,
    ],
    ['no labour, a seriously ill member: half-yearly', [old('a'), old('b', { health: 'serious' })], 6],
    ['no labour, no illness: yearly', [old('a'), old('b')], 12],
  ])('review interval — %s', (_label, members, months) => {
    expect(dibao(household(members, 0), p).decision.reviewEveryMonths).toBe(months);
  });

  it('reads out the assessment line by line', () => {
    const r = dibao(household([worker, wife], 11_976), p);
    expect(r.reasons[0]!.label_zh).toContain('核算收入 11,976 元，2 口人，每人每月 499 元');
    expect(r.reasons[1]!.label_zh).toBe('家庭每人每月收入 499 元，低于低保标准 500 元');
  });

  it('uses the default 2020 standard of 497 yuan a month', () => {
    expect(dibao(household([worker], 0), defaultParams(2020)).decision.monthlyBenefit).toBe(497);
  });
});

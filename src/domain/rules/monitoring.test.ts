import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleLast12 } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { monitoringCategory } from './monitoring.js';
import { defaultParams } from './params.js';

const p = { ...defaultParams(2021), monitoringLine: 6_000 }; // province range 6,000 yuan/person/year
const exited = exampleHousehold({ status: 'exited', householdType: 'exited', registeredPoorYear: 2014 });
const ordinary = {
  ...exited,
  status: 'none' as const,
  householdType: 'ordinary' as const,
  registeredPoorYear: null,
};
const with12 = (f: HouseholdFacts, net: number, rest: Parameters<typeof exampleLast12>[2] = {}) => ({
  ...f,
  last12Months: exampleLast12(net, 4, rest),
});

describe('monitoring category', () => {
  it.each<[string, HouseholdFacts, string]>([
    ['exited at exactly 6,000 (24,000 / 4) is out of range', with12(exited, 24_000), 'none'],
    ['exited at 5,999 (23,996 / 4) is unstable', with12(exited, 23_996), 'unstable'],
    ['ordinary at 5,999 is marginal', with12(ordinary, 23_996), 'marginal'],
    // (30,000 − 8,000 medical) / 4 = 5,500 < 6,000
    ['medical costs are subtracted', with12(exited, 30_000, { eligibleMedicalCost: 8_000 }), 'unstable'],
    // above range: rigid spending 15,000 ≥ 50 % × 30,000
    [
      'rigid spending at half of income is a shock',
      with12(ordinary, 30_000, { rigidSpending: 15_000 }),
      'sudden',
    ],
    ['rigid spending just below half is not', with12(ordinary, 30_000, { rigidSpending: 14_999 }), 'none'],
    // 30,000 after 60,000: fell by exactly 50 %
    ['income halved is a collapse', with12(exited, 30_000, { previousNetIncome: 60_000 }), 'sudden'],
    // 30,000 after 59,000: fell by 49.15 %
    ['income down 49 % is not', with12(exited, 30_000, { previousNetIncome: 59_000 }), 'none'],
    ['no earlier income, no shock', with12(exited, 30_000, { previousNetIncome: null }), 'none'],
  ])('%s', (_label, f, category) => {
    expect(monitoringCategory(f, p).decision).toBe(category);
  });

  it('gives the 12-month income and the range as its first reason', () => {
    const r = monitoringCategory(with12(exited, 30_000, { eligibleMedicalCost: 8_000 }), p);
    expect(r.reasons[0]).toMatchObject({
      criterion: 'income_in_monitoring_range',
      value: 5_500,
      threshold: 6_000,
    });
    expect(r.reasons[0]!.label_zh).toBe(
      '近 12 个月人均纯收入（扣除合规自付医疗费用后）5,500 元，低于监测线 6,000 元',
    );
    expect(r.reasons[1]).toMatchObject({ criterion: 'ever_registered_poor', value: 2014, passed: true });
  });

  it('lists the shock evidence with the sudden decision', () => {
    const f = { ...with12(ordinary, 30_000, { rigidSpending: 20_000 }), shockEvidence: ['县医院住院发票'] };
    const r = monitoringCategory(f, p);
    expect(r.decision).toBe('sudden');
    expect(r.reasons.find((x) => x.criterion === 'shock_evidence')).toMatchObject({
      value: ['县医院住院发票'],
      binding: false,
    });
    expect(r.reasons.find((x) => x.criterion === 'rigid_spending_shock')).toMatchObject({
      value: 20_000,
      threshold: 15_000,
    });
  });

  it('uses the default 2021 range of 1.5 × 4,100 = 6,150', () => {
    const r = monitoringCategory(with12(exited, 24_596), defaultParams(2021)); // 6,149
    expect(r.decision).toBe('unstable');
    expect(monitoringCategory(with12(exited, 24_600), defaultParams(2021)).decision).toBe('none');
  });
});

import { describe, expect, it } from 'vitest';
import type { DefaultedValue } from './defaults.js';
import { exampleHousehold, exampleLast12, exampleMember, exampleYearIncome } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { evaluateHousehold } from './index.js';
import { defaultParams } from './params.js';

// Standard S = 500 yuan/person/month (6,000 a year); near-dibao line 1.5 × S = 750; employment costs
// deductible up to 1 × S per working member (6,000 a year).
const p = { ...defaultParams(2020), ruralDibaoStandardMonthly: 500 };
const worker = exampleMember({ id: 'w' });
const elder = exampleMember({ id: 'e', relation: 'parent', labourCapacity: 'none', age: 70 });

/** A worker and an elder; the 12 months' net income all wages. */
const household = (net: number, defaults: readonly DefaultedValue[], over: Partial<HouseholdFacts> = {}) =>
  exampleHousehold({
    members: [worker, elder],
    income: exampleYearIncome(2020, net, 2),
    last12Months: exampleLast12(net, 2),
    defaults,
    ...over,
  });
const rule = (f: HouseholdFacts, name: string) => evaluateHousehold(f, p).find((r) => r.rule === name)!;
const status = (f: HouseholdFacts) => (rule(f, 'dibao').decision as { status: string }).status;
const missing = (f: HouseholdFacts, name = 'dibao') => rule(f, name).missing?.map((m) => m.fact);
const note = (f: HouseholdFacts, name: string, key: string) =>
  rule(f, name).reasons.find((r) => r.criterion === `default.${key}`);

describe('a decision resting on a default answers verify; one that does not keeps it with a note', () => {
  it('employment costs not recorded: 15,000 → 625 a month, but 9,000 (− 6,000 costs) → 375 < 500', () => {
    const f = household(15_000, [{ key: 'employment_cost' }]);
    expect(status({ ...f, defaults: [] })).toBe('not_eligible');
    expect(status(f)).toBe('verify');
    expect(missing(f)).toEqual(['income_months']);
    expect(note(f, 'dibao', 'employment_cost')).toMatchObject({ binding: true, passed: false });
    // linkage reads the dibao decision: the coverage gap is not known either
    expect(missing(f, 'linkage')).toEqual(['income_months']);
    // the rules that do not read employment costs are untouched
    expect(note(f, 'household_exit', 'employment_cost')).toBeUndefined();
  });

  it('far above: 30,000 − 6,000 = 24,000 → 1,000 a month ≥ 500 whatever the costs: decided, with a note', () => {
    const f = household(30_000, [{ key: 'employment_cost' }]);
    expect(status(f)).toBe('not_eligible');
    expect(missing(f)).toEqual([]);
    expect(note(f, 'dibao', 'employment_cost')).toMatchObject({ binding: false, passed: true });
  });

  it('a member without a health code: 625 < 750 with a seriously ill member would be single-person coverage', () => {
    const f = household(15_000, [{ key: 'member_health', memberId: 'e', labourInferred: false }], {
      members: [worker, { ...elder, employmentCost12m: 0 }],
    });
    expect(status({ ...f, defaults: [] })).toBe('not_eligible');
    expect(status(f)).toBe('verify');
    expect(missing(f)).toEqual(['member_health']);
    expect(note(f, 'dibao', 'member_health')?.rests).toEqual(['health', 'disability']);
    // 30,000 a year: 1,250 a month, above the near-dibao line whatever the elder's health
    expect(status(household(30_000, f.defaults!))).toBe('not_eligible');
  });

  it('labour inferred from a missing health code follows each value (serious: cannot work)', () => {
    const f = household(30_000, [{ key: 'member_health', memberId: 'w', labourInferred: true }]);
    // with the worker seriously ill nobody can work: the linkage and special-hardship answers may change
    const results = evaluateHousehold(f, p);
    for (const r of results)
      if (r.missing?.length) expect(r.missing.map((m) => m.fact)).toContain('member_health');
    expect(results.some((r) => r.reasons.some((x) => x.criterion === 'default.member_health'))).toBe(true);
  });

  it('schooling and disability spending not checked: deducted, the income could fall to 0', () => {
    const f = household(15_000, [{ key: 'deductible_spending', categories: ['disability', 'schooling'] }]);
    expect(status(f)).toBe('verify');
    expect(missing(f)).toEqual(['rigid_spending']);
  });

  it('support paid without monthly records: (11,000 + 3,000) / 24 = 583 ≥ 500, but 11,000 / 24 = 458', () => {
    const dibao = { ...exampleHousehold().dibao, obligedSupport12m: 3_000 };
    const near = household(11_000, [{ key: 'support_in_income', paid12m: 3_000 }], { dibao });
    expect(status({ ...near, defaults: [] })).toBe('not_eligible');
    expect(status(near)).toBe('verify');
    expect(missing(near)).toEqual(['income_months']);
    // 13,000 / 24 = 542 ≥ 500 even without the support: decided
    const far = household(13_000, [{ key: 'support_in_income', paid12m: 3_000 }], { dibao });
    expect(status(far)).toBe('not_eligible');
  });

  it('no defaults: the rules answer as before, without notes', () => {
    const f = household(15_000, []);
    expect(
      evaluateHousehold(f, p).flatMap((r) => r.reasons.filter((x) => x.criterion.startsWith('default.'))),
    ).toEqual([]);
  });
});

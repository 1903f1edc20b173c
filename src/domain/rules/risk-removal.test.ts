import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { defaultParams } from './params.js';
import { riskRemoval } from './risk-removal.js';

const p = { ...defaultParams(2022), monitoringLine: 6_000 };
// Monitored since 2022-01-01; on 2022-07-01 that is 6 whole months. 26,000 / 4 = 6,500 ≥ 6,000.
const base = exampleHousehold({
  asOf: '2022-07-01',
  status: 'monitored',
  householdType: 'exited',
  income: { ...exampleHousehold().income, year: 2022 },
  last12Months: exampleLast12(26_000, 4),
  monitoring: {
    since: '2022-01-01',
    measuresApplied: 1,
    monthsAboveLine: 6,
    rigidSpendingResolved: true,
    newRisk: false,
  },
});
const noLabour = (capacity: 'none' | 'lost' | 'weak') =>
  base.members.map((m) => exampleMember({ ...m, labourCapacity: capacity }));

const failed = (f: HouseholdFacts) =>
  riskRemoval(f, p)
    .reasons.filter((r) => !r.passed)
    .map((r) => r.criterion);

describe('risk removal', () => {
  it.each<[string, HouseholdFacts, string[]]>([
    ['every condition met', base, []],
    [
      'income exactly at the line (24,000 / 4 = 6,000)',
      { ...base, last12Months: exampleLast12(24_000, 4) },
      [],
    ],
    [
      'income 5,999 (23,996 / 4)',
      { ...base, last12Months: exampleLast12(23_996, 4) },
      ['income_above_range'],
    ],
    [
      'medical costs pull income below ((26,000 − 2,004) / 4 = 5,999)',
      { ...base, last12Months: exampleLast12(26_000, 4, { eligibleMedicalCost: 2_004 }) },
      ['income_above_range'],
    ],
    [
      'above the line only 5 months',
      { ...base, monitoring: { ...base.monitoring, monthsAboveLine: 5 } },
      ['income_stable_months'],
    ],
    ['monitored 5 months (2022-01-01 → 2022-06-30)', { ...base, asOf: '2022-06-30' }, ['monitored_months']],
    [
      'no measure applied',
      { ...base, monitoring: { ...base.monitoring, measuresApplied: 0 } },
      ['measures_applied'],
    ],
    ['never monitored', { ...base, monitoring: { ...base.monitoring, since: null } }, ['monitored_months']],
    ['not a monitored household', { ...base, status: 'exited' }, ['status_monitored']],
    [
      'rigid spending unresolved',
      { ...base, monitoring: { ...base.monitoring, rigidSpendingResolved: false } },
      ['rigid_spending_resolved'],
    ],
    ['a new risk', { ...base, monitoring: { ...base.monitoring, newRisk: true } }, ['no_new_risk']],
    ['unsafe water', { ...base, safeWater: false }, ['safe_water']],
    [
      'unsafe house',
      { ...base, housing: { grade: 'D', relocated: false, rebuilt: false } },
      ['safe_housing'],
    ],
    ['no one can work (none)', { ...base, members: noLabour('none') }, ['someone_can_work']],
    ['no one can work (lost)', { ...base, members: noLabour('lost') }, ['someone_can_work']],
    ['weak labour counts as able to work', { ...base, members: noLabour('weak') }, []],
  ])('%s', (_label, f, failing) => {
    expect(failed(f)).toEqual(failing);
    expect(riskRemoval(f, p).decision).toBe(failing.length === 0 ? 'may_remove' : 'keep');
  });

  it('explains the months monitored and the labour check in Chinese', () => {
    const r = riskRemoval({ ...base, members: noLabour('none') }, p);
    expect(r.reasons.find((x) => x.criterion === 'monitored_months')!.label_zh).toBe(
      '已纳入监测 6 个月（要求至少 6 个月）',
    );
    expect(r.reasons.find((x) => x.criterion === 'someone_can_work')!.label_zh).toBe(
      '家里没有人有劳动能力，不能消除风险',
    );
  });
});

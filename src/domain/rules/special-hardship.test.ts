import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts, MemberFacts } from './facts.js';
import { defaultParams } from './params.js';
import { specialHardship } from './special-hardship.js';

const p = { ...defaultParams(2020), ruralDibaoStandardMonthly: 500, specialHardshipStandardMonthly: 650 };
const person = (over: Partial<MemberFacts>) =>
  exampleMember({ id: 'p', age: 70, labourCapacity: 'ordinary', ...over });
const alone = (member: MemberFacts, net = 3_600, over: Partial<HouseholdFacts> = {}): HouseholdFacts =>
  exampleHousehold({ members: [member], last12Months: exampleLast12(net, 1), ...over });

describe('special hardship: all three conditions', () => {
  it.each<[string, HouseholdFacts, string, string[]]>([
    // 3,600 / 12 = 300 < 500; 70 years old; no supporter
    ['elderly alone with 300 a month', alone(person({})), 'eligible', []],
    ['exactly 60 counts as elderly', alone(person({ age: 60 })), 'eligible', []],
    ['59 and able to work', alone(person({ age: 59 })), 'not_eligible', ['no_labour_capacity']],
    ['59 but labour lost', alone(person({ age: 59, labourCapacity: 'lost' })), 'eligible', []],
    ['a minor of 15', alone(person({ age: 15 })), 'eligible', []],
    ['16 and able to work', alone(person({ age: 16 })), 'not_eligible', ['no_labour_capacity']],
    [
      '45 with grade 2 disability',
      alone(person({ age: 45, disabilityGrade: 2, health: 'disabled' })),
      'eligible',
      [],
    ],
    [
      '45 with grade 3 disability',
      alone(person({ age: 45, disabilityGrade: 3, health: 'disabled' })),
      'not_eligible',
      ['no_labour_capacity'],
    ],
    // 6,000 / 12 = 500: not below the dibao standard
    [
      'income exactly at the dibao standard',
      alone(person({}), 6_000),
      'not_eligible',
      ['no_means_of_living'],
    ],
    ['5,988 a year = 499 a month', alone(person({}), 5_988), 'eligible', []],
    [
      'assets over the limit',
      alone(person({}), 3_600, { dibao: { ...exampleHousehold().dibao, assetsWithinLimits: false } }),
      'not_eligible',
      ['no_means_of_living'],
    ],
    [
      'a son able to support',
      alone(person({}), 3_600, { legalSupporters: [{ relation: 'son', able: true }] }),
      'not_eligible',
      ['no_able_supporter'],
    ],
    [
      'a son unable to support',
      alone(person({}), 3_600, { legalSupporters: [{ relation: 'son', able: false }] }),
      'eligible',
      [],
    ],
    [
      'an elderly couple with a worker',
      exampleHousehold({
        members: [person({}), person({ id: 'q', age: 40 })],
        last12Months: exampleLast12(3_600, 2),
      }),
      'not_eligible',
      ['no_labour_capacity'],
    ],
  ])('%s', (_label, f, status, failing) => {
    const r = specialHardship(f, p);
    expect(r.decision.status).toBe(status);
    expect(r.reasons.filter((x) => !x.passed).map((x) => x.criterion)).toEqual(failing);
    expect(r.decision.monthlySupportPerPerson).toBe(status === 'eligible' ? 650 : 0);
  });

  it('defaults the support standard to 1.3 × dibao (2020: 497 → 646)', () => {
    expect(specialHardship(alone(person({})), defaultParams(2020)).decision.monthlySupportPerPerson).toBe(
      646,
    );
  });
});

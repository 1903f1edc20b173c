import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { linkage } from './linkage.js';
import { defaultParams } from './params.js';

const p = { ...defaultParams(2020), ruralDibaoStandardMonthly: 500 }; // 6,000 a year ≥ 4,000
const lowIncome = exampleLast12(4_800, 4); // 100 per person per month: meets dibao conditions
const base = exampleHousehold({ last12Months: lowIncome });
const onDibao = (f: HouseholdFacts): HouseholdFacts => ({
  ...f,
  members: f.members.map((m) => exampleMember({ ...m, dibao: true })),
});

describe('linkage diagnostics', () => {
  it.each<[string, HouseholdFacts, string[]]>([
    ['registered poor meeting dibao conditions, not covered', base, ['poor_eligible_not_covered']],
    [
      'exited household (still in the registry) not covered',
      { ...base, status: 'exited' },
      ['poor_eligible_not_covered'],
    ],
    [
      'an ordinary household is not a registry gap',
      { ...base, status: 'none', registeredPoorYear: null },
      [],
    ],
    ['covered by dibao, with an industry measure', onDibao(base), []],
    [
      'covered, labour, only social security',
      { ...onDibao(base), measures: ['social_security'] },
      ['dibao_labour_no_development'],
    ],
    [
      'covered, labour, a public-welfare job',
      { ...onDibao(base), measures: ['social_security', 'welfare_job'] },
      [],
    ],
    [
      'covered, no labour, only social security',
      {
        ...onDibao(base),
        measures: ['social_security'],
        members: onDibao(base).members.map((m) => ({ ...m, labourCapacity: 'none' as const })),
      },
      [],
    ],
    ['income above the standard: no coverage gap', { ...base, last12Months: exampleLast12(48_000, 4) }, []],
  ])('%s', (_label, f, gaps) => {
    expect(linkage(f, p).decision.gaps).toEqual(gaps);
  });

  it.each([
    // 333 × 12 = 3,996 < 4,000
    [333, 4_000, ['standard_below_line']],
    // 334 × 12 = 4,008 ≥ 4,000
    [334, 4_000, []],
    // equal is not below
    [334, 4_008, []],
  ])('standard %d a month against the line %d', (monthly, line, gaps) => {
    const q = { ...p, ruralDibaoStandardMonthly: monthly, povertyLine: line };
    const f = { ...base, status: 'none' as const };
    expect(linkage(f, q).decision.gaps).toEqual(gaps);
  });

  it('flags the 2014 national average (231 × 12 = 2,772 < 2,800), not 2016 (312 × 12 = 3,744 ≥ 2,952)', () => {
    const f = { ...base, status: 'none' as const };
    expect(linkage(f, defaultParams(2014)).decision.gaps).toEqual(['standard_below_line']);
    expect(linkage(f, defaultParams(2016)).decision.gaps).toEqual([]);
  });
});

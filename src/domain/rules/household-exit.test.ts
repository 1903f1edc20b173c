import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleMember, exampleYearIncome } from './example-household.js';
import type { HouseholdFacts } from './facts.js';
import { householdExit } from './household-exit.js';
import { defaultParams } from './params.js';

const p = defaultParams(2020); // line 4,000 (2020), previous line 3,218 (2019)
const base = exampleHousehold(); // 2020: 5,000 per person; 2019: 4,500

const withIncome = (net: number, last: number | null): HouseholdFacts => ({
  ...base,
  income: exampleYearIncome(2020, net, 4),
  previousPerCapita: last === null ? [] : [{ year: 2019, perCapita: last }],
});
const failed = (f: HouseholdFacts) =>
  householdExit(f, p)
    .reasons.filter((r) => !r.passed)
    .map((r) => r.criterion);

describe('household exit: income stably above the line', () => {
  it.each([
    // [net 2020 (÷4), per-capita 2019, decision, failing criteria]
    ['5,000 after 4,500; trend 5,500', 20_000, 4_500, 'may_exit', []],
    ['exactly 4,000 counts as above; trend 4,000 + 400 = 4,400', 16_000, 3_600, 'may_exit', []],
    [
      '3,999.75 is below the line (trend 4,399.5 alone does not help)',
      15_999,
      3_600,
      'not_yet',
      ['income_this_year'],
    ],
    ['no record of last year', 20_000, null, 'not_yet', ['income_last_year', 'income_trend']],
    ["last year 3,217 below 2019's line 3,218", 16_000, 3_217, 'not_yet', ['income_last_year']],
    ["last year exactly 2019's line 3,218", 16_000, 3_218, 'may_exit', []],
    ['falling: 4,200 after 4,600 projects 3,800', 16_800, 4_600, 'not_yet', ['income_trend']],
    ['falling: 4,200 after 4,400 projects exactly 4,000', 16_800, 4_400, 'may_exit', []],
  ])('%s', (_label, net, last, decision, failing) => {
    const f = withIncome(net, last);
    expect(householdExit(f, p).decision).toBe(decision);
    expect(failed(f)).toEqual(failing);
  });
});

describe('household exit: 两不愁三保障 and water', () => {
  const child = (over: Parameters<typeof exampleMember>[0]) => ({
    ...base,
    members: [...base.members.slice(0, 2), exampleMember({ id: 'c', labourCapacity: 'none', ...over })],
  });
  it.each<[string, HouseholdFacts, string[]]>([
    ['all secured', base, []],
    [
      'a 12-year-old out of school',
      child({ age: 12, studentStatus: 'out_of_school' }),
      ['compulsory_education'],
    ],
    [
      'a 10-year-old with no student status',
      child({ age: 10, studentStatus: null }),
      ['compulsory_education'],
    ],
    ['a 12-year-old legally exempt', child({ age: 12, studentStatus: 'exempt' }), []],
    ['a 6-year-old in pre-school', child({ age: 6, studentStatus: 'preschool' }), []],
    [
      'a 15-year-old not a student',
      child({ age: 15, studentStatus: 'not_student' }),
      ['compulsory_education'],
    ],
    ['a 16-year-old not a student (outside 6–15)', child({ age: 16, studentStatus: 'not_student' }), []],
    ['a 5-year-old at home (outside 6–15)', child({ age: 5, studentStatus: 'not_student' }), []],
    [
      'a moved-out child does not count',
      child({ age: 12, studentStatus: 'out_of_school', status: 'moved_out' }),
      [],
    ],
    [
      'a member without critical-illness insurance',
      child({ insurance: { basicMedical: true, criticalIllness: false, medicalAssistance: true } }),
      ['basic_medical'],
    ],
    [
      'grade C house',
      { ...base, housing: { grade: 'C', relocated: false, rebuilt: false } },
      ['safe_housing'],
    ],
    ['grade D house rebuilt', { ...base, housing: { grade: 'D', relocated: false, rebuilt: true } }, []],
    ['relocated', { ...base, housing: { grade: null, relocated: true, rebuilt: false } }, []],
    ['grade A house', { ...base, housing: { grade: 'A', relocated: false, rebuilt: false } }, []],
    ['unsafe water', { ...base, safeWater: false }, ['safe_water']],
    ['food and clothing not secure', { ...base, foodClothingSecure: false }, ['food_clothing']],
    ['not registered poor', { ...base, status: 'exited' }, ['status_poor']],
  ])('%s', (_label, f, failing) => {
    expect(failed(f)).toEqual(failing);
    expect(householdExit(f, p).decision).toBe(failing.length === 0 ? 'may_exit' : 'not_yet');
  });

  it('returns every criterion with a Chinese label', () => {
    const r = householdExit(base, p);
    expect(r.reasons.map((x) => x.criterion)).toEqual([
      'status_poor',
      'income_this_year',
      'income_last_year',
      'income_trend',
      'food_clothing',
      'compulsory_education',
      'basic_medical',
      'safe_housing',
      'safe_water',
    ]);
    expect(r.reasons[1]!.label_zh).toBe('今年人均纯收入 5,000 元，达到贫困线 4,000 元');
    expect(r.reasons[7]!.label_zh).toBe('住房安全有保障（住房鉴定为 B 级）');
  });
});

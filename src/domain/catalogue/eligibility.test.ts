import { describe, expect, it } from 'vitest';
import {
  EligibilitySchema,
  evaluateEligibility,
  parseEligibility,
  type Eligibility,
  type EligibilityFacts,
  type EligibilityMember,
} from './eligibility.js';

const member = (over: Partial<EligibilityMember> = {}): EligibilityMember => ({
  age: 40,
  labourCapacity: 'ordinary',
  health: 'healthy',
  disabilityGrade: null,
  studentStatus: null,
  present: true,
  ...over,
});
const household = (over: Partial<EligibilityFacts> = {}): EligibilityFacts => ({
  status: 'poor',
  mainCause: 'skills',
  otherCauses: [],
  houseGrade: 'B',
  waterSafe: true,
  dibaoOnRoll: false,
  tekunOnRoll: false,
  members: [member()],
  ...over,
});

const able: Eligibility = { test: 'able_member' };
const dibaoRule: Eligibility = { any: [{ test: 'dibao_on_roll' }, { not: able }] };
const tekunRule: Eligibility = {
  any: [{ test: 'tekun_on_roll' }, { all: [{ not: able }, { test: 'elderly_member' }] }],
};

describe('eligibility evaluator (table)', () => {
  it.each<[string, Eligibility | null, Partial<EligibilityFacts>, string]>([
    ['no rule: everyone the catalogue serves', null, {}, 'eligible'],
    ['able member of working age', able, {}, 'eligible'],
    ['able capacity but 65 (above working age)', able, { members: [member({ age: 65 })] }, 'not_eligible'],
    ['16 years old and able: working age starts at 16', able, { members: [member({ age: 16 })] }, 'eligible'],
    ['15 years old', able, { members: [member({ age: 15 })] }, 'not_eligible'],
    ['working age but no capacity', able, { members: [member({ labourCapacity: 'none' })] }, 'not_eligible'],
    [
      'able member who has left the household',
      able,
      { members: [member({ present: false })] },
      'not_eligible',
    ],
    [
      'a child in junior school',
      { test: 'school_child' },
      { members: [member({ age: 13, studentStatus: 'junior' })] },
      'eligible',
    ],
    [
      'a child out of school',
      { test: 'school_child' },
      { members: [member({ age: 13, studentStatus: 'dropped_out' })] },
      'not_eligible',
    ],
    ['house grade D', { test: 'house_unsafe' }, { houseGrade: 'D' }, 'eligible'],
    ['house grade C', { test: 'house_unsafe' }, { houseGrade: 'C' }, 'eligible'],
    ['house grade B', { test: 'house_unsafe' }, { houseGrade: 'B' }, 'not_eligible'],
    ['house grade not recorded', { test: 'house_unsafe' }, { houseGrade: null }, 'verify'],
    ['water not recorded', { test: 'water_unsafe' }, { waterSafe: null }, 'verify'],
    ['unsafe water', { test: 'water_unsafe' }, { waterSafe: false }, 'eligible'],
    [
      'disability grade recorded',
      { test: 'disabled_member' },
      { members: [member({ disabilityGrade: 2 })] },
      'eligible',
    ],
    ['chronic illness', { test: 'ill_member' }, { members: [member({ health: 'chronic' })] }, 'eligible'],
    ['dibao: on the roll although able', dibaoRule, { dibaoOnRoll: true }, 'eligible'],
    ['dibao: no one able to work', dibaoRule, { members: [member({ labourCapacity: 'none' })] }, 'eligible'],
    ['dibao: able and not on the roll', dibaoRule, {}, 'not_eligible'],
    [
      'tekun: 70, no capacity',
      tekunRule,
      { members: [member({ age: 70, labourCapacity: 'none' })] },
      'eligible',
    ],
    [
      'tekun: 50, no capacity, not elderly',
      tekunRule,
      { members: [member({ age: 50, labourCapacity: 'none' })] },
      'not_eligible',
    ],
    [
      'cause among the listed',
      { test: 'cause', in: ['land', 'water'] },
      { otherCauses: ['water'] },
      'eligible',
    ],
    ['cause not among the listed', { test: 'cause', in: ['land', 'water'] }, {}, 'not_eligible'],
    ['status monitored', { test: 'status', in: ['poor', 'monitored'] }, { status: 'monitored' }, 'eligible'],
    [
      'all: an unknown and a true test',
      { all: [able, { test: 'house_unsafe' }] },
      { houseGrade: null },
      'verify',
    ],
    [
      'all: an unknown and a false test decide no',
      { all: [{ test: 'dibao_on_roll' }, { test: 'house_unsafe' }] },
      { houseGrade: null },
      'not_eligible',
    ],
    [
      'any: an unknown and a true test decide yes',
      { any: [able, { test: 'house_unsafe' }] },
      { houseGrade: null },
      'eligible',
    ],
  ])('%s', (_name, rule, over, decision) => {
    expect(evaluateEligibility(rule, household(over)).decision).toBe(decision);
  });

  it('gives one reason per test, with the value found and the data classes it reads', () => {
    const h = household({ members: [member({ labourCapacity: 'none', disabilityGrade: 1 })] });
    const r = evaluateEligibility({ all: [{ not: able }, { test: 'disabled_member' }] }, h);
    expect(r.decision).toBe('eligible');
    expect(r.reasons.map((x) => [x.criterion, x.passed, x.value])).toEqual([
      ['eligibility.able_member.not', true, 0],
      ['eligibility.disabled_member', true, 1],
    ]);
    expect(r.reasons[0]!.label_zh).toContain('劳动年龄内有劳动能力的成员：0人');
    expect(r.reasons[1]!.rests).toEqual(['disability']);
  });

  it('names the fact to record when a test cannot be made', () => {
    const r = evaluateEligibility({ test: 'house_unsafe' }, household({ houseGrade: null }));
    expect(r.reasons[0]).toMatchObject({ passed: false, missing: ['housing_safety'] });
  });

  it('validates stored rules and treats an invalid one as absent', () => {
    expect(EligibilitySchema.safeParse({ test: 'cause', in: ['land'] }).success).toBe(true);
    expect(EligibilitySchema.safeParse({ test: 'cause' }).success).toBe(false);
    expect(EligibilitySchema.safeParse({ test: 'flying' }).success).toBe(false);
    expect(EligibilitySchema.safeParse({ any: [] }).success).toBe(false);
    expect(parseEligibility({ test: 'flying' })).toBeNull();
    expect(parseEligibility({ not: { test: 'able_member' } })).toEqual({ not: { test: 'able_member' } });
  });
});

import { describe, expect, it } from 'vitest';
import { defaultParams } from '../rules/params.js';
import { ageOn, deriveFlag, type HitFacts, type MatchParams } from './flags.js';
import { redLineEffects, type ListKind } from './kinds.js';

const p: MatchParams = {
  redLineEffects: redLineEffects(defaultParams(2025).redLines),
  medicalBillThreshold: 10_000,
  compulsoryEducationAges: { from: 6, to: 15 },
};

const hit = (listKind: ListKind, o: Partial<Omit<HitFacts, 'listKind'>> = {}): HitFacts => ({
  listKind,
  record: { attributes: {} },
  member: { birthDate: '1980-01-01', memberStatus: 'present', isDibao: false, isTekun: false },
  household: { householdType: 'general_poor', houseGrade: 'B' },
  on: new Date('2025-06-30T00:00:00Z'),
  ...o,
});

const flagOf = (f: HitFacts, params = p) => deriveFlag(f, params).flag;

describe('deriveFlag', () => {
  it.each([
    ['vehicle', 'block'],
    ['real_estate', 'block'],
    ['business', 'block'],
    ['public_payroll', 'block'],
    ['village_cadre', 'exception'],
  ] as const)('a %s hit is a red line with the national default effect %s', (kind, effect) => {
    expect(flagOf(hit(kind))).toEqual({ kind: 'red_line', effect });
  });

  it('takes red-line effects from the policy parameters of the region', () => {
    const county = redLineEffects(
      defaultParams(2025).redLines.map((l) => (l.key === 'car' ? { ...l, effect: 'exception' as const } : l)),
    );
    expect(flagOf(hit('vehicle'), { ...p, redLineEffects: county })).toEqual({
      kind: 'red_line',
      effect: 'exception',
    });
  });

  it.each([
    ['present', { kind: 'deceased_counted', effect: 'warning' }],
    ['deceased', null],
  ] as const)('a death of a member recorded as %s', (memberStatus, flag) => {
    expect(flagOf(hit('death', { member: { ...hit('death').member, memberStatus } }))).toEqual(flag);
  });

  it.each([
    ['general_poor', false, true],
    ['dibao', false, true],
    ['general_poor', true, true],
    ['dibao', true, false],
    ['dibao_poor', true, false],
  ])('a dibao roll entry: household %s, member dibao %s → flag %s', (householdType, isDibao, flagged) => {
    const f = hit('dibao_roll', {
      member: { ...hit('x' as ListKind).member, isDibao },
      household: { householdType, houseGrade: null },
    });
    expect(flagOf(f) !== null).toBe(flagged);
  });

  it.each([
    ['tekun', true, false],
    ['tekun', false, true],
    ['dibao', true, true],
  ])(
    'a special-hardship roll entry: household %s, member tekun %s → flag %s',
    (householdType, isTekun, flagged) => {
      const f = hit('tekun_roll', {
        member: { ...hit('x' as ListKind).member, isTekun },
        household: { householdType, houseGrade: null },
      });
      expect(flagOf(f) !== null).toBe(flagged);
    },
  );

  it.each([
    [{ medical_amount: '35,000' }, true],
    [{ medical_amount: '10000' }, true],
    [{ medical_amount: '9999.5' }, false],
    [{}, true],
    [{ medical_amount: 'n/a' }, true],
  ])('a medical bill %j → help flag %s', (attributes, flagged) => {
    expect(flagOf(hit('medical_bill', { record: { attributes } }))).toEqual(
      flagged ? { kind: 'large_medical_bill', effect: 'help' } : null,
    );
  });

  it.each([
    ['2019-06-30', true], // 6 on the day
    ['2019-07-01', false], // 5
    ['2009-07-01', true], // 15
    ['2009-06-30', false], // 16 on the day
  ])('a school dropout born %s is of compulsory-school age: %s', (birthDate, flagged) => {
    const f = hit('school_dropout', { member: { ...hit('death').member, birthDate } });
    expect(flagOf(f) !== null).toBe(flagged);
  });

  it('a dangerous house always asks for help, with the registry grade as the value', () => {
    const d = deriveFlag(hit('dangerous_house'), p);
    expect(d.flag).toEqual({ kind: 'dangerous_house', effect: 'help' });
    expect(d.reasons[0]).toMatchObject({ criterion: 'listed_dangerous_house', value: 'B', passed: true });
  });

  it('computes ages on a date', () => {
    expect(ageOn('2000-02-29', new Date('2025-02-28T00:00:00Z'))).toBe(24);
    expect(ageOn('2000-02-29', new Date('2025-03-01T00:00:00Z'))).toBe(25);
  });
});

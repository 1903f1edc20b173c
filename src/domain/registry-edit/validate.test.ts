import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { changedFields } from './changes.js';
import { HOUSEHOLD_FIELDS, INCOME_FIELDS, MEMBER_FIELDS } from './fields.js';
import {
  checkIncome,
  checkMembers,
  handOverHead,
  parseFields,
  resolveIdentity,
  type MemberLine,
} from './validate.js';

const ID_M = makeIdNumber('433124', '1970-03-01', '1', 11); // male, born 1970-03-01
const ID_F = makeIdNumber('433124', '2001-07-20', '2', 12);

describe('parseFields (the import validators on API fields)', () => {
  const cases: [
    string,
    Record<string, unknown>,
    Record<string, unknown> | { field: string; code: string },
  ][] = [
    ['code by value', { mainCause: 'illness' }, { main_cause: 'illness' }],
    ['code by Chinese label', { mainCause: '因残' }, { main_cause: 'disability' }],
    ['unknown code', { mainCause: '因穷' }, { field: 'mainCause', code: 'E_CODE' }],
    ['null clears a nullable field', { address: null }, { address: null }],
    ['empty text clears too', { address: '' }, { address: null }],
    ['null on a required field', { householdType: null }, { field: 'householdType', code: 'E_REQUIRED' }],
    ['range', { groupNo: 100 }, { field: 'groupNo', code: 'E_RANGE' }],
    ['whole number', { groupNo: 2.5 }, { field: 'groupNo', code: 'E_NUMBER' }],
    ['pattern', { phone: '12-ab' }, { field: 'phone', code: 'E_FORMAT' }],
    ['boolean', { safeWater: false }, { safe_water: false }],
    ['two other causes', { otherCauses: ['illness', 'skills'] }, { other_causes: ['illness', 'skills'] }],
    [
      'three other causes',
      { otherCauses: ['illness', 'skills', 'land'] },
      { field: 'otherCauses', code: 'E_RANGE' },
    ],
    ['no other causes', { otherCauses: [] }, { other_causes: [] }],
    ['own kind: house year', { houseYear: 1850 }, { field: 'houseYear', code: 'E_RANGE' }],
    ['own kind: fuel', { fuel: 'gas' }, { fuel: 'gas' }],
  ];
  it.each(cases)('%s', (_, input, expected) => {
    const { values, errors } = parseFields(HOUSEHOLD_FIELDS, input);
    if ('code' in expected && 'field' in expected && typeof expected.code === 'string')
      expect(errors).toEqual([expect.objectContaining(expected)]);
    else {
      expect(errors).toEqual([]);
      expect(values).toEqual(expected);
    }
  });

  it('rounds money to fen and refuses negative amounts', () => {
    expect(parseFields(INCOME_FIELDS, { wageIncome: 100.456 }).values).toEqual({ wage_income: 100.46 });
    expect(parseFields(INCOME_FIELDS, { wageIncome: -1 }).errors[0]).toMatchObject({ code: 'E_RANGE' });
  });

  it('checks member fields with the import columns', () => {
    expect(parseFields(MEMBER_FIELDS, { migrantMonths: 13 }).errors[0]).toMatchObject({
      field: 'migrantMonths',
      code: 'E_RANGE',
    });
    expect(parseFields(MEMBER_FIELDS, { relation: '之子' }).values).toEqual({ relation: 'son' });
  });
});

describe('resolveIdentity', () => {
  const before = { id_number: ID_M, sex: '1', birth_date: '1970-03-01' };
  const cases: [
    string,
    Parameters<typeof resolveIdentity>[0],
    Parameters<typeof resolveIdentity>[1],
    unknown,
  ][] = [
    [
      'a new number gives its sex and birth date',
      before,
      { id_number: ID_F },
      { sex: '2', birth_date: '2001-07-20' },
    ],
    [
      'lower-case x is upper-cased',
      null,
      { id_number: ID_M.toLowerCase() },
      { id_number: ID_M.toUpperCase() },
    ],
    ['sex that disagrees', before, { sex: '2' }, [{ field: 'sex', code: 'E_ID_SEX_MISMATCH' }]],
    [
      'birth date that disagrees',
      before,
      { birth_date: '1970-03-02' },
      [{ field: 'birthDate', code: 'E_ID_BIRTH_MISMATCH' }],
    ],
    [
      'bad check digit',
      before,
      { id_number: ID_M.slice(0, 17) + (ID_M[17] === '1' ? '2' : '1') },
      [{ field: 'idNumber', code: 'E_ID_CHECK_DIGIT' }],
    ],
    ['bad format', null, { id_number: '12345' }, [{ field: 'idNumber', code: 'E_ID_FORMAT' }]],
  ];
  it.each(cases)('%s', (_, b, patch, expected) => {
    const r = resolveIdentity(b, patch, '2025-06-30');
    if (Array.isArray(expected)) expect(r.errors).toEqual(expected.map((e) => expect.objectContaining(e)));
    else {
      expect(r.errors).toEqual([]);
      expect(r.value).toMatchObject(expected as object);
    }
  });

  it('refuses an age over 120 in the year', () => {
    const old = makeIdNumber('433124', '1890-01-01', '1', 3);
    expect(resolveIdentity(null, { id_number: old }, '2025-06-30').errors[0]).toMatchObject({
      code: 'E_AGE_RANGE',
    });
  });
});

describe('members of a household', () => {
  const m = (id: string, relation: string, status = 'present', idNumber = `ID${id}`): MemberLine => ({
    id,
    name: `m${id}`,
    id_number: idNumber,
    relation,
    member_status: status,
  });

  it.each([
    ['one head', [m('1', 'head'), m('2', 'spouse')], []],
    ['no head', [m('1', 'spouse')], ['E_HEAD_COUNT']],
    ['two heads', [m('1', 'head'), m('2', 'head')], ['E_HEAD_COUNT']],
    ['a deceased head does not count', [m('1', 'head', 'deceased'), m('2', 'head')], []],
    [
      'an ID number twice',
      [m('1', 'head', 'present', 'X'), m('2', 'son', 'present', 'X')],
      ['E_DUPLICATE_ID_IN_HOUSEHOLD'],
    ],
  ])('%s', (_, members, codes) => {
    expect(checkMembers(members).map((e) => e.code)).toEqual(codes);
  });

  it('hands the head over only with a relation for the former head', () => {
    const members = [m('1', 'head'), m('2', 'spouse')];
    expect(handOverHead(members, '2', undefined).errors[0]).toMatchObject({ field: 'formerHeadRelation' });
    expect(handOverHead(members, '2', 'head').errors[0]).toMatchObject({ code: 'E_CODE' });
    const ok = handOverHead(members, '2', 'spouse');
    expect(ok.errors).toEqual([]);
    expect(ok.demotedId).toBe('1');
    expect(ok.members.map((x) => x.relation)).toEqual(['spouse', 'head']);
    expect(checkMembers(ok.members)).toEqual([]);
  });
});

describe('income and audit changes', () => {
  it('computes net and per-capita income as DOMAIN.md §3 defines them', () => {
    // 12000 + 3000 − 1000 + 0 + 1500 = 15500, over 2 persons
    const income = {
      wage_income: 12000,
      business_income: 3000,
      production_cost: 1000,
      property_income: 0,
      transfer_income: 1500,
    };
    expect(checkIncome(income, 2, 200_000)).toEqual({ net: 15500, perCapita: 7750, errors: [] });
    expect(checkIncome(income, 1, 10_000).errors[0]).toMatchObject({ code: 'E_INCOME_CEILING' });
  });

  it('keeps only changed fields, compares numerics by value, and masks sensitive ones', () => {
    const current = {
      phone: '13812345678',
      land_cultivated_mu: '2.50',
      address: 'a',
      other_causes: ['illness'],
    };
    const next = { phone: '13900001111', land_cultivated_mu: 2.5, address: 'b', other_causes: ['illness'] };
    expect(changedFields(HOUSEHOLD_FIELDS, current, next)).toEqual({
      before: { address: 'a', phone: '138****5678' },
      after: { address: 'b', phone: '139****1111' },
      columns: ['address', 'phone'],
    });
    expect(changedFields(MEMBER_FIELDS, { health: 'healthy' }, { health: 'serious' })).toMatchObject({
      before: { health: '***' },
      after: { health: '***' },
    });
  });
});

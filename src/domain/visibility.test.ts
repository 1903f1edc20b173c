import { describe, expect, it } from 'vitest';
import { makeIdNumber } from './id-number.js';
import { ROLES } from './roles.js';
import {
  DATA_CLASSES,
  VISIBILITY,
  ageOn,
  maskValue,
  present,
  redactFields,
  treatment,
} from './visibility.js';

describe('visibility table', () => {
  it('classifies every data class for every role and view', () => {
    for (const role of ROLES)
      for (const view of ['default', 'unmasked'] as const)
        for (const cls of DATA_CLASSES) expect(VISIBILITY[role][view][cls]).toMatch(/^(show|mask|age|hide)$/);
  });

  it("keeps health and disability from every default view but civil affairs' (their decisions rest on them)", () => {
    const civil = ['civil_affairs_county', 'civil_affairs_township'];
    for (const role of ROLES) {
      const expected = civil.includes(role) ? 'show' : 'hide';
      expect(treatment(role, 'health')).toBe(expected);
      expect(treatment(role, 'disability')).toBe(expected);
    }
  });

  it('shows civil affairs no bank account and nothing more when unmasked (they may not unmask)', () => {
    for (const role of ['civil_affairs_county', 'civil_affairs_township'] as const) {
      expect(treatment(role, 'bankAccount')).toBe('hide');
      expect(treatment(role, 'idNumber')).toBe('mask');
      expect(VISIBILITY[role].unmasked).toEqual(VISIBILITY[role].default);
    }
  });

  it('masks an ID number to its region, with no character of sequence or check', () => {
    const id = makeIdNumber('433124', '1961-03-09', '1', 17);
    expect(maskValue('idNumber', id)).toBe('433124************');
    // a birth date shown beside the mask leaves the sequence open: 500 candidates for one sex
    expect(maskValue('idNumber', id)).not.toContain(id.slice(14));
  });

  it('turns a birth date into an age on the given day', () => {
    expect(ageOn('1961-03-09', '2026-03-08')).toBe(64);
    expect(ageOn('1961-03-09', '2026-03-09')).toBe(65);
    expect(present('organisation', 'birthDate', '1961-03-09', { today: '2026-12-07' })).toBe(65);
    expect(present('organisation', 'phone', '13800001234')).toBeNull();
    expect(present('organisation', 'name', '王小明')).toBe('王**');
    expect(present('village_cadre', 'phone', '13800001234', { view: 'unmasked' })).toBe('138****1234');
    expect(present('township_officer', 'phone', '13800001234', { view: 'unmasked' })).toBe('13800001234');
  });

  it('redacts free-form records (audit diffs, error details) by field name, nested included', () => {
    const id = makeIdNumber('433124', '1961-03-09', '1', 17);
    const rec = {
      household: { phone: '13800001234', bankAccount: '6228480012345678', address: '十八洞村3组', size: 3 },
      members: [
        { name: '王小明', idNumber: id, birthDate: '1961-03-09', health: 'chronic', disabilityGrade: 2 },
      ],
    };
    expect(redactFields('village_cadre', 'default', rec)).toEqual({
      household: { phone: '138****1234', bankAccount: '************5678', address: '十八洞村3组', size: 3 },
      members: [
        {
          name: '王小明',
          idNumber: '433124************',
          birthDate: '1961-03-09',
          health: null,
          disabilityGrade: null,
        },
      ],
    });
    expect(redactFields('organisation', 'default', rec, { today: '2026-12-07' })).toEqual({
      household: { phone: null, bankAccount: null, address: null, size: 3 },
      members: [{ name: '王小明', idNumber: null, birthDate: 65, health: null, disabilityGrade: null }],
    });
    expect(redactFields('county_officer', 'unmasked', rec)).toEqual(rec);
    // an old mask (region + last 4) stored in a diff loses its last 4 on the way out
    expect(redactFields('township_officer', 'default', { idNumber: '433124********1234' })).toEqual({
      idNumber: '433124************',
    });
  });
});

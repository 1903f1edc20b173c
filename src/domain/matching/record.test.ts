import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { parseListRow, resolveListHeaders } from './record.js';

const valid = makeIdNumber('433124', '1970-03-01', '1', 11);
const today = '2025-06-30';

describe('department list headers', () => {
  it('takes Chinese or English key columns, canonical attributes and any other column', () => {
    const { layout, errors } = resolveListHeaders(['身份证号', 'name', '出生日期', '号牌号码', '备注']);
    expect(errors).toEqual([]);
    expect(layout).toMatchObject({ idIndex: 0, nameIndex: 1, birthIndex: 2 });
    expect(layout.attributes).toEqual([
      { index: 3, key: 'plate_number' },
      { index: 4, key: '备注' },
    ]);
  });

  it('requires the ID number and the name, once each', () => {
    expect(resolveListHeaders(['姓名', '姓名']).errors.map((e) => [e.code, e.column])).toEqual([
      ['E_DUPLICATE_COLUMN', '姓名'],
      ['E_MISSING_COLUMN', '公民身份号码'],
    ]);
  });
});

describe('department list rows', () => {
  const { layout } = resolveListHeaders(['公民身份号码', '姓名', '出生日期', '车牌号']);

  it('keeps a valid row with the birth date from the ID number', () => {
    const r = parseListRow([` ${valid.toLowerCase()} `, '龙大', '', '湘U1'], layout, 2, today);
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({
      row: 2,
      idNumber: valid,
      idValid: true,
      name: '龙大',
      birthDate: '1970-03-01',
      attributes: { plate_number: '湘U1' },
    });
  });

  it('keeps a row with a mistyped ID number (for name + birth matching) and reports it', () => {
    const bad = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const r = parseListRow([bad, '龙大', '', ''], layout, 3, today);
    expect(r.errors).toEqual([
      expect.objectContaining({ row: 3, column: '公民身份号码', code: 'E_ID_CHECK_DIGIT' }),
    ]);
    expect(r.record).toMatchObject({ idValid: false, birthDate: '1970-03-01' });
  });

  it('prefers the birth-date column and reports a bad one', () => {
    expect(parseListRow(['123', '某', '1971/2/3', ''], layout, 4, today).record).toMatchObject({
      idValid: false,
      birthDate: '1971-02-03',
    });
    const r = parseListRow([valid, '某', '1971-02-30', ''], layout, 5, today);
    expect(r.errors.map((e) => e.code)).toEqual(['E_DATE']);
    expect(r.record?.birthDate).toBe('1970-03-01');
  });

  it('drops a row with neither ID number nor name', () => {
    const r = parseListRow(['', '', '', '湘U1'], layout, 6, today);
    expect(r.record).toBeNull();
    expect(r.errors.map((e) => e.code)).toEqual(['E_REQUIRED']);
  });
});

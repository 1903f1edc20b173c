import { describe, expect, it } from 'vitest';
import { checkCharacter, makeIdNumber, parseIdNumber, validateIdNumber } from './id-number.js';

const TODAY = '2026-12-07';

describe('GB 11643 ID numbers', () => {
  // The two worked examples printed in GB 11643-1999.
  it.each([
    ['11010519491231002X', '1949-12-31', '2'],
    ['440524188001010014', '1880-01-01', '1'],
  ])('accepts the standard example %s', (id, birth, sex) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ addressCode: id.slice(0, 6), birthDate: birth, sex });
    expect(validateIdNumber(id, TODAY, { birthDate: birth, sex: sex as '1' | '2' })).toBeNull();
  });

  it('accepts a lower-case x', () => {
    expect(validateIdNumber('11010519491231002x', TODAY)).toBeNull();
  });

  const withCheck = (first17: string) => first17 + checkCharacter(first17);
  it.each([
    ['110105194912310021', 'E_ID_CHECK_DIGIT'],
    ['11010519491231002', 'E_ID_FORMAT'],
    ['1101051949123100XX', 'E_ID_FORMAT'],
    ['', 'E_ID_FORMAT'],
    [withCheck('11010519491331002'), 'E_ID_BIRTH_DATE'], // month 13
    [withCheck('11010519490230002'), 'E_ID_BIRTH_DATE'], // 30 February
  ])('rejects %s with %s', (id, code) => {
    expect(validateIdNumber(id, TODAY)?.code).toBe(code);
  });

  it('rejects a birth date in the future', () => {
    const id = makeIdNumber('433124', '2099-01-01', '1', 11);
    expect(validateIdNumber(id, TODAY)?.code).toBe('E_ID_BIRTH_DATE');
  });

  it("bounds the birth date by today's date in China, not by the instant", () => {
    const born = makeIdNumber('433124', '2026-12-07', '1', 11);
    expect(validateIdNumber(born, '2026-12-07')).toBeNull();
    expect(validateIdNumber(born, '2026-12-06')?.code).toBe('E_ID_BIRTH_DATE');
  });

  it('checks recorded birth date and sex against the number', () => {
    expect(validateIdNumber('11010519491231002X', TODAY, { birthDate: '1949-12-30' })?.code).toBe(
      'E_ID_BIRTH_MISMATCH',
    );
    expect(validateIdNumber('11010519491231002X', TODAY, { sex: '1' })?.code).toBe('E_ID_SEX_MISMATCH');
  });

  it('makes valid numbers whose sequence parity follows the sex', () => {
    for (let i = 0; i < 200; i++) {
      const sex = i % 2 ? '1' : '2';
      const id = makeIdNumber('433124', '1985-06-15', sex, i * 7);
      expect(validateIdNumber(id, TODAY, { birthDate: '1985-06-15', sex })).toBeNull();
    }
  });
});

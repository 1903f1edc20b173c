import { describe, expect, it } from 'vitest';
import { validateIdNumber } from '../../domain/id-number.js';
import { IdAllocator } from './id-allocator.js';
import { Rng } from '../../domain/random.js';

describe('IdAllocator', () => {
  it('issues valid, unique numbers with the parity of the sex', () => {
    const ids = new IdAllocator('433124');
    const rng = new Rng('ids');
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const sex = i % 2 === 0 ? '1' : '2';
      const { idNumber, birthDate } = ids.allocate(rng, '1980-02-29', sex);
      expect(validateIdNumber(idNumber, '2026-12-07', { birthDate, sex })).toBeNull();
      expect(idNumber.startsWith('433124')).toBe(true);
      seen.add(idNumber);
    }
    expect(seen.size).toBe(600);
  });

  it('moves the birth date by a day when all 500 codes of one sex are taken', () => {
    const ids = new IdAllocator('433124');
    const rng = new Rng('full');
    const dates = new Set<string>();
    for (let i = 0; i < 501; i++) dates.add(ids.allocate(rng, '1990-06-15', '2').birthDate);
    expect([...dates].sort()).toEqual(['1990-06-15', '1990-06-16']);
  });

  it('refuses a malformed county code', () => {
    expect(() => new IdAllocator('4331')).toThrow();
  });
});

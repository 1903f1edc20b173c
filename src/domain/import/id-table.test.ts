import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { IdRowTable } from './id-table.js';

describe('IdRowTable', () => {
  it('stores and finds rows of well-formed and other ID numbers, growing past its capacity', () => {
    const t = new IdRowTable(16);
    const ids: string[] = [];
    for (let k = 0; k < 50_000; k++) {
      const birth = new Date(Date.UTC(1950, 0, 1) + (k % 20000) * 86400000).toISOString().slice(0, 10);
      ids.push(makeIdNumber('433124', birth, k % 2 ? '1' : '2', Math.floor(k / 20000) * 2 + 1));
    }
    ids.forEach((id, i) => t.set(id, i + 2));
    t.set('12345', 7);
    expect(t.size).toBe(50_001);
    ids.forEach((id, i) => expect(t.get(id)).toBe(i + 2));
    expect(t.get('12345')).toBe(7);
    expect(t.has('123456')).toBe(false);
    // the same 17 digits with another check character is another key
    const other = ids[0]!.slice(0, 17) + (ids[0]![17] === 'X' ? '0' : 'X');
    expect(t.get(other)).toBeUndefined();
    expect(t.get('433124195001010000')).toBeUndefined();
    t.set(ids[3]!, 99);
    expect(t.get(ids[3]!)).toBe(99);
    expect(t.size).toBe(50_001);
  });

  it('refuses a row it cannot store', () => {
    expect(() => new IdRowTable().set(makeIdNumber('433124', '1980-01-01', '1', 1), 0)).toThrow(RangeError);
  });
});

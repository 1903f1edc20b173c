import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../id-number.js';
import { IdRowTable, IdSet, StringSet } from './id-table.js';

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

describe('IdSet', () => {
  it('finds ids added in order and out of order', () => {
    const s = new IdSet();
    for (let i = 1; i <= 5000; i++) s.add(i * 3);
    s.add(7);
    s.add(2);
    expect(s.size).toBe(5002);
    expect(s.has(3)).toBe(true);
    expect(s.has(15000)).toBe(true);
    expect(s.has(7)).toBe(true);
    expect(s.has(2)).toBe(true);
    expect(s.has(4)).toBe(false);
    expect(s.has(15003)).toBe(false);
    s.add(15001);
    expect(s.has(15001)).toBe(true);
  });
});

describe('StringSet', () => {
  it('holds many strings exactly, growing, including non-ASCII and the empty string', () => {
    const s = new StringSet();
    for (let i = 0; i < 40_000; i++) s.add(`B${String(i).padStart(9, '0')}`);
    s.add('户-龙1');
    s.add('');
    s.add('B000000001'); // again
    expect(s.size).toBe(40_002);
    expect(s.has('B000000001')).toBe(true);
    expect(s.has('B000039999')).toBe(true);
    expect(s.has('B000040000')).toBe(false);
    expect(s.has('B00000001')).toBe(false);
    expect(s.has('户-龙1')).toBe(true);
    expect(s.has('户-龙2')).toBe(false);
    expect(s.has('')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { compareHouseholds, groupKey, isNearDuplicateId, parseGroupKey } from './detect.js';
import { differingPositions, editDistance } from './edit-distance.js';

describe('edit distance', () => {
  it.each([
    ['433124197003010011', '433124197003010011', 0],
    ['433124197003010011', '433124197003010021', 1],
    ['433124197003010011', '433124197003100011', 2], // two digits swapped
    ['43312419700301001X', '4331241970030100', 2],
    ['abc', 'xyz', 3],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('stops early above a bound', () => {
    expect(editDistance('000000', '999999', 2)).toBe(3);
  });

  it('names the differing positions (1-based)', () => {
    expect(differingPositions('433124197003010011', '433124197003100011')).toEqual([13, 14]);
  });
});

describe('near-duplicate ID numbers', () => {
  it.each([
    ['433124197003010011', '433124197003010011', false],
    ['433124197003010011', '433124197003010012', true],
    ['433124197003010011', '433124197003100011', true],
    ['433124197003010011', '433124197003109911', false],
  ])('%s and %s: %s', (a, b, near) => {
    expect(isNearDuplicateId(a, b).near).toBe(near);
  });
});

describe('households registered twice', () => {
  const m = (idNumber: string, birthDate = '1970-01-01') => ({ idNumber, birthDate });

  it.each([
    [['a', 'b'], ['a', 'b', 'c'], 2 / 3, true],
    [['a', 'b'], ['a', 'b', 'c', 'd'], 0.5, true],
    [['a', 'b'], ['a', 'c', 'd'], 1 / 3, false],
    [['a'], ['b'], 0, false],
  ])('%j vs %j: overlap %d → %s', (a, b, overlap, duplicate) => {
    const c = compareHouseholds(
      { headName: 'x', members: a.map((id) => m(id, `19${id.charCodeAt(0)}-01-01`)) },
      { headName: 'y', members: b.map((id) => m(id, `19${id.charCodeAt(0)}-01-01`)) },
    );
    expect(c.overlap).toBeCloseTo(overlap);
    expect(c.duplicate).toBe(duplicate);
  });

  it('same head name, size and birth dates is the same household whatever the ID numbers', () => {
    const a = { headName: '麻七', members: [m('1', '1975-07-07'), m('2', '1976-07-07')] };
    const b = { headName: '麻七', members: [m('3', '1976-07-07'), m('4', '1975-07-07')] };
    expect(compareHouseholds(a, b)).toMatchObject({ duplicate: true, sameComposition: true, shared: 0 });
    expect(compareHouseholds(a, { ...b, headName: '麻八' }).duplicate).toBe(false);
    expect(compareHouseholds(a, { ...b, members: [...b.members, m('5')] }).duplicate).toBe(false);
  });
});

describe('group keys', () => {
  it('are ascending ids, and parse back only in that form', () => {
    expect(groupKey(['12', '3', '12'])).toBe('3-12');
    expect(parseGroupKey('3-12')).toEqual(['3', '12']);
    expect(parseGroupKey('12-3')).toBeNull();
    expect(parseGroupKey('3')).toBeNull();
    expect(parseGroupKey('3-x')).toBeNull();
  });
});

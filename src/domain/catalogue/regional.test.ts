import { describe, expect, it } from 'vitest';
import { resolveRegional, settingRegionOf, settingRegionsOf } from './regional.js';

const row = (code: string, region: string, v: string) => ({ code, region, v });
const rows = [
  row('dibao', '', 'national'),
  row('dibao', '52', 'province 52'),
  row('dibao', '520102', 'county 520102'),
  row('tea', '520102', 'county-only'),
  row('tea', '5201', 'prefecture'),
  row('ranger', '', 'national'),
  row('ranger', '53', 'another province'),
];

describe('regional catalogue resolution (nearest region wins)', () => {
  it.each([
    ['520102001001', { dibao: 'county 520102', tea: 'county-only', ranger: 'national' }],
    ['520103001001', { dibao: 'province 52', tea: 'prefecture', ranger: 'national' }],
    ['520201001001', { dibao: 'province 52', ranger: 'national' }],
    ['530101001001', { dibao: 'national', ranger: 'another province' }],
    ['', { dibao: 'national', ranger: 'national' }],
  ])('for %s', (region, expected) => {
    const got = Object.fromEntries(resolveRegional(rows, region).map((r) => [r.code, r.v]));
    expect(got).toEqual(expected);
  });

  it('ignores rows of a region level that keeps no settings (a township)', () => {
    expect(resolveRegional([row('x', '520102001', 'township')], '520102001001')).toEqual([]);
  });

  it('lists the setting regions above a village and the level a user keeps', () => {
    expect(settingRegionsOf('520102001001')).toEqual(['', '52', '5201', '520102']);
    expect(settingRegionsOf('52')).toEqual(['', '52']);
    expect(settingRegionOf('520102')).toBe('520102');
    expect(settingRegionOf('')).toBe('');
    expect(settingRegionOf('520102001')).toBeNull();
  });
});

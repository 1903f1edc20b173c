import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  familyP,
  fixedAmounts,
  movedTogether,
  nearCopies,
  pooledHeaping,
  roundNumberTest,
  sharedFactorScan,
} from './integrity.js';

describe('benjaminiHochberg', () => {
  it('rejects the step-up set (hand calculation, q = 0.05, m = 4: bounds 0.0125, 0.025, 0.0375, 0.05)', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.05)).toEqual([true, false, false, false]);
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.2], 0.1)).toEqual([true, true, true, false]);
    expect(benjaminiHochberg([0.011, 0.02, 0.9], 0.05)).toEqual([true, true, false]);
    expect(benjaminiHochberg([0.5, 0.6], 0.05)).toEqual([false, false]);
  });
});

// a village-year of varied households, each item spread over orders of magnitude
const varied = Array.from({ length: 60 }, (_, i) => ({
  id: `h${i}`,
  items: [
    1000 + ((i * 7919) % 29000),
    300 + ((i * 104729) % 9000),
    100 + ((i * 1299709) % 3000),
    (i % 4) * 480,
  ],
  size: 2 + (i % 4),
}));

describe('nearCopies', () => {
  it('finds a family of five within ±1 % and judges it against chance', () => {
    const base = [15000, 4200, 1300, 480];
    const family = [0.991, 1.0, 1.004, 1.009, 0.995].map((f, i) => ({
      id: `c${i}`,
      items: base.map((v) => Math.round(v * f)),
      size: 4,
    }));
    const res = nearCopies([...varied, ...family], 0.02, 2);
    const fam = res.families.find((f) => f.ids.includes('c0'))!;
    expect(fam.ids).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(fam.pairs).toBe(10);
    expect(familyP(fam.pairs, res.expectedPairs)).toBeLessThan(1e-6);
  });
  it('groups copies written onto households of another size unless sizes must agree; never beyond the tolerance', () => {
    const a = { id: 'a', items: [15000, 4200, 1300, 0], size: 4 };
    const rows = [a, { ...a, id: 'b', size: 3 }, { id: 'c', items: [15600, 4200, 1300, 0], size: 4 }];
    expect(nearCopies(rows, 0.02, 2).families).toEqual([{ ids: ['a', 'b'], pairs: 1 }]);
    expect(nearCopies(rows, 0.02, 2, true).families).toEqual([]);
  });
  it('must not flag the varied village: no family, or none beyond chance', () => {
    const res = nearCopies(varied, 0.02, 2);
    for (const f of res.families) expect(familyP(f.pairs, res.expectedPairs)).toBeGreaterThan(0.001);
  });
});

describe('roundNumberTest', () => {
  const region = { n: 10_000, round: { 100: 2000, 500: 400, 1000: 200 } };
  it('flags a village whose items are all multiples of 500 against a region with 4 %', () => {
    const g = { n: 200, round: { 100: 200, 500: 200, 1000: 90 } };
    const res = roundNumberTest(g, { n: region.n + 200, round: { 100: 2200, 500: 600, 1000: 290 } });
    expect(res.share[500]).toBe(1);
    expect(res.effect).toBe(true);
    expect(res.p).toBeLessThan(1e-100);
  });
  it('does not flag an honest collector who rounds to 100 (a fifth are multiples of 500)', () => {
    const g = { n: 200, round: { 100: 200, 500: 40, 1000: 20 } };
    const res = roundNumberTest(g, { n: region.n + 200, round: { 100: 2200, 500: 440, 1000: 220 } });
    expect(res.effect).toBe(false);
  });
});

describe('sharedFactorScan', () => {
  const region = Array.from({ length: 2000 }, (_, i) => Math.exp(0.2 * Math.sin(i * 12.9898) * 1.7));
  it('finds twenty households changed by 1.45 among eighty', () => {
    const rows = [
      ...Array.from({ length: 60 }, (_, i) => ({ id: `h${i}`, ratio: region[i * 7]! })),
      ...Array.from({ length: 20 }, (_, i) => ({ id: `f${i}`, ratio: 1.45 * (1 + (i % 5) * 0.001) })),
    ];
    const res = sharedFactorScan(rows, [...region, ...rows.map((r) => r.ratio)], 0.01)!;
    expect(res.k).toBeGreaterThanOrEqual(20);
    expect(res.ids.filter((id) => id.startsWith('f'))).toHaveLength(20);
    expect(res.p).toBeLessThan(1e-10);
  });
  it('does not flag an ordinary village', () => {
    const rows = Array.from({ length: 80 }, (_, i) => ({ id: `h${i}`, ratio: region[i * 13]! }));
    expect(sharedFactorScan(rows, region, 0.01)!.p).toBeGreaterThan(0.01);
  });
});

describe('movedTogether', () => {
  it('every item × 1.45 (rounded to the yuan or to 100) moved together', () => {
    expect(movedTogether([12_000, 4_000, 1_200, 600], [17_400, 5_800, 1_740, 870], 1.45)).toBe(true);
    expect(movedTogether([12_000, 4_000, 300, 0], [17_400, 5_800, 400, 0], 1.45)).toBe(true); // 435 → 400
  });
  it('a month more of migrant work with a poorer harvest and a fixed dividend did not', () => {
    // gross 16,600 → 20,670 (× 1.245) but wage × 1.33, business × 0.9, dividend unchanged
    expect(movedTogether([12_000, 4_000, 1_200, 600], [16_000, 3_600, 1_100, 600], 1.245)).toBe(false);
  });
  it('needs two non-zero items (a wage alone moves by its months)', () => {
    expect(movedTogether([12_000, 0, 0, 0], [17_400, 0, 0, 0], 1.45)).toBe(false);
  });
});

describe('pooledHeaping', () => {
  it('a small heaped village: 8 of 10 exits in the 5 % band against a region share of 1/6', () => {
    // P(X ≥ 8 | 10, 1/6) = Σ C(10,k)(1/6)^k(5/6)^(10−k), k = 8..10 ≈ 1.95e-5 (hand calculation)
    const res = pooledHeaping(8, 10, 50 + 8, 300 + 10, 0.05, 0.3);
    expect(res.p0).toBeCloseTo(50.5 / 301, 3);
    expect(res.p).toBeLessThan(1e-4);
  });
  it('an ordinary village at the region’s share is not heaped', () => {
    expect(pooledHeaping(2, 12, 60, 360, 0.05, 0.3).p).toBeGreaterThan(0.3);
  });
});

describe('fixedAmounts', () => {
  it('a dividend of 480 paid to many households is a fixed amount; varied figures are not', () => {
    const values = [480, 480, 480, 480, 480, 480, 0, 0, 1234, 2345, 3456, 4567];
    expect([...fixedAmounts(values)]).toEqual([480]);
    expect(fixedAmounts([1000, 1000, 2000, 3000]).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { alkireFoster, type Indicator } from './alkire-foster.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/**
 *          school (<6, w ½)  water (==0, w ¼)  income (<3000, w ¼)   score c
 * person 1      3 ✗               0 ✗              2000 ✗              1
 * person 2      8                 0 ✗              2500 ✗              ½
 * person 3      4 ✗               1                5000                ½
 * person 4      9                 1                2000 ✗              ¼
 */
const mixed = (): Indicator[] => [
  { name: 'school', values: f64(3, 8, 4, 9), weight: 0.5, deprivedIf: '<', cutoff: 6 },
  { name: 'water', values: f64(0, 0, 1, 1), weight: 0.25, deprivedIf: '==', cutoff: 0 },
  { name: 'income', values: f64(2000, 2500, 5000, 2000), weight: 0.25, deprivedIf: '<', cutoff: 3000 },
];

describe('Alkire–Foster', () => {
  it('H, A, M0, headcounts and contributions (k = ½: a score equal to k is poor)', () => {
    // poor: 1, 2, 3 → H = ¾; A = (1 + ½ + ½)/3 = ⅔; M0 = ½.
    // uncensored: school 2/4, water 2/4, income 3/4; censored (poor only): school ½ (1, 3),
    // water ½ (1, 2), income ½ (1, 2; person 4 is censored).
    // contribution: school ½·½/½ = ½, water ¼·½/½ = ¼, income ¼.
    const r = alkireFoster(mixed(), 0.5);
    expect(r).toMatchObject({ n: 4, population: 4, H: 0.75, M0: 0.5, M1: null, M2: null });
    expect(r.A).toBeCloseTo(2 / 3, 14);
    expect(r.indicators).toEqual([
      { name: 'school', uncensored: 0.5, censored: 0.5, contribution: 0.5 },
      { name: 'water', uncensored: 0.5, censored: 0.5, contribution: 0.25 },
      { name: 'income', uncensored: 0.75, censored: 0.5, contribution: 0.25 },
    ]);
  });

  it('k = 1/3 reached by a score of 1/3 despite rounding (tolerance)', () => {
    const third = (name: string, values: Float64Array): Indicator => ({
      name,
      values,
      weight: 1 / 3,
      deprivedIf: '<=',
      cutoff: 0,
    });
    const r = alkireFoster([third('a', f64(0, 1)), third('b', f64(1, 1)), third('c', f64(1, 1))], 1 / 3);
    expect(r.H).toBe(0.5);
    const two = alkireFoster([third('a', f64(0)), third('b', f64(0)), third('c', f64(1))], 2 / 3);
    expect(two.H).toBe(1);
  });

  it('unit weights and zero weights (dropped)', () => {
    // weights 2, 1, 1, 0: the fourth (score ¼) disappears; U = 4, poor weight 4 → H = 1;
    // A = (2·1 + ½ + ½)/4 = ¾ = M0.
    const r = alkireFoster(mixed(), 0.5, f64(2, 1, 1, 0));
    expect(r).toMatchObject({ n: 3, population: 4, H: 1, A: 0.75, M0: 0.75 });
    expect(r.indicators[2]).toMatchObject({ uncensored: 0.75, censored: 0.75 });
    expect(() => alkireFoster(mixed(), 0.5, f64(1, -1, 1, 1))).toThrow('weights[1]');
  });

  it('M1 and M2 with normalised gaps when every indicator is cardinal', () => {
    // school (<6, ½), income (<3000, ½), k = ½:
    // 1: gaps ½ and ⅓ (c 1); 2: income gap 1/6 (c ½); 3: school gap ⅓ (c ½); 4: income 3000 at cutoff, c 0.
    // M1 = ¼ [½·½ + ½·⅓ + ½·1/6 + ½·⅓] = ¼ · ⅔ = 1/6
    // M2 = ¼ [½·¼ + ½·1/9 + ½·1/36 + ½·1/9] = ¼ · ¼ = 1/16
    const ind: Indicator[] = [
      { name: 'school', values: f64(3, 8, 4, 9), weight: 0.5, deprivedIf: '<', cutoff: 6 },
      { name: 'income', values: f64(2000, 2500, 5000, 3000), weight: 0.5, deprivedIf: '<', cutoff: 3000 },
    ];
    const r = alkireFoster(ind, 0.5);
    expect(r.H).toBe(0.75);
    expect(r.M0).toBe(0.5);
    expect(r.M1).toBeCloseTo(1 / 6, 14);
    expect(r.M2).toBeCloseTo(1 / 16, 14);
  });

  it('subgroup decomposition: persons 1, 2 in a; 3, 4 in b', () => {
    // a: H 1, A ¾, M0 ¾; b: H ½, A ½, M0 ¼. Contributions: ½·¾/½ = ¾ and ½·¼/½ = ¼.
    const r = alkireFoster(mixed(), 0.5, undefined, {
      codes: Uint32Array.from([0, 0, 1, 1]),
      labels: ['a', 'b'],
    });
    expect(r.byGroup).toEqual([
      { label: 'a', population: 2, populationShare: 0.5, H: 1, A: 0.75, M0: 0.75, contribution: 0.75 },
      { label: 'b', population: 2, populationShare: 0.5, H: 0.5, A: 0.5, M0: 0.25, contribution: 0.25 },
    ]);
  });

  it('nobody poor: A and contributions null; empty: everything null', () => {
    const r = alkireFoster(mixed(), 1); // k = 1: only person 1 (deprived in everything)
    expect(r.H).toBe(0.25);
    const none = alkireFoster(
      mixed().map((i) => ({
        ...i,
        values: i.name === 'water' ? f64(1, 1, 1, 1) : f64(9999, 9999, 9999, 9999),
      })),
      0.5,
    );
    expect(none).toMatchObject({ H: 0, A: null, M0: 0 });
    expect(none.indicators[0]!.contribution).toBeNull();
    const empty = alkireFoster(
      mixed().map((i) => ({ ...i, values: f64() })),
      0.5,
    );
    expect(empty).toMatchObject({ n: 0, H: null, A: null, M0: null });
  });

  it('rejects weights not summing to 1, a bad k, non-finite values', () => {
    const ind = mixed();
    ind[0]!.weight = 0.6;
    expect(() => alkireFoster(ind, 0.5)).toThrow('sum to');
    expect(() => alkireFoster(mixed(), 0)).toThrow('k');
    expect(() => alkireFoster(mixed(), 1.2)).toThrow('k');
    const nan = mixed();
    nan[1]!.values[2] = NaN;
    expect(() => alkireFoster(nan, 0.5)).toThrow('water[2]');
  });
});

import { describe, expect, it } from 'vitest';
import { inequality } from './inequality.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);
const ones = (n: number) => new Float64Array(n).fill(1);

// The S80/S20 hand values below are the Lorenz convention; laeken's (the default) is tested against R
// in reference.test.ts.
const lorenz = (values: Float64Array, weights: Float64Array) => inequality(values, weights, 'lorenz');

describe('inequality: Gini, S80/S20 (Lorenz), Theil T, MLD', () => {
  it('two persons (1, 3)', () => {
    // Gini = Σᵢⱼ|xᵢ−xⱼ| / (2n²μ) = (2·2)/(2·4·2) = 1/4.
    // S80/S20: the poorest 20 % of 2 persons is 0.4 of person 1 → 0.4; richest 20 % → 0.4·3 = 1.2 → 3.
    // μ = 2: Theil = ½[½ ln ½ + 1.5 ln 1.5]; MLD = ½[ln 2 + ln(2/3)].
    const r = lorenz(f64(3, 1), ones(2));
    expect(r.gini).toBeCloseTo(0.25, 14);
    expect(r.s80s20).toBeCloseTo(3, 14);
    expect(r.theil).toBeCloseTo((0.5 * Math.log(0.5) + 1.5 * Math.log(1.5)) / 2, 14);
    expect(r.mld).toBeCloseTo((Math.log(2) + Math.log(2 / 3)) / 2, 14);
  });

  it('weighted (4000, 6000, 10000, 15000) with weights (2, 1, 4, 3)', () => {
    // W = 10, Y = 8000 + 6000 + 40000 + 45000 = 99000, μ = 9900.
    // Σ wᵢwⱼ|xᵢ−xⱼ| over unordered pairs: 2·1·2000 + 2·4·6000 + 2·3·11000 + 1·4·4000 + 1·3·9000
    //   + 4·3·5000 = 4000 + 48000 + 66000 + 16000 + 27000 + 60000 = 221000;
    // Gini = 2·221000 / (2·W²·μ) = 442000 / 1980000 = 221/990.
    // Bottom 20 % = weight 2 = the two persons at 4000 → 8000; top 20 % = 2 of the 3 at 15000 → 30000.
    const r = lorenz(f64(10000, 4000, 15000, 6000), f64(4, 2, 3, 1));
    expect(r.gini).toBeCloseTo(221 / 990, 14);
    expect(r.s80s20).toBeCloseTo(30000 / 8000, 14);
    const mu = 9900;
    const xs: [number, number][] = [
      [4000, 2],
      [6000, 1],
      [10000, 4],
      [15000, 3],
    ];
    const theil = xs.reduce((a, [x, w]) => a + w * (x / mu) * Math.log(x / mu), 0) / 10;
    const mld = xs.reduce((a, [x, w]) => a + w * Math.log(mu / x), 0) / 10;
    expect(r.theil).toBeCloseTo(theil, 14);
    expect(r.mld).toBeCloseTo(mld, 14);
  });

  it('equal incomes and a single observation: no inequality, S80/S20 = 1', () => {
    for (const r of [lorenz(f64(5, 5, 5), ones(3)), lorenz(f64(5), f64(2))])
      expect(r).toEqual({ gini: 0, s80s20: 1, s80s20Convention: 'lorenz', theil: 0, mld: 0 });
  });

  it('a zero income: MLD infinite, Theil finite (0 · ln 0 = 0)', () => {
    // (0, 4): μ = 2, Theil = ½[0 + 2 ln 2] = ln 2; Gini = 4·... = (2·4)/(2·4·2) = 1/2.
    // S80/S20: bottom 20 % holds 0, top holds 0.4·4 → Infinity.
    const r = lorenz(f64(0, 4), ones(2));
    expect(r.gini).toBeCloseTo(0.5, 14);
    expect(r.theil).toBeCloseTo(Math.log(2), 14);
    expect(r.mld).toBe(Infinity);
    expect(r.s80s20).toBe(Infinity);
  });

  it('negative incomes: Gini as is (can exceed its usual range), Theil and MLD null', () => {
    // (−1, 2, 5): μ = 2, Σ|xᵢ−xⱼ| unordered = 3 + 6 + 3 = 12 → Gini = 24/(2·9·2) = 2/3.
    // Bottom 20 % = 0.6 of −1 → −0.6 < 0 → S80/S20 null.
    const r = lorenz(f64(5, -1, 2), ones(3));
    expect(r.gini).toBeCloseTo(2 / 3, 14);
    expect(r).toMatchObject({ s80s20: null, theil: null, mld: null });
    // (−1, 5): Σ|diff| = 6 → Gini = 12/(2·4·2) = 3/4... with μ = 2: 2·6/(2·4·2) = 0.75 (> ½, the 2-person maximum)
    expect(lorenz(f64(-1, 5), ones(2)).gini).toBeCloseTo(0.75, 14);
  });

  it('all incomes zero or total not positive: undefined (null)', () => {
    expect(lorenz(f64(0, 0), ones(2))).toEqual({
      gini: null,
      s80s20: null,
      s80s20Convention: 'lorenz',
      theil: null,
      mld: null,
    });
    expect(lorenz(f64(-3, 1), ones(2)).gini).toBeNull();
  });

  it('empty population and zero weights', () => {
    expect(lorenz(f64(), f64())).toEqual({
      gini: null,
      s80s20: null,
      s80s20Convention: 'lorenz',
      theil: null,
      mld: null,
    });
    // the zero-weight zero income is dropped: MLD stays finite
    expect(lorenz(f64(0, 1, 3), f64(0, 1, 1))).toEqual(lorenz(f64(1, 3), ones(2)));
  });
});

import { describe, expect, it } from 'vitest';
import { chiSquarePValue, lnGamma, regularizedGammaQ } from './chi-square.js';

/** References from mpmath (30 digits, rounded to doubles): gammainc(df/2, x/2, inf, regularized=True). */
const REFERENCES: [chi2: number, df: number, p: number][] = [
  [3.841, 1, 0.0500136837639567], // the 5 % critical value of χ²(1) is 3.84146
  [15.507, 8, 0.05000521928328079], // χ²(8) 5 % critical value 15.5073
  [113.145, 89, 0.04300024536061133], // χ²(89) 5 % critical value is 112.022, so p < 0.05
  [0.5, 2, 0.7788007830714049], // df 2: p = e^{−x/2} = e^{−0.25}
  [2, 1, 0.15729920705028513], // df 1: p = erfc(√(x/2)) = erfc(1)
  [1e-12, 1, 0.9999992021154392],
  [50, 3, 7.989179244951472e-11],
  [200, 89, 1.6267246955039628e-10],
  [100, 10, 5.4497019829205295e-17],
];

describe('chi-square p-values (regularised upper incomplete gamma)', () => {
  it.each(REFERENCES)('χ² = %s, df = %s → p = %s', (chi2, df, p) => {
    expect(Math.abs(chiSquarePValue(chi2, df) - p) / p).toBeLessThan(1e-10);
  });

  it('closed forms: Q(1, x) = e^{−x}; Q(2, x) = (1 + x) e^{−x}', () => {
    for (const x of [0.1, 1, 2.5, 10, 40]) {
      expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 14);
      expect(regularizedGammaQ(2, x) / ((1 + x) * Math.exp(-x))).toBeCloseTo(1, 12);
    }
  });

  it('limits and invalid arguments', () => {
    expect(chiSquarePValue(0, 8)).toBe(1);
    expect(chiSquarePValue(Infinity, 8)).toBe(0);
    expect(() => chiSquarePValue(1, 0)).toThrow(RangeError);
  });

  it('ln Γ at known points', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(44.5)).toBeCloseTo(123.42233548443954, 10); // mpmath loggamma(44.5)
  });
});

import { describe, expect, it } from 'vitest';
import { benford, conformityOf, leadingDigits } from './benford.js';
import { chiSquarePValue } from './chi-square.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);
const p = (d: number) => Math.log10(1 + 1 / d);

describe('leading digits', () => {
  it.each([
    [1, 1, 1],
    [9.99, 1, 9],
    [0.3, 1, 3], // 0.3 is 0.29999…98 in binary; the digit the user typed is 3
    [0.07, 1, 7],
    [1000, 1, 1],
    [999.9999999999999, 1, 9],
    [2999, 1, 2],
    [3000, 1, 3],
    [1e20, 1, 1],
    [10, 2, 10],
    [99, 2, 99],
    [123.4, 2, 12],
    [1990, 2, 19],
    [2000, 2, 20],
    [5.5e18, 2, 55],
  ])('%s → %s digit(s): %s', (x, digits, d) => expect(leadingDigits(x, digits as 1 | 2)).toBe(d));
});

describe('Benford tests', () => {
  it('first digit by hand: 1, 2, 3, 10, 150 (−5 and 0 excluded)', () => {
    // leading digits 1, 2, 3, 1, 1: counts 3, 1, 1, 0 × 6; n = 5.
    const r = benford(f64(1, 2, 3, 10, 150, -5, 0), 1);
    expect(r).toMatchObject({ digits: 1, n: 5, excluded: 2, df: 8 });
    const counts = [3, 1, 1, 0, 0, 0, 0, 0, 0];
    // χ² = Σ (O − 5p)² / (5p); MAD = Σ |O/5 − p| / 9
    const chi2 = counts.reduce((a, o, j) => a + (o - 5 * p(j + 1)) ** 2 / (5 * p(j + 1)), 0);
    const mad = counts.reduce((a, o, j) => a + Math.abs(o / 5 - p(j + 1)), 0) / 9;
    expect(r.chi2).toBeCloseTo(chi2, 12);
    expect(r.mad).toBeCloseTo(mad, 14);
    expect(r.pValue).toBeCloseTo(chiSquarePValue(chi2, 8), 14);
    expect(r.conformity).toBe('nonconformity');
    expect(r.observed[0]).toBeCloseTo(0.6, 14);
    expect(r.expected[0]).toBeCloseTo(Math.log10(2), 14);
  });

  it('first two digits: values below 10 excluded and counted', () => {
    // 10 → 10, 11 → 11, 99 → 99, 123 → 12; 5, 9.9, 0 and −20 excluded.
    const r = benford(f64(10, 11, 99, 123, 5, 9.9, 0, -20), 2);
    expect(r).toMatchObject({ digits: 2, n: 4, excluded: 4, df: 89 });
    expect(r.leading[0]).toBe(10);
    expect(r.observed[0]).toBe(0.25);
    expect(r.observed[2]).toBe(0.25); // 12
    expect(r.observed[89]).toBe(0.25); // 99
  });

  it('a geometric sequence follows Benford closely (close conformity, high p-value)', () => {
    // 1.001^k for k < 23027 spans 10 decades almost exactly: the mantissas are nearly uniform in log.
    const values = Float64Array.from({ length: 23027 }, (_, k) => 1.001 ** k);
    const one = benford(values, 1);
    expect(one.conformity).toBe('close');
    expect(one.mad!).toBeLessThan(0.001);
    expect(one.pValue!).toBeGreaterThan(0.99);
    const two = benford(values, 2);
    expect(two.conformity).toBe('close');
  });

  it('heaped values (all starting with 5) fail', () => {
    const r = benford(
      Float64Array.from({ length: 200 }, (_, i) => 5000 + i),
      1,
    );
    expect(r.conformity).toBe('nonconformity');
    expect(r.pValue!).toBeLessThan(1e-10);
  });

  it("Nigrini's classes at their bounds", () => {
    expect(conformityOf(0.006, 1)).toBe('close');
    expect(conformityOf(0.0061, 1)).toBe('acceptable');
    expect(conformityOf(0.012, 1)).toBe('acceptable');
    expect(conformityOf(0.015, 1)).toBe('marginal');
    expect(conformityOf(0.0151, 1)).toBe('nonconformity');
    expect(conformityOf(0.0012, 2)).toBe('close');
    expect(conformityOf(0.0018, 2)).toBe('acceptable');
    expect(conformityOf(0.0022, 2)).toBe('marginal');
    expect(conformityOf(0.0023, 2)).toBe('nonconformity');
  });

  it('no usable value: statistics null', () => {
    expect(benford(f64(), 1)).toMatchObject({
      n: 0,
      excluded: 0,
      chi2: null,
      pValue: null,
      mad: null,
      conformity: null,
    });
    expect(benford(f64(0, -1, 5), 2)).toMatchObject({ n: 0, excluded: 3, chi2: null });
    expect(() => benford(f64(1, NaN))).toThrow('values[1]');
  });
});

describe('leading digits: fast path agrees with the decimal representation', () => {
  it('on 20,000 values of every magnitude, integers and round numbers included', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 20000; i++) {
      const x = i % 3 === 0 ? Math.round(rand() * 10 ** (1 + (i % 9))) || 1 : 10 ** (rand() * 20 - 2);
      const s = x.toExponential();
      const first = Number(s[0]);
      expect(leadingDigits(x, 1)).toBe(first);
      if (x >= 10) expect(leadingDigits(x, 2)).toBe(10 * first + (s[1] === '.' ? Number(s[2]) : 0));
    }
  });
});

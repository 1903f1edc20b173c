import { describe, expect, it } from 'vitest';
import {
  benfordFromCounts,
  binomialUpperTail,
  burstTest,
  heapingTest,
  isJump,
  poissonUpperTail,
} from './statistics.js';

describe('binomialUpperTail', () => {
  it.each([
    // P(X ≥ k), X ~ Bin(n, ½): sums of binomial coefficients over 2^n
    [10, 10, 0.5, 1 / 1024],
    [9, 10, 0.5, 11 / 1024],
    [8, 10, 0.5, 56 / 1024],
    [0, 10, 0.5, 1],
    [11, 10, 0.5, 0],
    [2, 3, 0.2, 3 * 0.04 * 0.8 + 0.008], // 0.104
  ])('P(X ≥ %i | n=%i, p=%f) = %f', (k, n, p, expected) => {
    expect(binomialUpperTail(k, n, p)).toBeCloseTo(expected, 12);
  });

  it('stays accurate far in the tail', () => {
    expect(binomialUpperTail(100, 100, 0.5) / 2 ** -100).toBeCloseTo(1, 9);
  });
});

describe('poissonUpperTail', () => {
  it.each([
    [0, 2, 1],
    [1, 2, 1 - Math.exp(-2)],
    [3, 1, 1 - 2.5 / Math.E], // 1 − e⁻¹(1 + 1 + ½) = 0.0803014
    [2, 0.5, 1 - Math.exp(-0.5) * 1.5],
  ])('P(X ≥ %i | λ=%f) = %f', (k, lambda, expected) => {
    expect(poissonUpperTail(k, lambda)).toBeCloseTo(expected, 12);
  });

  it('sums the tail directly when it is tiny: P(X ≥ 10 | λ = 0.1) ≈ 0.1¹⁰ e^−0.1 / 10!', () => {
    const first = (Math.exp(-0.1) * 1e-10) / 3628800;
    const p = poissonUpperTail(10, 0.1);
    expect(p).toBeGreaterThan(first);
    expect(p).toBeLessThan(first * 1.01);
  });
});

describe('heapingTest (one-sided binomial, H0 share ½)', () => {
  it('flags 10 of 10 just above the line: p = 1/1024, ratio 21', () => {
    const r = heapingTest({ low: 10, high: 0 });
    expect(r.p).toBeCloseTo(1 / 1024, 12);
    expect(r.z).toBeCloseTo(5 / Math.sqrt(2.5), 12);
    expect(r.ratio).toBe(21);
    expect(r.flagged).toBe(true);
  });

  it('does not flag 9 of 10: p = 11/1024 is not below 0.01', () => {
    const r = heapingTest({ low: 9, high: 1 });
    expect(r.p).toBeCloseTo(11 / 1024, 12);
    expect(r.ratio).toBeCloseTo(9.5 / 1.5, 12);
    expect(r.flagged).toBe(false);
  });

  it('does not flag a significant but small excess (ratio ≤ 1.5)', () => {
    const r = heapingTest({ low: 600, high: 450 });
    expect(r.p!).toBeLessThan(1e-5);
    expect(r.ratio).toBeLessThan(1.5);
    expect(r.flagged).toBe(false);
  });

  it('gives no verdict below the minimum n, and nulls for an empty region', () => {
    expect(heapingTest({ low: 6, high: 0 }).flagged).toBe(false); // p = 1/64 anyway, n < 10
    expect(heapingTest({ low: 0, high: 0 })).toMatchObject({ n: 0, p: null, z: null, flagged: false });
  });
});

describe('burstTest (Poisson against the baseline rate)', () => {
  it('λ = (baseline + 1) × window / baseline days', () => {
    const r = burstTest({ inWindow: 10, baseline: 17, windowDays: 14, baselineDays: 180 });
    expect(r.lambda).toBeCloseTo(1.4, 12);
    expect(r.ratio).toBeCloseTo(10 / 1.4, 12);
    expect(r.p).toBeCloseTo(poissonUpperTail(10, 1.4), 15);
    expect(r.p).toBeLessThan(1e-5);
    expect(r.flagged).toBe(true);
  });

  it('needs at least 10 edits and a rate well above the baseline', () => {
    expect(burstTest({ inWindow: 9, baseline: 0, windowDays: 14, baselineDays: 180 }).flagged).toBe(false);
    // 30 edits in 14 days against 360 in 180 days (λ ≈ 28.1): the usual pace
    expect(burstTest({ inWindow: 30, baseline: 360, windowDays: 14, baselineDays: 180 }).flagged).toBe(false);
  });
});

describe('benfordFromCounts (MAD with Nigrini classes)', () => {
  it('uniform first digits: MAD = mean |1/9 − log10(1 + 1/d)| ≈ 0.05972, nonconformity', () => {
    const r = benfordFromCounts(new Array<number>(9).fill(100));
    const expected =
      [1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, d) => s + Math.abs(1 / 9 - Math.log10(1 + 1 / d)), 0) / 9;
    expect(expected).toBeCloseTo(0.05972, 4);
    expect(r.mad).toBeCloseTo(expected, 12);
    expect(r.conformity).toBe('nonconformity');
    expect(r.flagged).toBe(true);
  });

  it('counts that follow Benford closely conform; below the minimum n there is no verdict', () => {
    const benford = [301, 176, 125, 97, 79, 67, 58, 51, 46];
    const r = benfordFromCounts(benford);
    expect(r.n).toBe(1000);
    expect(r.conformity).toBe('close');
    expect(r.flagged).toBe(false);
    expect(benfordFromCounts([9, 0, 0, 0, 0, 0, 0, 0, 0]).flagged).toBe(false); // n = 9 < 100
    expect(benfordFromCounts(new Array<number>(9).fill(0))).toMatchObject({
      n: 0,
      mad: null,
      flagged: false,
    });
  });
});

describe('isJump (> +100 % and > 3,000 yuan)', () => {
  it.each([
    [3000, 6001, true],
    [3000, 6000, false], // exactly double is not more than +100 %
    [2000, 4500, false], // +125 % but only 2,500 yuan
    [8000, 12000, false], // +4,000 yuan but only +50 %
    [0, 3001, true],
  ])('%i → %i: %s', (prev, cur, expected) => {
    expect(isJump(prev, cur)).toBe(expected);
  });
});

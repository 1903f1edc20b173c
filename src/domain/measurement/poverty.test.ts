import { describe, expect, it } from 'vitest';
import { MeasureInputError } from './errors.js';
import { absolutePoverty, fgt } from './poverty.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);
const ones = (n: number) => new Float64Array(n).fill(1);

describe('absolute poverty (FGT, Watts, Sen)', () => {
  it('unit weights, with a tie at the line (3 is not poor)', () => {
    // y = 1 2 3 4, z = 3 → poor: 1, 2 (3 is at the line, not below). H = 2/4.
    // gaps (z−y)/z: 2/3, 1/3 → PG = (2/3 + 1/3)/4 = 1/4; SG = (4/9 + 1/9)/4 = 5/36.
    // Watts = (ln 3/1 + ln 3/2)/4 = ln 4.5 / 4.
    // Sen: μ_p = 1.5, I = (3 − 1.5)/3 = 1/2; G_p of (1, 2) = |1−2|·2 / (2·2²·1.5) = 1/6;
    //      S = 1/2 · (1/2 + 1/2 · 1/6) = 7/24.
    const r = absolutePoverty(f64(1, 2, 3, 4), ones(4), 3);
    expect(r.headcount).toBeCloseTo(0.5, 14);
    expect(r.povertyGap).toBeCloseTo(0.25, 14);
    expect(r.squaredGap).toBeCloseTo(5 / 36, 14);
    expect(r.watts).toBeCloseTo(Math.log(4.5) / 4, 14);
    expect(r.sen).toBeCloseTo(7 / 24, 14);
  });

  it('weights act as replication: (1,2,5) with weights (2,1,1) = (1,1,2,5)', () => {
    // W = 4; poor 1 (w 2) and 2 (w 1): H = 3/4; PG = (2·2/3 + 1/3)/4 = 5/12; SG = (2·4/9 + 1/9)/4 = 1/4.
    // Sen: μ_p = (2·1 + 2)/3 = 4/3, I = (3 − 4/3)/3 = 5/9; G_p(1,1,2) = 4 / (2·9·4/3) = 1/6;
    //      S = 3/4 · (5/9 + 4/9 · 1/6) = 3/4 · 17/27 = 17/36.
    const weighted = absolutePoverty(f64(1, 2, 5), f64(2, 1, 1), 3);
    const replicated = absolutePoverty(f64(1, 1, 2, 5), ones(4), 3);
    expect(weighted.headcount).toBeCloseTo(0.75, 14);
    expect(weighted.povertyGap).toBeCloseTo(5 / 12, 14);
    expect(weighted.squaredGap).toBeCloseTo(0.25, 14);
    expect(weighted.watts).toBeCloseTo((2 * Math.log(3) + Math.log(1.5)) / 4, 14);
    expect(weighted.sen).toBeCloseTo(17 / 36, 14);
    for (const k of ['headcount', 'povertyGap', 'squaredGap', 'watts', 'sen'] as const)
      expect(replicated[k]).toBeCloseTo(weighted[k]!, 14);
  });

  it('drops zero weights before anything (a zero income with zero weight leaves Watts finite)', () => {
    const r = absolutePoverty(f64(0, 1, 2, 3, 4), f64(0, 1, 1, 1, 1), 3);
    expect(r).toEqual(absolutePoverty(f64(1, 2, 3, 4), ones(4), 3));
    expect(r.watts).toBeCloseTo(Math.log(4.5) / 4, 14);
  });

  it('a zero income makes Watts infinite; FGT counts a full gap', () => {
    // y = 0, 4; z = 3: H = 1/2, gap of 0 is 1 → PG = SG = 1/2. Watts: ln(3/0) = ∞.
    const r = absolutePoverty(f64(0, 4), ones(2), 3);
    expect(r).toMatchObject({ headcount: 0.5, povertyGap: 0.5, squaredGap: 0.5, watts: Infinity });
    // Sen: one poor person, G_p = 0, I = 1 → S = H·I = 1/2.
    expect(r.sen).toBeCloseTo(0.5, 14);
  });

  it('negative incomes: gaps above 1, Watts undefined (null)', () => {
    // y = −1, 2, 5; z = 3: gaps 4/3, 1/3 → H = 2/3, PG = (5/3)/3 = 5/9, SG = (16/9 + 1/9)/3 = 17/27.
    const r = absolutePoverty(f64(-1, 2, 5), ones(3), 3);
    expect(r.headcount).toBeCloseTo(2 / 3, 14);
    expect(r.povertyGap).toBeCloseTo(5 / 9, 14);
    expect(r.squaredGap).toBeCloseTo(17 / 27, 14);
    expect(r.watts).toBeNull();
    // μ_p = 1/2 > 0: G_p(−1, 2) = 3·2/(2·4·0.5) = 1.5; I = (3 − 0.5)/3 = 5/6;
    // S = 2/3 · (5/6 + 1/6 · 1.5) = 2/3 · 13/12 = 13/18.
    expect(r.sen).toBeCloseTo(13 / 18, 14);
  });

  it('nobody poor: all zero; everyone at the line is not poor', () => {
    expect(absolutePoverty(f64(3, 3, 3), ones(3), 3)).toEqual({
      headcount: 0,
      povertyGap: 0,
      squaredGap: 0,
      watts: 0,
      sen: 0,
    });
  });

  it('single observation below the line', () => {
    // y = 1.5 (w 2), z = 3: H = 1, PG = 1/2, SG = 1/4, Watts = ln 2, Sen = H·I = 1/2.
    expect(absolutePoverty(f64(1.5), f64(2), 3)).toEqual({
      headcount: 1,
      povertyGap: 0.5,
      squaredGap: 0.25,
      watts: Math.log(2),
      sen: 0.5,
    });
  });

  it('empty population (or only zero weights): every measure null', () => {
    const none = { headcount: null, povertyGap: null, squaredGap: null, watts: null, sen: null };
    expect(absolutePoverty(f64(), f64(), 3)).toEqual(none);
    expect(absolutePoverty(f64(1, 2), f64(0, 0), 3)).toEqual(none);
    expect(fgt(f64(), f64(), 3, 1)).toBeNull();
  });

  it('fgt() agrees with the one-pass function for α = 0, 1, 2 and handles other α', () => {
    const y = f64(1, 2, 5);
    const w = f64(2, 1, 1);
    expect(fgt(y, w, 3, 0)).toBeCloseTo(0.75, 14);
    expect(fgt(y, w, 3, 1)).toBeCloseTo(5 / 12, 14);
    expect(fgt(y, w, 3, 2)).toBeCloseTo(0.25, 14);
    // α = 3: (2·(2/3)³ + (1/3)³)/4 = (16/27 + 1/27)/4 = 17/108
    expect(fgt(y, w, 3, 3)).toBeCloseTo(17 / 108, 14);
  });

  it('rejects negative weights, non-finite values and a non-positive line', () => {
    expect(() => absolutePoverty(f64(1, 2), f64(1, -1), 3)).toThrow(MeasureInputError);
    expect(() => absolutePoverty(f64(1, 2), f64(1, -1), 3)).toThrow('weights[1]');
    expect(() => absolutePoverty(f64(1, NaN), f64(1, 1), 3)).toThrow('values[1]');
    expect(() => absolutePoverty(f64(1), f64(1), 0)).toThrow('line');
    expect(() => absolutePoverty(f64(1), f64(1, 1), 3)).toThrow('length');
  });
});

import { describe, expect, it } from 'vitest';
import { decomposeFgt } from './decomposition.js';
import { absolutePoverty } from './poverty.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('FGT decomposition by subgroup', () => {
  // y = 1, 2, 5 | 4, 6 | (no one) with weights 2, 1, 1 | 1, 3; line 3.
  const values = f64(1, 2, 5, 4, 6);
  const weights = f64(2, 1, 1, 1, 3);
  const groups = { codes: Uint32Array.from([0, 0, 0, 1, 1]), labels: ['poorer', 'richer', 'empty'] };

  it('shares, measures and contributions; the parts add up to the total', () => {
    // W = 8. poorer: W 4, H 3/4, PG 5/12 (as in poverty.test.ts); richer: W 4, nobody poor.
    // total H = 3/8 → contribution of poorer = ½ · ¾ / ⅜ = 1, richer 0.
    const [poorer, richer, empty] = decomposeFgt(values, weights, 3, groups);
    expect(poorer).toMatchObject({ population: 4, populationShare: 0.5, headcount: 0.75 });
    expect(poorer!.povertyGap).toBeCloseTo(5 / 12, 14);
    expect(poorer!.contribution).toEqual({ headcount: 1, povertyGap: 1, squaredGap: 1 });
    expect(richer).toMatchObject({ headcount: 0, povertyGap: 0, contribution: { headcount: 0 } });
    expect(empty).toMatchObject({
      population: 0,
      populationShare: 0,
      headcount: null,
      contribution: { headcount: 0 },
    });
    const total = absolutePoverty(values, weights, 3);
    const sum = [poorer!, richer!].reduce((a, g) => a + g.populationShare! * g.squaredGap!, 0);
    expect(sum).toBeCloseTo(total.squaredGap!, 14);
  });

  it('contributions are null when nobody is poor anywhere', () => {
    const [a] = decomposeFgt(values, weights, 0.5, groups);
    expect(a!.contribution).toEqual({ headcount: null, povertyGap: null, squaredGap: null });
  });

  it('zero weights add nothing; negative weights and unknown codes are rejected', () => {
    const [a] = decomposeFgt(f64(1, 100), f64(1, 0), 3, { codes: Uint32Array.from([0, 0]), labels: ['a'] });
    expect(a).toMatchObject({ population: 1, headcount: 1 });
    expect(() => decomposeFgt(values, f64(2, 1, -1, 1, 3), 3, groups)).toThrow('weights[2]');
    expect(() => decomposeFgt(f64(1), f64(1), 3, { codes: Uint32Array.from([4]), labels: ['a'] })).toThrow(
      'groups[0]',
    );
  });
});

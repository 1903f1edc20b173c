import { describe, expect, it } from 'vitest';
import { countBelow, weightedQuantile } from './quantile.js';
import { argsortFloat64 } from './radix-sort.js';
import { positiveWeights, sortSample } from './sample.js';

const sample = (values: number[], weights = values.map(() => 1)) =>
  sortSample(positiveWeights(Float64Array.from(values), Float64Array.from(weights)));

describe('weighted quantile: smallest value whose cumulative share exceeds p', () => {
  // 1 2 3 4 with unit weights: cumulative shares 0.25 0.5 0.75 1.
  const s = sample([4, 2, 3, 1]);

  it.each([
    [0, 1],
    [0.2, 1], // 0.25 > 0.2
    [0.25, 2], // share of 1 equals 0.25 exactly → the next value (laeken: weightedQuantile(1:4, probs = .25) = 2)
    [0.5, 3], // median: share of 2 equals 0.5 → 3 (laeken: weightedMedian(1:4) = 3)
    [0.6, 3],
    [0.75, 4],
    [0.99, 4],
    [1, 4], // nothing exceeds 1: the largest value
  ])('p = %s → %s', (p, q) => expect(weightedQuantile(s, p)).toBe(q));

  it('compares the share as a double, as R does (0.1 + 0.2 = 0.30000000000000004 > 0.3)', () => {
    // weights 0.1, 0.2, 0.7: shares 0.1, 0.30000000000000004, 1 → p = 0.3 takes the second value, as
    // laeken: weightedQuantile(c(10, 20, 30), c(.1, .2, .7), probs = .3) = 20
    const t = sample([10, 20, 30], [0.1, 0.2, 0.7]);
    expect(weightedQuantile(t, 0.3)).toBe(20);
    expect(weightedQuantile(t, 0.31)).toBe(30);
    expect(weightedQuantile(t, 0.29)).toBe(20);
  });

  it('weights: (1, 2, 5) with weights (2, 1, 1) → shares 0.5, 0.75, 1', () => {
    const t = sample([5, 1, 2], [1, 2, 1]);
    expect(weightedQuantile(t, 0.4)).toBe(1);
    expect(weightedQuantile(t, 0.5)).toBe(2);
    expect(weightedQuantile(t, 0.8)).toBe(5);
  });

  it('zero weights never become a quantile (they are dropped)', () => {
    const t = sample([1, 2, 3, 100], [1, 0, 1, 0]);
    expect(weightedQuantile(t, 0.5)).toBe(3); // shares 0.5 (1), 1 (3)
    expect(t.values).toEqual(Float64Array.from([1, 3]));
  });

  it('ties: equal values move together', () => {
    const t = sample([2, 2, 2, 1]);
    expect(weightedQuantile(t, 0.25)).toBe(2);
    expect(weightedQuantile(t, 0.1)).toBe(1);
  });

  it('empty → null; single → that value; p outside [0, 1] rejected', () => {
    expect(weightedQuantile(sample([]), 0.5)).toBeNull();
    expect(weightedQuantile(sample([7], [3]), 0.5)).toBe(7);
    expect(() => weightedQuantile(s, 1.5)).toThrow(RangeError);
  });

  it('quantile of a prefix (used for the median of the poor)', () => {
    expect(weightedQuantile(s, 0.5, 2)).toBe(2); // of 1, 2: share of 1 is 0.5 → 2
    expect(weightedQuantile(s, 0.5, 0)).toBeNull();
  });

  it('counts values strictly below x', () => {
    expect(countBelow(s, 3)).toBe(2);
    expect(countBelow(s, 0)).toBe(0);
    expect(countBelow(s, 9)).toBe(4);
  });
});

describe('radix argsort', () => {
  it('orders negatives, zeros (−0 as 0), fractions and large values', () => {
    const v = Float64Array.from([3.5, -2, 0, -0, 1e300, -1e-300, 2 ** 53, 7, -7.25, 0.1]);
    const idx = argsortFloat64(v);
    const sorted = Array.from(idx, (i) => v[i]!);
    expect(sorted).toEqual([...v].sort((a, b) => a - b));
  });

  it('agrees with a comparator sort on random data, and is stable', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const v = Float64Array.from({ length: 5000 }, () => Math.round((rand() - 0.2) * 1e4) / 8);
    const idx = Array.from(argsortFloat64(v));
    const expected = Array.from(v.keys()).sort((a, b) => v[a]! - v[b]! || a - b);
    expect(idx).toEqual(expected);
  });

  it('handles 0 and 1 elements', () => {
    expect(argsortFloat64(new Float64Array(0))).toEqual(new Uint32Array(0));
    expect(argsortFloat64(Float64Array.from([5]))).toEqual(Uint32Array.from([0]));
  });
});

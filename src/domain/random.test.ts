import { describe, expect, it } from 'vitest';
import { hashString, parseWeights, Rng, weightedTable } from './random.js';

describe('Rng (sfc32 seeded by cyrb128)', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Rng('seed-1');
    const b = new Rng('seed-1');
    const c = new Rng('seed-2');
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
  });

  it('hashes strings to four 32-bit words', () => {
    const h = hashString('433124');
    expect(h).toHaveLength(4);
    for (const w of h) expect(w >>> 0).toBe(w);
    expect(hashString('433124')).toEqual(h);
  });

  it('draws uniform, integer, normal and log-normal values with the expected moments', () => {
    const rng = new Rng('moments');
    const n = 40_000;
    let sum = 0;
    let sumSq = 0;
    let logSum = 0;
    let intMin = Infinity;
    let intMax = -Infinity;
    let uMin = Infinity;
    let uMax = -Infinity;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      uMin = Math.min(uMin, u);
      uMax = Math.max(uMax, u);
      const z = rng.normal(10, 2);
      sum += z;
      sumSq += z * z;
      logSum += Math.log(rng.lognormal(4000, 0.2));
      const k = rng.int(3, 7);
      intMin = Math.min(intMin, k);
      intMax = Math.max(intMax, k);
    }
    expect(uMin).toBeGreaterThanOrEqual(0);
    expect(uMax).toBeLessThan(1);
    const mean = sum / n;
    expect(mean).toBeCloseTo(10, 1);
    expect(Math.sqrt(sumSq / n - mean * mean)).toBeCloseTo(2, 1);
    expect(Math.exp(logSum / n)).toBeGreaterThan(3950);
    expect(Math.exp(logSum / n)).toBeLessThan(4050);
    expect([intMin, intMax]).toEqual([3, 7]);
  });

  it('chooses by weight', () => {
    const rng = new Rng('weights');
    const t = weightedTable([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ]);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[rng.weighted(t) as 'a' | 'b' | 'c']++;
    expect(counts.c).toBe(0);
    expect(counts.b / 20_000).toBeCloseTo(0.75, 1);
  });

  it('parses compact weight lists', () => {
    expect(parseWeights('王7.1 李7 06:76 single3.5')).toEqual([
      ['王', 7.1],
      ['李', 7],
      ['06', 76],
      ['single', 3.5],
    ]);
    expect(() => weightedTable([['x', 0]])).toThrow();
  });
});

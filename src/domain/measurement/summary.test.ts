import { describe, expect, it } from 'vitest';
import { modifiedOecdScale, toPersons, type Households } from './equivalence.js';
import { measureHouseholds } from './summary.js';

const f64 = (...xs: number[]) => Float64Array.from(xs);

/**
 * Four households (and one with zero weight, dropped):
 *   A: 2 adults + 2 children, income 21000 → scale 1 + 0.5 + 0.6 = 2.1 → eq 10000; per capita 5250; person weight 4
 *   B: 1 adult, income 6000 → scale 1 → eq 6000; per capita 6000; person weight 1
 *   C: 3 adults, income 30000 → scale 2 → eq 15000; per capita 10000; person weight 3
 *   D: 1 adult + 1 child, income 5200 → scale 1.3 → eq 4000; per capita 2600; person weight 2
 *   E: weight 0, income 0 (would make Watts and MLD infinite if it were kept)
 */
const households = (): Households => ({
  income: f64(21000, 6000, 30000, 5200, 0),
  weight: f64(1, 1, 1, 1, 0),
  size: f64(4, 1, 3, 2, 1),
  adults: f64(2, 1, 3, 1, 1),
  children: f64(2, 0, 0, 1, 0),
});

describe('measures of a household population', () => {
  it('modified OECD scale', () => {
    expect(modifiedOecdScale(2, 2)).toBeCloseTo(2.1, 14);
    expect(modifiedOecdScale(1, 0)).toBe(1);
    expect(modifiedOecdScale(3, 0)).toBe(2);
    expect(modifiedOecdScale(0, 2)).toBeCloseTo(1.3, 14); // children only: the first counts 1
  });

  it('derives per-capita and equivalised income and person weights, dropping zero weights', () => {
    const p = toPersons(households());
    expect(Array.from(p.rows)).toEqual([0, 1, 2, 3]);
    expect(Array.from(p.perCapita)).toEqual([5250, 6000, 10000, 2600]);
    expect(Array.from(p.equivalised).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([
      10000, 6000, 15000, 4000,
    ]);
    expect(Array.from(p.weight)).toEqual([4, 1, 3, 2]);
  });

  it('absolute poverty on per-capita income (line 6000: B at the line is not poor)', () => {
    // poor: A 5250 (w 4), D 2600 (w 2); W = 10 → H = 0.6.
    // gaps: A 750/6000 = 0.125, D 3400/6000 = 17/30 → PG = (4·0.125 + 2·17/30)/10 = (0.5 + 17/15)/10 = 49/300.
    // SG = (4·0.015625 + 2·(17/30)²)/10 = (0.0625 + 578/900)/10.
    const r = measureHouseholds(households(), 6000);
    expect(r.n).toBe(4);
    expect(r.population).toBe(10);
    expect(r.headcount).toBeCloseTo(0.6, 14);
    expect(r.povertyGap).toBeCloseTo(49 / 300, 14);
    expect(r.squaredGap).toBeCloseTo((0.0625 + 578 / 900) / 10, 14);
    expect(r.watts).toBeCloseTo((4 * Math.log(6000 / 5250) + 2 * Math.log(6000 / 2600)) / 10, 14);
    // Sen: μ_p = (21000 + 5200)/6 = 13100/3 → I = (6000 − 13100/3)/6000 = 49/180.
    // G_p of 2600 (w 2), 5250 (w 4): 2·(2·4·2650)/(2·6²·13100/3) = 53/393 (393 = 3·131).
    // S = 0.6 · [49/180 + (131/180)(53/393)] = 0.6 · [147/540 + 53/540] = 0.6 · 10/27 = 2/9.
    expect(r.sen).toBeCloseTo(2 / 9, 14);
  });

  it('relative poverty on equivalised income, ties at the 40 % and 60 % lines', () => {
    // sorted eq: 4000 (2), 6000 (1), 10000 (4), 15000 (3); shares 0.2, 0.3, 0.7, 1 → median 10000.
    // lines 4000, 5000, 6000. ARPR: < 4000 → nobody (D is at the line) = 0; < 5000 → D = 0.2;
    // < 6000 → D only (B is at the line) = 0.2. RMPG: median of those below 6000 = 4000 → (6000 − 4000)/6000 = 1/3.
    const { relative } = measureHouseholds(households(), 6000);
    expect(relative.median).toBeCloseTo(10000, 9);
    expect(relative.lines.p40).toBeCloseTo(4000, 9);
    expect(relative.lines.p50).toBeCloseTo(5000, 9);
    expect(relative.lines.p60).toBeCloseTo(6000, 9);
    expect(relative.arpr).toEqual({ p40: 0, p50: 0.2, p60: 0.2 });
    expect(relative.rmpg).toBeCloseTo(1 / 3, 9);
  });

  it('inequality on equivalised income (hand values in inequality.test.ts)', () => {
    const r = measureHouseholds(households(), 6000);
    expect(r.gini).toBeCloseTo(221 / 990, 12);
    // Eurostat (laeken qsr, the default): the 80 % cut-off is 15000, the largest income, so nobody is
    // above it: laeken's qsr gives 0 (case 'C weighted' of reference.test.ts), null here
    expect(r).toMatchObject({ s80s20: null, s80s20Convention: 'eurostat' });
    const lorenz = measureHouseholds(households(), 6000, undefined, { s80s20: 'lorenz' });
    expect(lorenz.s80s20).toBeCloseTo(3.75, 12);
    expect(lorenz.s80s20Convention).toBe('lorenz');
    expect(Number.isFinite(r.mld)).toBe(true);
  });

  it('poor at the line with at-or-below: B (per capita 6000 = the line) counts', () => {
    // below: A (4 persons), D (2) of 10 → 0.6; at-or-below adds B (1) → 0.7
    const r = measureHouseholds(households(), 6000, undefined, { poorIf: 'at-or-below' });
    expect(r.headcount).toBeCloseTo(0.7, 14);
    expect(r.poorIf).toBe('at-or-below');
    expect(r.povertyGap).toBeCloseTo(measureHouseholds(households(), 6000).povertyGap!, 14);
  });

  it('decomposes FGT by group: A, B in x; C, D in y', () => {
    // x: W 5, poor A (4) → H 0.8, PG 4·0.125/5 = 0.1; y: W 5, poor D (2) → H 0.4, PG 2·17/30/5 = 17/75.
    // contribution to H: x 0.5·0.8/0.6 = 2/3, y 0.5·0.4/0.6 = 1/3.
    const groups = { codes: Uint32Array.from([0, 0, 1, 1, 1]), labels: ['x', 'y'] };
    const [x, y] = measureHouseholds(households(), 6000, groups).byGroup!;
    expect(x).toMatchObject({
      label: 'x',
      population: 5,
      populationShare: 0.5,
      headcount: 0.8,
      povertyGap: 0.1,
    });
    expect(y!.headcount).toBeCloseTo(0.4, 14);
    expect(y!.povertyGap).toBeCloseTo(17 / 75, 14);
    expect(x!.contribution.headcount).toBeCloseTo(2 / 3, 14);
    expect(y!.contribution.headcount).toBeCloseTo(1 / 3, 14);
    expect(x!.contribution.povertyGap! + y!.contribution.povertyGap!).toBeCloseTo(1, 14);
  });

  it('empty population: counts 0, every measure null', () => {
    const h = households();
    h.weight.fill(0);
    const r = measureHouseholds(h, 6000);
    expect(r).toMatchObject({ n: 0, population: 0, headcount: null, sen: null, gini: null, mld: null });
    expect(r.relative).toEqual({
      median: null,
      lines: { p40: null, p50: null, p60: null },
      arpr: { p40: null, p50: null, p60: null },
      rmpg: null,
    });
  });

  it('single household', () => {
    const r = measureHouseholds(
      { income: f64(3000), weight: f64(2), size: f64(2), adults: f64(2), children: f64(0) },
      2000,
    );
    // per capita 1500 < 2000: H = 1, PG = 0.25; eq = 3000/1.5 = 2000 = median; lines 800, 1000, 1200; nobody below.
    expect(r).toMatchObject({
      n: 1,
      population: 4,
      headcount: 1,
      povertyGap: 0.25,
      gini: 0,
      s80s20: null, // laeken's rule: nobody above the 80 % cut-off (the Lorenz convention gives 1)
      theil: 0,
    });
    expect(r.relative).toMatchObject({ median: 2000, arpr: { p40: 0, p50: 0, p60: 0 }, rmpg: null });
  });

  it('rejects bad rows with the household index', () => {
    const bad = (patch: Partial<Households>) => () => measureHouseholds({ ...households(), ...patch }, 6000);
    expect(bad({ weight: f64(1, -1, 1, 1, 0) })).toThrow('weight[1]');
    expect(bad({ size: f64(4, 1, 3, 3, 1) })).toThrow('size[3]: must equal adults + children');
    expect(bad({ size: f64(4, 1, 3, 2, 0), adults: f64(2, 1, 3, 1, 0) })).toThrow('size[4]');
    expect(bad({ children: f64(2, 0, 0, 1.5, 0) })).toThrow('children[3]');
    expect(bad({ income: f64(21000, NaN, 30000, 5200, 0) })).toThrow('income[1]');
  });
});

import { describe, expect, it } from 'vitest';
import { mergeOrder, mergeParts, partBytes, partOf, type Part } from './parts.js';
import { frameOf, type RegistryRow } from './registry.js';
import { registryGroups, registryMeasures } from './registry-report.js';

/** A small deterministic generator (mulberry32), so a failure is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const COUNTIES = ['433124', '433125', '433101', '522301'];
const STATUSES = ['poor', 'returned', 'exited', 'monitored', 'non_poor'];

/** Rows of households spread over the counties with interleaved ids, ties, zero and negative incomes. */
function rowsOf(n: number, seed: number): RegistryRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const out: RegistryRow[] = [];
  for (let i = 0; i < n; i++) {
    const county = COUNTIES[Math.min(3, Math.floor(r() * r() * 5))]!; // counties of different sizes
    const size = 1 + Math.floor(r() * 6);
    const u = r();
    // a tenth of the incomes tie at 3,000 per person, some are 0, some negative
    const pc = u < 0.1 ? 3000 : u < 0.15 ? 0 : u < 0.18 ? -500 * r() : Math.round(8000 * r() * r());
    const transfer = Math.round(r() * 2000);
    out.push({
      id: 1000 + i * 3 + Math.floor(r() * 3),
      villageCode: `${county}${pick(['100', '110'])}${pick(['201', '226'])}`,
      status: pick(STATUSES),
      prevStatus: r() < 0.2 ? null : pick(STATUSES),
      householdType: pick(['general_poor', 'low_income', 'five_guarantee']),
      mainCause: r() < 0.1 ? null : pick(['illness', 'disability', 'lack_of_labour']),
      size,
      netIncome: pc * size,
      wage: pc * size - transfer,
      businessNet: r() < 0.1 ? -300 : 0,
      property: r() < 0.5 ? 120.5 : 0,
      transfer,
      under14: Math.floor(r() * 3),
      adults16: Math.floor(r() * 3),
      schooledAdults16: Math.floor(r() * 2),
      outOfSchool: r() < 0.1 ? 1 : 0,
      uninsured: r() < 0.1 ? 1 : 0,
      houseGrade: pick(['A', 'B', 'C', 'D', null]),
      safeWater: r() < 0.9,
      electricity: r() < 0.97,
      sanitaryToilet: r() < 0.7,
    });
  }
  return out;
}

/** The parts of the counties, each from its own frame (as a county's store gives it). */
const partsOf = (rows: RegistryRow[]): Part[] =>
  COUNTIES.map((c) => partOf(frameOf(rows.filter((x) => x.villageCode.startsWith(c))), c));

describe('per-county parts', () => {
  const rows = rowsOf(3000, 7);
  const whole = frameOf(rows);
  const merged = mergeParts(partsOf(rows));

  it('merge back into the same rows in the same order as the whole frame', () => {
    expect(merged.n).toBe(whole.n);
    expect(merged.id).toEqual(whole.id);
    for (const k of [
      'income',
      'size',
      'adults',
      'children',
      'wage',
      'business',
      'property',
      'transfer',
    ] as const)
      expect(merged[k], k).toEqual(whole[k]);
    expect(merged.registered).toEqual(whole.registered);
    expect(merged.exited).toEqual(whole.exited);
    expect(merged.deprived).toEqual(whole.deprived);
    for (let i = 0; i < whole.n; i++) {
      expect(merged.villages[merged.village[i]!]).toBe(whole.villages[whole.village[i]!]);
      expect(merged.types[merged.type[i]!]).toBe(whole.types[whole.type[i]!]);
      expect(merged.causes[merged.cause[i]!]).toBe(whole.causes[whole.cause[i]!]);
      expect(merged.statuses[merged.status[i]!]).toBe(whole.statuses[whole.status[i]!]);
    }
  });

  it.each([
    ['nation', ''],
    ['province', '43'],
    ['prefecture', '4331'],
    ['county', '433124'],
  ])('give every measure of the %s exactly', (_name, region) => {
    for (const population of ['all', 'registered'] as const)
      for (const line of [2500, 4000])
        expect(registryMeasures(merged, region, population, line)).toEqual(
          registryMeasures(whole, region, population, line),
        );
  });

  it('give the decompositions by type, cause, township and village exactly', () => {
    for (const by of ['household_type', 'cause', 'township', 'village'] as const)
      expect(registryGroups(merged, '43', 'all', 4000, by)).toEqual(
        registryGroups(whole, '43', 'all', 4000, by),
      );
  });

  it('hold about 60 bytes a household', () => {
    const parts = partsOf(rows);
    const perHousehold = parts.reduce((s, p) => s + partBytes(p), 0) / rows.length;
    expect(perHousehold).toBeGreaterThan(55);
    expect(perHousehold).toBeLessThan(70);
  });

  it('merge in id order whatever the parts, and refuse a household in two parts', () => {
    const parts = partsOf(rows);
    const { part, row } = mergeOrder([...parts].reverse());
    let last = -Infinity;
    for (let o = 0; o < part.length; o++) {
      const id = [...parts].reverse()[part[o]!]!.id[row[o]!]!;
      expect(id).toBeGreaterThan(last);
      last = id;
    }
    expect(() => mergeOrder([parts[0]!, parts[0]!])).toThrow(/two parts/);
    expect(mergeParts([]).n).toBe(0);
  });
});

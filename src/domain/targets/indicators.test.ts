import { describe, expect, it } from 'vitest';
import { growthOf, INDICATOR_KINDS, INDICATOR_VALUE, progressOf, shareOf, splitBySum } from './indicators.js';

describe('indicator values', () => {
  it.each([
    // 37 of 40 monitored households covered: 92.5 %
    [{ part: 37, whole: 40 }, 92.5],
    // 2 of 3: 66.666… → 66.7
    [{ part: 2, whole: 3 }, 66.7],
    [{ part: 0, whole: 5 }, 0],
    // no household to cover: no value, not 0 % and not 100 %
    [{ part: 0, whole: 0 }, null],
    [{}, null],
  ])('share %o → %s', (f, want) => expect(shareOf(f)).toBe(want));

  it.each([
    // 2024: 60,000 yuan over 10 persons = 6,000; 2025: 71,280 over 11 = 6,480 → +8.0 %
    [{ income: 71_280, persons: 11, incomeBefore: 60_000, personsBefore: 10 }, 8],
    // 10,000/4 = 2,500 before; 9,000/4 = 2,250 now → −10.0 %
    [{ income: 9_000, persons: 4, incomeBefore: 10_000, personsBefore: 4 }, -10],
    // 1/3 growth: 4,000/3 now over 1,000 before (per person) → +33.3 %
    [{ income: 4_000, persons: 3, incomeBefore: 1_000, personsBefore: 1 }, 33.3],
    [{ income: 5_000, persons: 2, incomeBefore: 0, personsBefore: 2 }, null],
    [{ income: 5_000, persons: 2, incomeBefore: 3_000, personsBefore: 0 }, null],
    [{ income: 5_000, persons: 0, incomeBefore: 3_000, personsBefore: 2 }, null],
  ])('growth %o → %s', (f, want) => expect(growthOf(f)).toBe(want));

  it('every kind has its computation; counts read the count, rates the share', () => {
    for (const k of INDICATOR_KINDS) expect(typeof INDICATOR_VALUE[k]).toBe('function');
    expect(INDICATOR_VALUE.exit_households({ count: 12 })).toBe(12);
    expect(INDICATOR_VALUE.employed_labour({})).toBe(0);
    expect(INDICATOR_VALUE.dibao_linkage({ part: 3, whole: 4 })).toBe(75);
    expect(INDICATOR_VALUE.exited_income_growth({ part: 3, whole: 4 })).toBeNull();
  });
});

describe('progressOf', () => {
  const binding = { binding: true };
  it.each([
    [binding, 45, 50, { pct: 90, state: 'behind' }],
    [binding, 50, 50, { pct: 100, state: 'met' }],
    [binding, 96.5, 95, { pct: 101.6, state: 'met' }],
    [binding, 3, 0, { pct: 100, state: 'met' }],
    [binding, 10, null, { pct: null, state: 'no_target' }],
    [binding, null, 95, { pct: null, state: 'no_data' }],
    [binding, null, null, { pct: null, state: 'no_target' }],
    // risk removal is tracked, never a quota: no 'behind'
    [{ binding: false }, 4, 20, { pct: 20, state: 'tracked' }],
  ] as const)('%o: actual %s of target %s', (def, actual, target, want) =>
    expect(progressOf(def, actual, target)).toEqual(want),
  );

  it('counts split by sum, rates each on their own', () => {
    expect(splitBySum({ aggregation: 'sum' })).toBe(true);
    expect(splitBySum({ aggregation: 'rate' })).toBe(false);
  });
});

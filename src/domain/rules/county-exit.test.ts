import { describe, expect, it } from 'vitest';
import { countyExit, type CountyExitFacts } from './county-exit.js';
import { defaultParams } from './params.js';

const p = defaultParams(2019);
const ok = {
  exitedSampled: 100,
  wronglyExited: 1,
  unregisteredSampled: 150,
  eligibleUnregistered: 2,
  surveyed: 100,
  approving: 95,
};
const c = (
  over: Partial<CountyExitFacts['evaluation']> = {},
  poor = 1_500,
  population = 100_000,
): CountyExitFacts => ({
  poorPersons: poor,
  ruralPopulation: population,
  evaluation: { ...ok, ...over },
});
const failing = (f: CountyExitFacts, params = p) =>
  countyExit(f, params)
    .reasons.filter((r) => !r.passed)
    .map((r) => r.criterion);

describe('county exit and the third-party veto', () => {
  it.each<[string, CountyExitFacts, string, string[]]>([
    ['1.5 % incidence, clean evaluation', c(), 'may_exit', []],
    ['错退率 2 / 100 = 2 % vetoes', c({ wronglyExited: 2 }), 'vetoed', ['wrong_exit_rate']],
    ['错退率 1.99 % (199 / 10,000) passes', c({ wronglyExited: 199, exitedSampled: 10_000 }), 'may_exit', []],
    ['漏评率 3 / 150 = 2 % vetoes', c({ eligibleUnregistered: 3 }), 'vetoed', ['omission_rate']],
    ['approval exactly 90 % passes', c({ approving: 90 }), 'may_exit', []],
    ['approval 89 % vetoes', c({ approving: 89 }), 'vetoed', ['public_approval']],
    [
      'no one surveyed cannot clear the veto',
      c({ surveyed: 0, approving: 0 }),
      'vetoed',
      ['public_approval'],
    ],
    ['2.5 % incidence outside the west', c({}, 2_500), 'not_yet', ['poverty_incidence']],
    [
      'a veto dominates high incidence',
      c({ wronglyExited: 5 }, 2_500),
      'vetoed',
      ['poverty_incidence', 'wrong_exit_rate'],
    ],
  ])('%s', (_label, f, decision, failed) => {
    expect(countyExit(f, p).decision).toBe(decision);
    expect(failing(f)).toEqual(failed);
  });

  it('uses 3 % in the west', () => {
    expect(countyExit(c({}, 2_500), defaultParams(2019, { western: true })).decision).toBe('may_exit');
    expect(countyExit(c({}, 3_001), defaultParams(2019, { western: true })).decision).toBe('not_yet');
  });

  it('reads out the veto', () => {
    const r = countyExit(c({ wronglyExited: 2 }), p).reasons.find((x) => x.criterion === 'wrong_exit_rate')!;
    expect(r.label_zh).toBe('错退率 2%（2 / 100），达到 2%，一票否决');
    expect(r).toMatchObject({ value: 0.02, threshold: 0.02, passed: false });
  });
});

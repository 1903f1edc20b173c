import { describe, expect, it } from 'vitest';
import { defaultParams } from './params.js';
import { villageExit, type VillageExitFacts } from './village-exit.js';

const east = defaultParams(2019);
const west = defaultParams(2019, { western: true });
const v = (poor: number, population = 1_000, over: Partial<VillageExitFacts> = {}): VillageExitFacts => ({
  poorPersons: poor,
  ruralPopulation: population,
  infrastructureMet: true,
  servicesMet: true,
  collectiveIncomeMet: true,
  ...over,
});

describe('village exit', () => {
  it.each([
    ['20 / 1,000 = 2 % (at the threshold)', v(20), east, 'may_exit'],
    ['21 / 1,000 = 2.1 %', v(21), east, 'not_yet'],
    ['30 / 1,000 = 3 % in the west', v(30), west, 'may_exit'],
    ['31 / 1,000 = 3.1 % in the west', v(31), west, 'not_yet'],
    ['30 / 1,000 = 3 % outside the west', v(30), east, 'not_yet'],
    ['no population recorded', v(0, 0), east, 'not_yet'],
    ['roads not up to standard', v(0, 1_000, { infrastructureMet: false }), east, 'not_yet'],
    ['services not up to standard', v(0, 1_000, { servicesMet: false }), east, 'not_yet'],
    ['no collective income', v(0, 1_000, { collectiveIncomeMet: false }), east, 'not_yet'],
  ])('%s', (_label, facts, params, decision) => {
    expect(villageExit(facts, params).decision).toBe(decision);
  });

  it('states the incidence in plain Chinese', () => {
    expect(villageExit(v(30), west).reasons[0]!.label_zh).toBe(
      '贫困发生率 3%（30 / 1000 人），不高于西部地区退出标准 3%',
    );
  });
});

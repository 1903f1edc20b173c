import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../warnings/weights.js';
import {
  grievanceDeadlinesOf,
  inspectionLimitsOf,
  leafOf,
  leafProblem,
  resolveLeaves,
  SETTING_DEFS,
  SETTING_KEYS,
  setRefusal,
  warningWeightsOf,
} from './regional-settings.js';

const rows = [
  { path: 'perYear', region: '', value: 6 },
  { path: 'perYear', region: '43', value: 5 },
  { path: 'perYear', region: '433124', value: 2 },
  { path: 'daysPerYear', region: '4331', value: 8 },
  // another county's row never reaches 433124
  { path: 'daysPerYear', region: '433125', value: 1 },
];

describe('regional settings', () => {
  it('takes each value from the nearest region that sets it, else the default', () => {
    expect(inspectionLimitsOf(rows, '433124110226')).toEqual({ perYear: 2, daysPerYear: 8 });
    expect(inspectionLimitsOf(rows, '433125')).toEqual({ perYear: 5, daysPerYear: 1 });
    expect(inspectionLimitsOf(rows, '44')).toEqual({ perYear: 6, daysPerYear: 10 }); // 10: the default
    expect(inspectionLimitsOf([], '')).toEqual({ perYear: 4, daysPerYear: 10 });
  });

  it('names the national, inherited and local value of a region, and where the value comes from', () => {
    const [perYear, days] = resolveLeaves('inspection_limits', rows, '433124');
    expect(perYear).toMatchObject({ value: 2, from: '433124', national: 6, inherited: 5, local: 2 });
    expect(days).toMatchObject({ value: 8, from: '4331', national: null, inherited: 8, local: null });
    const [p2] = resolveLeaves('inspection_limits', rows, '4331');
    expect(p2).toMatchObject({ value: 5, from: '43', inherited: 5, local: null });
  });

  it('rebuilds the typed objects the services use, from the defaults when nothing is stored', () => {
    expect(warningWeightsOf([], '433124')).toEqual(DEFAULT_WEIGHTS);
    const w = warningWeightsOf([{ path: 'kinds.illness', region: '433124', value: 40 }], '433124110226');
    expect(w.kinds.illness).toBe(40);
    expect(w.kinds.accident).toBe(DEFAULT_WEIGHTS.kinds.accident);
    const d = grievanceDeadlinesOf([{ path: 'funds_misuse.resolveDays', region: '43', value: 30 }], '433124');
    expect(d.funds_misuse).toEqual({ ackDays: 3, resolveDays: 30 });
    expect(d.other).toEqual({ ackDays: 3, resolveDays: 15 });
  });

  it('labels every value in both languages, with bounds that hold its default', () => {
    for (const key of SETTING_KEYS)
      for (const l of SETTING_DEFS[key].leaves) {
        expect(l.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(l.zh).not.toMatch(/[A-Za-z]/);
        expect(l.en).toMatch(/^[\x20-\x7e]+$/);
        expect(leafProblem(l, l.defaultValue)).toBeNull();
      }
    const per = leafOf('inspection_limits', 'perYear')!;
    expect(leafProblem(per, 0)).toMatch(/between/);
    expect(leafProblem(per, 2.5)).toMatch(/whole/);
  });

  it('lets only a whole-country administrator set national values, and others only within their scope', () => {
    const admin = { role: 'admin', scopeCode: '', maySet: true };
    const county = { role: 'county_officer', scopeCode: '433124', maySet: true };
    const province = { role: 'county_officer', scopeCode: '43', maySet: true };
    const township = { role: 'township_officer', scopeCode: '433124110', maySet: false };
    expect(setRefusal(admin, '')).toBeNull();
    expect(setRefusal(admin, '433124')).toBeNull();
    expect(setRefusal({ ...admin, scopeCode: '433124' }, '')).toMatch(/national/);
    expect(setRefusal(county, '')).toMatch(/national/);
    expect(setRefusal(county, '433124')).toBeNull();
    expect(setRefusal(county, '433125')).toMatch(/outside/);
    expect(setRefusal(county, '43')).toMatch(/outside/);
    expect(setRefusal(province, '433125')).toBeNull();
    expect(setRefusal(county, '433124110')).toMatch(/county/);
    expect(setRefusal(township, '433124')).toMatch(/county officers/);
  });
});

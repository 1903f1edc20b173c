import { describe, expect, it } from 'vitest';
import { checkAdmission } from './admission.js';
import { concentration, costSignals, idleReasons, median } from './signals.js';
import { apportion, checkSplit, heapingSignal, progressPct } from './targets.js';

describe('checkAdmission', () => {
  const ind = { name: '带动脱贫户增收', targetValue: 1200, unit: '元/户' };
  it('admits a project with a measurable indicator and a linkage', () => {
    expect(checkAdmission({ indicators: [ind], linkages: ['dividend'], linkageNote: '按股分红' })).toEqual({
      admitted: true,
      missing: [],
      reasons: [],
    });
  });
  it('names each missing part', () => {
    const r = checkAdmission({ indicators: [], linkages: [], linkageNote: '' });
    expect(r.admitted).toBe(false);
    expect(r.missing).toEqual(['performance_targets', 'benefit_linkage']);
  });
  it('refuses indicators without target value or unit', () => {
    const r = checkAdmission({
      indicators: [
        { ...ind, targetValue: 0 },
        { ...ind, unit: ' ' },
        { ...ind, targetValue: null },
      ],
      linkages: ['jobs'],
      linkageNote: '车间务工',
    });
    expect(r.missing).toEqual(['performance_targets']);
    expect(r.reasons[0]).toMatch(/none of the given indicators/);
  });
  it('needs a linkage description as well as a type', () => {
    expect(checkAdmission({ indicators: [ind], linkages: ['jobs'], linkageNote: ' ' }).missing).toEqual([
      'benefit_linkage',
    ]);
  });
});

describe('checkSplit', () => {
  const parent = { regionCode: '433124', value: 1000 };
  it('accepts children that add up', () => {
    expect(
      checkSplit(parent, [
        { regionCode: 'a', value: 600 },
        { regionCode: 'b', value: 400 },
      ]),
    ).toBeNull();
  });
  it('reports a shortfall and an excess with the difference', () => {
    expect(
      checkSplit(parent, [
        { regionCode: 'a', value: 600 },
        { regionCode: 'b', value: 380 },
      ]),
    ).toEqual({
      kind: 'shortfall',
      regionCode: '433124',
      parentValue: 1000,
      childSum: 980,
      difference: 20,
    });
    expect(checkSplit(parent, [{ regionCode: 'a', value: 1005 }])).toMatchObject({
      kind: 'excess',
      difference: 5,
    });
  });
});

describe('progress and heaping', () => {
  it('computes progress in percent', () => {
    expect(progressPct(450, 600)).toBe(75);
    expect(progressPct(1, 3)).toBe(33.3);
    expect(progressPct(5, null)).toBeNull();
    expect(progressPct(0, 0)).toBe(100);
  });
  it('flags exits heaped just above the line against the reference', () => {
    // 30 of 100 exits within +10 %, vs 10 % of the reference: ratio 3
    const s = heapingSignal(30, 100, 50, 500);
    expect(s.share).toBeCloseTo(0.3);
    expect(s.reference).toBeCloseTo(0.1);
    expect(s.ratio).toBeCloseTo(3);
    expect(s.flagged).toBe(true);
    expect(heapingSignal(12, 100, 50, 500).flagged).toBe(false);
    expect(heapingSignal(0, 0, 5, 10).share).toBeNull();
  });
});

describe('signals', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('flags cost per beneficiary above 3× the median of the same type', () => {
    const rows = [
      { id: '1', type: 'planting', funds: 100_000, beneficiaries: 50 }, // 2000
      { id: '2', type: 'planting', funds: 60_000, beneficiaries: 30 }, // 2000
      { id: '3', type: 'planting', funds: 90_000, beneficiaries: 30 }, // 3000
      { id: '4', type: 'planting', funds: 1_000_000, beneficiaries: 20 }, // 50000 → bonsai
      { id: '5', type: 'tourism', funds: 1_000_000, beneficiaries: 10 }, // no peers
    ];
    const s = costSignals(rows);
    expect(s.find((x) => x.id === '4')).toMatchObject({ peerMedian: 2500, ratio: 20, bonsai: true });
    expect(s.filter((x) => x.bonsai).map((x) => x.id)).toEqual(['4']);
    expect(s.find((x) => x.id === '5')!.peerMedian).toBeNull();
  });
  it('computes village shares and the Herfindahl index', () => {
    const c = concentration([
      { villageCode: 'a', funds: 50 },
      { villageCode: 'b', funds: 30 },
      { villageCode: 'c', funds: 20 },
    ]);
    expect(c.hhi).toBeCloseTo(0.25 + 0.09 + 0.04);
    expect(c.top[0]).toMatchObject({ villageCode: 'a', share: 0.5 });
  });
  it('lists idle reasons; a revival plan clears them', () => {
    const base = { completed: true, beneficiaries: 10, benefitLastYear: 0, completedBeforeLastYear: true };
    expect(idleReasons({ ...base, latestStatus: 'idle' })).toEqual(['followup_idle', 'no_benefit']);
    expect(idleReasons({ ...base, latestStatus: 'operating', benefitLastYear: 500 })).toEqual([]);
    expect(idleReasons({ ...base, latestStatus: 'revival' })).toEqual([]);
    expect(idleReasons({ ...base, completed: false, latestStatus: null })).toEqual([]);
  });
});

describe('apportion', () => {
  it('splits in proportion and adds up exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [50, 30, 20])).toEqual([50, 30, 20]);
    const parts = apportion(997, [13, 7, 29, 0, 51]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(997);
    expect(parts[3]).toBe(0);
    expect(apportion(5, [0, 0])).toEqual([3, 2]);
  });
});

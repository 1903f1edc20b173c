import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { defaultParams } from '../rules/params.js';
import { countyExit } from '../rules/county-exit.js';
import { checkCoverage } from './coverage.js';
import {
  drawSample,
  srs,
  type FrameHousehold,
  type FrameVillage,
  type SampleCell,
  type Stratum,
} from './design.js';
import { estimateProportion, wilson, type Observation, type ProportionEstimate } from './estimate.js';
import { evaluationVerdict } from './verdict.js';

const villages: FrameVillage[] = [
  { code: 'A1', township: 'A' },
  { code: 'A2', township: 'A' },
  { code: 'A3', township: 'A' },
  { code: 'B1', township: 'B' },
];

function frame(): FrameHousehold[] {
  const out: FrameHousehold[] = [];
  let id = 1;
  for (const v of villages) {
    for (let i = 0; i < 10; i++) out.push({ id: String(id++), village: v.code, stratum: 'exited' });
    for (let i = 0; i < 3; i++)
      out.push({ id: String(id++), village: v.code, stratum: 'outside_vulnerable' });
    for (let i = 0; i < 20; i++) out.push({ id: String(id++), village: v.code, stratum: 'outside_other' });
  }
  return out;
}

describe('srs', () => {
  it('draws k distinct items, all when k ≥ n, the same for the same seed', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = srs(items, 7, new Rng('s'));
    expect(new Set(a).size).toBe(7);
    expect(a).toEqual(srs(items, 7, new Rng('s')));
    expect(a).not.toEqual(srs(items, 7, new Rng('t')));
    expect(srs(items, 80, new Rng('s'))).toEqual(items);
  });
});

describe('drawSample', () => {
  const p = { villagesPerTownship: 2, exitedPerVillage: 4, otherPerVillage: 5, seed: '7' };
  const s = drawSample(villages, frame(), p);

  it('samples villages per township and takes every village of a small township', () => {
    expect(s.villages.filter((v) => v.township === 'A')).toHaveLength(2);
    expect(s.villages.filter((v) => v.township === 'B')).toEqual([
      { code: 'B1', township: 'B', townshipVillages: 1, townshipSampled: 1 },
    ]);
  });

  it('takes every vulnerable household outside the registry and samples the other strata', () => {
    for (const v of s.villages) {
      const cells = s.cells.filter((c) => c.village === v.code);
      expect(cells.find((c) => c.stratum === 'outside_vulnerable')).toMatchObject({ frame: 3, sampled: 3 });
      expect(cells.find((c) => c.stratum === 'exited')).toMatchObject({ frame: 10, sampled: 4 });
      expect(cells.find((c) => c.stratum === 'outside_other')).toMatchObject({ frame: 20, sampled: 5 });
    }
    expect(s.households).toHaveLength(3 * (4 + 3 + 5));
  });

  it('weights are the inverse inclusion probabilities and sum to the frame of the sampled villages', () => {
    const a = s.households.find((h) => h.township === 'A' && h.stratum === 'exited')!;
    expect(a.weight).toBeCloseTo((3 / 2) * (10 / 4), 12);
    const b = s.households.find((h) => h.township === 'B' && h.stratum === 'outside_other')!;
    expect(b.weight).toBeCloseTo(20 / 5, 12);
    // Σ w over township A estimates all 3 villages × 33 households
    const sumA = s.households.filter((h) => h.township === 'A').reduce((x, h) => x + h.weight, 0);
    expect(sumA).toBeCloseTo(99, 9);
  });

  it('is deterministic for a seed and refuses bad parameters', () => {
    expect(drawSample(villages, frame(), p)).toEqual(s);
    expect(() => drawSample(villages, frame(), { ...p, villagesPerTownship: 0 })).toThrow(
      /villagesPerTownship/,
    );
    expect(() => drawSample(villages, frame(), { ...p, exitedPerVillage: 1.5 })).toThrow(/exitedPerVillage/);
  });
});

describe('estimateProportion', () => {
  it('one village taken for certainty: the SRS proportion with its finite-population variance', () => {
    const sv = [{ code: 'B1', township: 'B', townshipVillages: 1, townshipSampled: 1 }];
    const cells: SampleCell[] = [{ village: 'B1', stratum: 'exited', frame: 10, sampled: 4 }];
    const obs: Observation[] = [1, 0, 0, 0].map((y) => ({ village: 'B1', stratum: 'exited', y: y as 0 | 1 }));
    const e = estimateProportion(sv, cells, obs, (s) => s === 'exited');
    expect(e.estimate).toBeCloseTo(0.25, 12);
    // (1 − 4/10) · p(1−p) · n/(n−1) / n = 0.6 · 0.1875 · 4/3 / 4 = 0.0375
    expect(e.se).toBeCloseTo(Math.sqrt(0.0375), 12);
    expect(e.population).toBeCloseTo(10, 12);
    expect([e.respondents, e.positives]).toEqual([4, 1]);
    expect(e.ciLow!).toBeLessThan(0.25);
    expect(e.ciHigh!).toBeGreaterThan(0.25);
  });

  it('sampled villages: the ultimate-cluster variance over villages', () => {
    const sv = ['A1', 'A2'].map((code) => ({ code, township: 'A', townshipVillages: 4, townshipSampled: 2 }));
    const cells: SampleCell[] = sv.map((v) => ({ village: v.code, stratum: 'exited', frame: 5, sampled: 5 }));
    const obs: Observation[] = [
      ...[1, 1, 0, 0, 0].map((y) => ({ village: 'A1', stratum: 'exited' as const, y: y as 0 | 1 })),
      ...[0, 0, 0, 0, 0].map((y) => ({ village: 'A2', stratum: 'exited' as const, y: y as 0 | 1 })),
    ];
    const e = estimateProportion(sv, cells, obs, () => true);
    // w = (4/2)(5/5) = 2, N̂ = 20, p̂ = 4/20; PSU totals of w(y−p̂)/N̂: +0.1 and −0.1; v = 2 · s² = 0.04
    expect(e.estimate).toBeCloseTo(0.2, 12);
    expect(e.se).toBeCloseTo(0.2, 12);
    expect(e.population).toBeCloseTo(20, 12);
  });

  it('spreads non-response over the respondents of the cell and ignores other domains', () => {
    const sv = [{ code: 'B1', township: 'B', townshipVillages: 1, townshipSampled: 1 }];
    const cells: SampleCell[] = [
      { village: 'B1', stratum: 'outside_vulnerable', frame: 2, sampled: 2 },
      { village: 'B1', stratum: 'outside_other', frame: 30, sampled: 3 },
      { village: 'B1', stratum: 'exited', frame: 5, sampled: 5 },
    ];
    const obs: Observation[] = [
      { village: 'B1', stratum: 'outside_vulnerable', y: 1 },
      { village: 'B1', stratum: 'outside_vulnerable', y: null },
      { village: 'B1', stratum: 'outside_other', y: 0 },
      { village: 'B1', stratum: 'outside_other', y: 0 },
      { village: 'B1', stratum: 'outside_other', y: 0 },
      { village: 'B1', stratum: 'exited', y: 1 },
    ];
    const e = estimateProportion(sv, cells, obs, (s) => s !== 'exited');
    // the one vulnerable respondent stands for both (w = 2); the others for 10 each
    expect(e.population).toBeCloseTo(32, 12);
    expect(e.estimate).toBeCloseTo(2 / 32, 12);
    expect([e.respondents, e.positives]).toEqual([4, 1]);
  });

  it('an empty domain gives no estimate rather than a zero', () => {
    const e = estimateProportion([], [], [], () => true);
    expect(e.estimate).toBeNull();
    expect(e.respondents).toBe(0);
  });
});

describe('wilson', () => {
  it('matches the textbook interval and stays within [0, 1] at the edges', () => {
    const [lo, hi] = wilson(0.5, 100);
    expect(lo).toBeCloseTo(0.4038, 4);
    expect(hi).toBeCloseTo(0.5962, 4);
    const [lo0, hi0] = wilson(0, 50);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.0713, 4);
  });
});

describe('evaluationVerdict', () => {
  const params = defaultParams(2019);
  const est = (p: number, lo: number, hi: number, n = 200): ProportionEstimate => ({
    estimate: p,
    se: 0,
    ciLow: lo,
    ciHigh: hi,
    respondents: n,
    positives: Math.round(p * n),
    population: n,
    deff: 1,
    notes: [],
  });
  const incidence = { poorPersons: 10, ruralPopulation: 1000 };

  it('may exit when every estimate clears its threshold, vetoed when one does not', () => {
    const ok = evaluationVerdict(
      { wrongExit: est(0.005, 0, 0.015), omission: est(0.01, 0.002, 0.018), approval: est(0.95, 0.92, 0.97) },
      incidence,
      params,
    );
    expect(ok.decision).toBe('may_exit');
    expect(ok.reasons.every((r) => r.passed)).toBe(true);
    const veto = evaluationVerdict(
      { wrongExit: est(0.03, 0.021, 0.04), omission: est(0.01, 0, 0.03), approval: est(0.95, 0.92, 0.97) },
      incidence,
      params,
    );
    expect(veto.decision).toBe('vetoed');
    const wrong = veto.reasons.find((r) => r.criterion === 'wrong_exit_rate')!;
    expect(wrong.conclusive).toBe(true);
    const omission = veto.reasons.find((r) => r.criterion === 'omission_rate')!;
    expect(omission.conclusive).toBe(false);
    expect(veto.reasons.find((r) => r.criterion === 'omission_rate')!.label_zh).toContain('扩大样本');
  });

  it('agrees with the count rule on a self-weighting sample', () => {
    const e = (pos: number, n: number) => est(pos / n, pos / n, pos / n, n);
    const counts = {
      exitedSampled: 100,
      wronglyExited: 2,
      unregisteredSampled: 100,
      eligibleUnregistered: 1,
    };
    const byCounts = countyExit(
      { ...incidence, evaluation: { ...counts, surveyed: 100, approving: 93 } },
      params,
    ).decision;
    const byEstimates = evaluationVerdict(
      { wrongExit: e(2, 100), omission: e(1, 100), approval: e(93, 100) },
      incidence,
      params,
    ).decision;
    expect(byEstimates).toBe(byCounts);
    expect(byEstimates).toBe('vetoed'); // 2 % wrong exits is at the threshold: veto
  });

  it('cannot clear the veto without checked households', () => {
    const none: ProportionEstimate = {
      ...est(0, 0, 0),
      estimate: null,
      ciLow: null,
      ciHigh: null,
      respondents: 0,
    };
    expect(
      evaluationVerdict(
        { wrongExit: none, omission: est(0, 0, 0.01), approval: est(1, 0.98, 1) },
        incidence,
        params,
      ).decision,
    ).toBe('vetoed');
  });
});

describe('coverage: when the checks support a verdict', () => {
  const a = (village: string, stratum: Stratum, status: string) => ({ village, stratum, status });
  const ten = (village: string, stratum: Stratum, checked: number) =>
    Array.from({ length: 10 }, (_, i) => a(village, stratum, i < checked ? 'checked' : 'pending'));

  it('is not enough before any check, below 80 % of a group, or with a village unchecked', () => {
    expect(checkCoverage(ten('v1', 'exited', 0), ['v1']).enough).toBe(false);
    const partial = checkCoverage([...ten('v1', 'exited', 7), ...ten('v1', 'outside_other', 10)], ['v1']);
    expect(partial.enough).toBe(false);
    expect(partial.groups[0]).toMatchObject({ group: 'exited', sampled: 10, checked: 7, enough: false });
    const village = checkCoverage(
      [...ten('v1', 'exited', 10), ...ten('v2', 'outside_other', 0)],
      ['v1', 'v2'],
    );
    expect(village.groups[1]!.enough).toBe(false);
    expect(village.villages).toEqual({ sampled: 2, withCheck: 1 });
  });

  it('is enough at 80 % of each group with every village checked; unreachable is not checked', () => {
    const answers = [
      ...ten('v1', 'exited', 8),
      ...ten('v1', 'outside_vulnerable', 6),
      ...ten('v2', 'outside_other', 10),
    ];
    expect(checkCoverage(answers, ['v1', 'v2']).enough).toBe(true);
    const unreachable = answers.map((x, i) => (i === 0 ? { ...x, status: 'unreachable' } : x));
    expect(checkCoverage(unreachable, ['v1', 'v2']).groups[0]).toMatchObject({ checked: 7, enough: false });
  });

  it('a group with nobody sampled asks nothing', () => {
    expect(checkCoverage(ten('v1', 'outside_other', 9), ['v1'])).toMatchObject({
      enough: true,
      groups: [{ group: 'exited', sampled: 0, share: null, enough: true }, { group: 'outside' }],
    });
  });
});

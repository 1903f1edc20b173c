import { describe, expect, it } from 'vitest';
import { riskScore, topReasons, type ScoreSignal, type Vulnerability } from './score.js';
import { DEFAULT_WEIGHTS } from './weights.js';

const none: Vulnerability = {
  noLabour: false,
  seriousIllness: false,
  disability: false,
  elderlyAlone: false,
};
const TODAY = '2025-07-01';
const sig = (over: Partial<ScoreSignal> & Pick<ScoreSignal, 'kind'>): ScoreSignal => ({
  id: '1',
  channel: 'cadre_screening',
  observedOn: TODAY,
  detail: {},
  ...over,
});
const pointsOf = (r: ReturnType<typeof riskScore>, criterion: string) =>
  r.contributions.filter((c) => c.criterion === criterion).map((c) => c.points);

describe('risk score', () => {
  it('a household with nothing scores 0 and lists nothing', () => {
    expect(riskScore([], none, TODAY)).toEqual({ score: 0, contributions: [] });
  });

  it('a fresh illness report adds its base points; 180 days later half; 360 days later a quarter', () => {
    expect(riskScore([sig({ kind: 'illness' })], none, TODAY).score).toBe(30);
    // 2025-01-02 → 2025-07-01 = 180 days: 30 × 0.5 = 15
    expect(riskScore([sig({ kind: 'illness', observedOn: '2025-01-02' })], none, TODAY).score).toBe(15);
    // 2024-07-06 → 2025-07-01 = 360 days: 30 × 0.25 = 7.5
    expect(riskScore([sig({ kind: 'illness', observedOn: '2024-07-06' })], none, TODAY).score).toBe(7.5);
  });

  it('estimated loss adds 1 point per 1,000 yuan, at most 10', () => {
    // accident 25 + 4,500 / 1,000 = 29.5
    expect(riskScore([sig({ kind: 'accident', detail: { estimatedLoss: 4500 } })], none, TODAY).score).toBe(
      29.5,
    );
    // 50,000 yuan → capped at +10: 35
    expect(riskScore([sig({ kind: 'accident', detail: { estimatedLoss: 50_000 } })], none, TODAY).score).toBe(
      35,
    );
  });

  it('a medical bill adds 2 points per 10 % of annual income it takes, at most 20', () => {
    // 12,000 of 30,000 = 40 % → 20 + 8 = 28
    const r = riskScore(
      [
        sig({
          kind: 'medical_bill',
          channel: 'department',
          detail: { amount: 12_000, annualIncome: 30_000 },
        }),
      ],
      none,
      TODAY,
    );
    expect(r.score).toBe(28);
    // 60,000 of 20,000 = 300 % → +60 capped at +20 → 40
    const big = riskScore(
      [
        sig({
          kind: 'medical_bill',
          channel: 'department',
          detail: { amount: 60_000, annualIncome: 20_000 },
        }),
      ],
      none,
      TODAY,
    );
    expect(big.score).toBe(40);
  });

  it('a kind counts once (its strongest signal); the other is listed with 0', () => {
    const r = riskScore(
      [
        sig({ id: 'a', kind: 'illness', channel: 'self_report', observedOn: '2025-01-02' }),
        sig({ id: 'b', kind: 'illness' }),
      ],
      none,
      TODAY,
    );
    expect(r.score).toBe(30);
    expect(r.contributions.map((c) => [c.signalId, c.points])).toEqual([
      ['a', 0],
      ['b', 30],
    ]);
  });

  it('signals are capped at 60', () => {
    // illness 30 + accident 25 + income drop 25 = 80 → 60
    const r = riskScore(
      [
        sig({ id: '1', kind: 'illness' }),
        sig({ id: '2', kind: 'accident' }),
        sig({ id: '3', kind: 'income_drop' }),
      ],
      none,
      TODAY,
    );
    expect(r.score).toBe(60);
    expect(pointsOf(r, 'signals_cap')).toEqual([-20]);
  });

  it('income proximity: full at the poverty line, 0 at the monitoring line, linear between', () => {
    const income = (perCapita: number) =>
      riskScore(
        [
          sig({
            kind: 'income_in_range',
            channel: 'income',
            detail: { perCapita, monitoringLine: 7500, povertyLine: 5000 },
          }),
        ],
        none,
        TODAY,
      ).score;
    expect(income(5000)).toBe(30);
    expect(income(4000)).toBe(30);
    // (7500 − 6875) / 2500 = 0.25 → 7.5
    expect(income(6875)).toBe(7.5);
    expect(income(7500)).toBe(0);
  });

  it('income signals do not decay: an old one counts in full', () => {
    const r = riskScore(
      [
        sig({
          kind: 'income_in_range',
          channel: 'income',
          observedOn: '2023-01-01',
          detail: { perCapita: 6250, monitoringLine: 7500, povertyLine: 5000 },
        }),
      ],
      none,
      TODAY,
    );
    expect(r.score).toBe(15);
  });

  it('vulnerability adds its points, capped at 30', () => {
    expect(riskScore([], { ...none, noLabour: true }, TODAY).score).toBe(15);
    // 15 + 10 + 8 + 12 = 45 → 30
    const all = riskScore(
      [],
      { noLabour: true, seriousIllness: true, disability: true, elderlyAlone: true },
      TODAY,
    );
    expect(all.score).toBe(30);
    expect(pointsOf(all, 'vulnerability_cap')).toEqual([-15]);
  });

  it('the whole score is capped at 100 and the top reasons are the largest contributions', () => {
    const r = riskScore(
      [
        sig({ id: '1', kind: 'illness' }),
        sig({ id: '2', kind: 'accident' }),
        sig({ id: '3', kind: 'income_drop' }),
        sig({
          id: '4',
          kind: 'income_in_range',
          channel: 'income',
          detail: { perCapita: 5000, monitoringLine: 7500, povertyLine: 5000 },
        }),
      ],
      { noLabour: true, seriousIllness: true, disability: true, elderlyAlone: true },
      TODAY,
    );
    // 60 + 30 + 30 = 120 → 100
    expect(r.score).toBe(100);
    expect(pointsOf(r, 'score_cap')).toEqual([-20]);
    expect(topReasons(r, 2).map((c) => c.criterion)).toEqual(['signal.illness', 'income_proximity']);
  });

  it('weights are data: a county may pass its own', () => {
    const w = { ...DEFAULT_WEIGHTS, kinds: { ...DEFAULT_WEIGHTS.kinds, illness: 40 }, halfLifeDays: 90 };
    // 90 days old at half-life 90 → 40 × 0.5 = 20
    expect(riskScore([sig({ kind: 'illness', observedOn: '2025-04-02' })], none, TODAY, w).score).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import type { DibaoAssessment } from '../rules/dibao-income.js';
import { dibaoBenefit } from './benefit.js';
import { addMonths, addMonthsToDate } from './month.js';
import { gradualExitOver, paidIn, reviewOutcome, type RollEntryNow } from './review.js';
import { nextReviewOn } from './schedule.js';
import { testParams } from './test-params.js';

const p = testParams(); // standard 600, gradual exit 6 months below 1.5 × 600 = 900
const benefit = (pc: number, size = 2, assets = true) =>
  dibaoBenefit(
    {
      assessment: { standardMonthly: 600, size, perCapitaMonthly: pc } as DibaoAssessment,
      reviewKind: 'withLabour',
      assetsWithinLimits: assets,
      spendingWithinLimits: true,
      singleCandidate: null,
    },
    p,
  );
const active = (monthly: number): RollEntryNow => ({ state: 'active', monthly, gradualExitUntil: null });

describe('dibao review', () => {
  it.each([
    // entry's monthly, new per-capita income → decision, new monthly (size 2)
    [600, 200, 'raise', 800], // (600 − 200) × 2 = 800 > 600
    [600, 300, 'keep', 600], // (600 − 300) × 2 = 600
    [600, 400, 'lower', 400], // (600 − 400) × 2 = 400
    [600, 599, 'lower', 60], // minimum 30 × 2
  ] as const)('a benefit of %s, income %s → %s to %s', (monthly, pc, decision, after) => {
    const o = reviewOutcome(active(monthly), benefit(pc), p, '2026-04-01');
    expect(o).toMatchObject({ decision, state: 'active', monthly: after, endMonth: null });
  });

  it('income at the standard and below 1.5 ×: gradual exit of 6 months, benefit unchanged', () => {
    const o = reviewOutcome(active(500), benefit(600), p, '2026-04-01');
    expect(o).toMatchObject({
      decision: 'gradual_exit',
      state: 'gradual_exit',
      monthly: 500,
      gradualExitUntil: '2026-09-01',
    });
    expect(reviewOutcome(active(500), benefit(899.99), p, '2026-04-01').decision).toBe('gradual_exit');
  });

  it('income at 1.5 × the standard or above, or assets over: stop, last paid month the one before', () => {
    expect(reviewOutcome(active(500), benefit(900), p, '2026-04-01')).toMatchObject({
      decision: 'stop',
      state: 'ceased',
      monthly: 0,
      endMonth: '2026-03-01',
    });
    expect(reviewOutcome(active(500), benefit(100, 2, false), p, '2026-04-01').decision).toBe('stop');
    expect(
      reviewOutcome(
        active(500),
        benefit(700),
        { ...p, gradualExit: { months: 0, ceilingFactor: 1.5 } },
        '2026-04-01',
      ).decision,
    ).toBe('stop');
  });

  it('a household in gradual exit keeps its end month; eligible again returns to active', () => {
    const now: RollEntryNow = { state: 'gradual_exit', monthly: 500, gradualExitUntil: '2026-06-01' };
    expect(reviewOutcome(now, benefit(700), p, '2026-04-01')).toMatchObject({
      decision: 'keep',
      state: 'gradual_exit',
      gradualExitUntil: '2026-06-01',
    });
    expect(reviewOutcome(now, benefit(300), p, '2026-04-01')).toMatchObject({
      decision: 'raise',
      state: 'active',
      monthly: 600,
      gradualExitUntil: null,
    });
  });

  it('payment months of an entry: from the start, through the end or the gradual exit', () => {
    const e = {
      state: 'gradual_exit',
      startMonth: '2026-01-01',
      endMonth: null,
      gradualExitUntil: '2026-06-01',
    };
    expect(paidIn(e, '2025-12-01')).toBe(false);
    expect(paidIn(e, '2026-01-01')).toBe(true);
    expect(paidIn(e, '2026-06-01')).toBe(true);
    expect(paidIn(e, '2026-07-01')).toBe(false);
    expect(gradualExitOver(e, '2026-06-01')).toBe(false);
    expect(gradualExitOver(e, '2026-07-01')).toBe(true);
    const ceased = {
      state: 'ceased',
      startMonth: '2026-01-01',
      endMonth: '2026-03-01',
      gradualExitUntil: null,
    };
    expect([paidIn(ceased, '2026-03-01'), paidIn(ceased, '2026-04-01')]).toEqual([true, false]);
  });

  it('next review by household kind: quarterly, half-yearly, yearly; month arithmetic', () => {
    expect(nextReviewOn('2026-01-31', 'withLabour', p)).toBe('2026-04-30');
    expect(nextReviewOn('2026-03-15', 'illOrDisabled', p)).toBe('2026-09-15');
    expect(nextReviewOn('2026-03-15', 'noLabour', p)).toBe('2027-03-15');
    expect(addMonths('2026-11-01', 3)).toBe('2027-02-01');
    expect(addMonths('2026-01-01', -1)).toBe('2025-12-01');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
  });
});

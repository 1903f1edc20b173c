import { reason, yuan, type Reason } from '../rules/reason.js';
import type { DibaoBenefit } from './benefit.js';
import { addMonths } from './month.js';
import type { SafetyNetParams } from './params.js';

/**
 * A dibao review (docs/safety-net.md): the means test re-run on current facts decides, from the
 * effective month on,
 *  - eligible: raise, lower or keep the benefit (back to active from a gradual exit);
 *  - income at or above the standard but below gradualExit.ceilingFactor × standard, assets and
 *    spending within limits: gradual exit (渐退期) — the benefit is paid unchanged for
 *    gradualExit.months months (the effective month first), then the entry ceases; a household
 *    already in gradual exit keeps its end month;
 *  - otherwise (income at or above the ceiling, assets or spending over limits, months = 0): stop,
 *    the last paid month is the one before the effective month.
 */
export type ReviewDecision = 'raise' | 'lower' | 'keep' | 'gradual_exit' | 'stop';

export interface RollEntryNow {
  state: 'active' | 'gradual_exit';
  monthly: number;
  gradualExitUntil: string | null;
}

export interface ReviewOutcome {
  decision: ReviewDecision;
  state: 'active' | 'gradual_exit' | 'ceased';
  monthly: number;
  gradualExitUntil: string | null;
  /** Last paid month when the entry stops. */
  endMonth: string | null;
  reasons: Reason[];
}

const amountReason = (decision: ReviewDecision, before: number, after: number): Reason =>
  reason('dibao_review_amount', true, after, before, {
    zh: `复核后月保障金 ${yuan(after)} 元（原 ${yuan(before)} 元）：${{ raise: '提高', lower: '降低', keep: '不变', gradual_exit: '进入渐退期', stop: '停发' }[decision]}`,
    en: `benefit after review ${yuan(after)} (was ${yuan(before)}): ${decision.replace('_', ' ')}`,
  });

export function reviewOutcome(
  now: RollEntryNow,
  b: DibaoBenefit,
  p: SafetyNetParams,
  effectiveMonth: string,
): ReviewOutcome {
  if (b.eligible) {
    const decision: ReviewDecision =
      b.monthly > now.monthly ? 'raise' : b.monthly < now.monthly ? 'lower' : 'keep';
    return {
      decision,
      state: 'active',
      monthly: b.monthly,
      gradualExitUntil: null,
      endMonth: null,
      reasons: [...b.reasons, amountReason(decision, now.monthly, b.monthly)],
    };
  }
  const ceiling = p.gradualExit.ceilingFactor * b.standardMonthly;
  const inBand =
    b.meansWithinLimits && b.overStandard && b.perCapitaIncome < ceiling && p.gradualExit.months > 0;
  const band = reason(
    'dibao_gradual_exit_band',
    inBand,
    b.perCapitaIncome,
    ceiling,
    {
      zh: inBand
        ? `收入超过低保标准但低于标准的 ${p.gradualExit.ceilingFactor} 倍（${yuan(ceiling)} 元），给予 ${p.gradualExit.months} 个月渐退期`
        : `收入达到标准的 ${p.gradualExit.ceilingFactor} 倍（${yuan(ceiling)} 元）或财产、支出超过规定，停发低保金`,
      en: inBand
        ? `income above the standard but below ${p.gradualExit.ceilingFactor} × (${yuan(ceiling)}): ${p.gradualExit.months} months of gradual exit`
        : `income at or above ${p.gradualExit.ceilingFactor} × standard (${yuan(ceiling)}) or means over limits: benefit stops`,
    },
    false,
  );
  if (inBand) {
    const until =
      now.state === 'gradual_exit' && now.gradualExitUntil
        ? now.gradualExitUntil
        : addMonths(effectiveMonth, p.gradualExit.months - 1);
    const decision: ReviewDecision = now.state === 'gradual_exit' ? 'keep' : 'gradual_exit';
    return {
      decision,
      state: 'gradual_exit',
      monthly: now.monthly,
      gradualExitUntil: until,
      endMonth: null,
      reasons: [...b.reasons, band, amountReason(decision, now.monthly, now.monthly)],
    };
  }
  return {
    decision: 'stop',
    state: 'ceased',
    monthly: 0,
    gradualExitUntil: null,
    endMonth: addMonths(effectiveMonth, -1),
    reasons: [...b.reasons, band, amountReason('stop', now.monthly, 0)],
  };
}

/** Whether a gradual exit is over in `month` (its last paid month was before). */
export const gradualExitOver = (
  e: { state: string; gradualExitUntil: string | null },
  month: string,
): boolean => e.state === 'gradual_exit' && e.gradualExitUntil !== null && e.gradualExitUntil < month;

/** Whether a roll entry is paid in `month`. */
export function paidIn(
  e: { state: string; startMonth: string; endMonth: string | null; gradualExitUntil: string | null },
  month: string,
): boolean {
  if (e.startMonth > month) return false;
  if (e.endMonth !== null && e.endMonth < month) return false;
  if (e.state === 'gradual_exit' && e.gradualExitUntil !== null && e.gradualExitUntil < month) return false;
  return e.state !== 'ceased' || e.endMonth !== null;
}

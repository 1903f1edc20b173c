import { reason, round2, yuan, type Reason } from '../rules/reason.js';
import type { SafetyNetParams } from './params.js';

/**
 * Temporary assistance (临时救助, docs/safety-net.md): emergency (急难型) or expenditure-driven
 * (支出型). An amount is allowed when it is positive, at most the case limit, and keeps the
 * household's sum of the calendar year within the yearly ceiling; the township approves up to its
 * limit, the county above it. Only an emergency may be fast-tracked (aid first, procedure after).
 */
export type TemporaryType = 'emergency' | 'expenditure';

export interface TemporaryRequest {
  type: TemporaryType;
  amount: number;
  fastTrack: boolean;
  /** Temporary assistance already granted to the household in the calendar year (yuan). */
  grantedThisYear: number;
}

export interface TemporaryCheck {
  allowed: boolean;
  level: 'township' | 'county';
  /** What the yearly ceiling still leaves. */
  roomThisYear: number;
  reasons: Reason[];
}

export function temporaryCheck(r: TemporaryRequest, p: SafetyNetParams): TemporaryCheck {
  const t = p.temporary;
  const room = round2(Math.max(0, t.yearlyCeiling - r.grantedThisYear));
  const reasons = [
    reason('temporary_case_limit', r.amount > 0 && r.amount <= t.caseLimit, r.amount, t.caseLimit, {
      zh: `本次救助 ${yuan(r.amount)} 元，单次上限 ${yuan(t.caseLimit)} 元`,
      en: `amount ${yuan(r.amount)}, case limit ${yuan(t.caseLimit)}`,
    }),
    reason('temporary_yearly_ceiling', r.amount <= room, r.grantedThisYear + r.amount, t.yearlyCeiling, {
      zh: `本年度已救助 ${yuan(r.grantedThisYear)} 元，加上本次共 ${yuan(r.grantedThisYear + r.amount)} 元，年度上限 ${yuan(t.yearlyCeiling)} 元`,
      en: `granted this year ${yuan(r.grantedThisYear)}, with this ${yuan(r.grantedThisYear + r.amount)}, yearly ceiling ${yuan(t.yearlyCeiling)}`,
    }),
    reason('temporary_fast_track', !r.fastTrack || r.type === 'emergency', r.fastTrack, 'emergency', {
      zh: r.fastTrack
        ? r.type === 'emergency'
          ? '急难型救助，先行救助、事后补办手续'
          : '支出型救助不能先行救助'
        : '按正常程序审批',
      en: r.fastTrack
        ? r.type === 'emergency'
          ? 'emergency: aid first, procedure after'
          : 'an expenditure case cannot be fast-tracked'
        : 'regular procedure',
    }),
  ];
  return {
    allowed: reasons.every((x) => x.passed),
    level: r.amount <= t.townshipLimit ? 'township' : 'county',
    roomThisYear: room,
    reasons,
  };
}

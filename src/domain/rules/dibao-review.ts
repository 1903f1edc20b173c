import type { HouseholdFacts } from './facts.js';
import { canWork, isDisabled, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { HEALTH_AND_DISABILITY, reason, type Reason } from './reason.js';

/**
 * Dibao review interval by household kind (DOMAIN.md §4), most frequent first: a household with a
 * member able to work (incl. weak labour) quarterly; else one with a seriously ill or disabled member
 * half-yearly; else (no labour, income or supporter) yearly.
 */
export type DibaoReviewKind = keyof PolicyParams['dibaoReviewMonths'];

export function dibaoReviewKind(f: HouseholdFacts): DibaoReviewKind {
  const members = presentMembers(f);
  if (members.some(canWork)) return 'withLabour';
  if (members.some((m) => m.health === 'serious' || isDisabled(m))) return 'illOrDisabled';
  return 'noLabour';
}

const LABELS: Record<DibaoReviewKind, { zh: string; en: string }> = {
  withLabour: { zh: '家里有劳动力', en: 'household with labour' },
  illOrDisabled: { zh: '家里有重病或残疾成员', en: 'household with a seriously ill or disabled member' },
  noLabour: { zh: '家里无劳动力、无收入来源', en: 'household without labour or income' },
};

export function reviewReason(kind: DibaoReviewKind, p: PolicyParams): Reason {
  const months = p.dibaoReviewMonths[kind];
  return reason(
    'dibao_review_interval',
    true,
    kind,
    months,
    {
      zh: `${LABELS[kind].zh}，每 ${months} 个月复核一次`,
      en: `${LABELS[kind].en}: review every ${months} months`,
    },
    false,
    // every kind: which one applies tells whether a member is ill or disabled
    HEALTH_AND_DISABILITY,
  );
}

import type { DibaoAssessment } from '../rules/dibao-income.js';
import type { DibaoReviewKind } from '../rules/dibao-review.js';
import { HEALTH_AND_DISABILITY, reason, round2, yuan, type Reason } from '../rules/reason.js';
import type { SafetyNetParams } from './params.js';

/**
 * The dibao benefit (DOMAIN.md §4, docs/safety-net.md): a top-up to the standard,
 *   monthly = max(standard − per-capita assessed income, minimum) × size,
 * when the per-capita assessed income (assessDibaoIncome: support from obliged relatives counted,
 * employment costs, disregards and rigid spending deducted) is strictly below the standard and
 * assets and spending are within limits. Otherwise a seriously ill or severely disabled member of a
 * near-dibao family (income < singlePersonIncomeFactor × standard) may be covered alone (单人户) at
 * singlePersonBenefitShare × standard.
 */
export interface BenefitInput {
  assessment: DibaoAssessment;
  reviewKind: DibaoReviewKind;
  /** null: not checked (no dibao_means fact) — the benefit waits for the check. */
  assetsWithinLimits: boolean | null;
  spendingWithinLimits: boolean | null;
  /** The member who may be covered alone (seriously ill or severely disabled); null when none. */
  singleCandidate: string | null;
}

export type Coverage = 'household' | 'single' | 'none';

export interface DibaoBenefit {
  coverage: Coverage;
  eligible: boolean;
  category: string | null;
  persons: number;
  memberId: string | null;
  standardMonthly: number;
  perCapitaIncome: number;
  gapPerPerson: number;
  monthly: number;
  /** Income at or above the standard (a review's gradual exit or stop). */
  overStandard: boolean;
  meansWithinLimits: boolean;
  assessment: DibaoAssessment;
  reasons: Reason[];
}

const ABC: Record<DibaoReviewKind, string> = { noLabour: 'A', illOrDisabled: 'B', withLabour: 'C' };

export function dibaoCategory(p: SafetyNetParams, kind: DibaoReviewKind, perCapita: number, single: boolean) {
  if (p.dibaoCategoryScheme === 'abc') return single ? 'B' : ABC[kind];
  return perCapita <= 0 || (single && p.singlePersonBenefitShare >= 1) ? 'full' : 'partial';
}

function incomeReason(pc: number, s: number): Reason {
  const below = pc < s;
  return reason(
    'dibao_income_below_standard',
    below,
    pc,
    s,
    {
      zh: `核算后每人每月收入 ${yuan(pc)} 元，${below ? '低于' : '不低于'}低保标准 ${yuan(s)} 元`,
      en: `assessed income ${yuan(pc)} per person per month ${below ? 'below' : 'not below'} the standard ${yuan(s)}`,
    },
    true,
    HEALTH_AND_DISABILITY, // the assessment disregards a disabled member's earnings
  );
}

const MEANS_ZH = { true: '符合规定', false: '超过规定', null: '未核查' } as const;
const MEANS_EN = { true: 'within limits', false: 'over limits', null: 'not checked' } as const;

function meansReason(assets: boolean | null, spending: boolean | null): Reason {
  const ok = assets === true && spending === true;
  return reason('dibao_means_within_limits', ok, { assets, spending }, null, {
    zh: `家庭财产${MEANS_ZH[`${assets}`]}，消费支出${MEANS_ZH[`${spending}`]}`,
    en: `assets ${MEANS_EN[`${assets}`]}, spending ${MEANS_EN[`${spending}`]}`,
  });
}

export function dibaoBenefit(input: BenefitInput, p: SafetyNetParams): DibaoBenefit {
  const a = input.assessment;
  const s = p.dibaoStandardMonthly;
  const pc = a.perCapitaMonthly;
  const means = input.assetsWithinLimits === true && input.spendingWithinLimits === true;
  const reasons = [incomeReason(pc, s), meansReason(input.assetsWithinLimits, input.spendingWithinLimits)];
  const base = {
    standardMonthly: s,
    perCapitaIncome: pc,
    overStandard: pc >= s,
    meansWithinLimits: means,
    assessment: a,
  };
  if (means && pc < s) {
    const gap = round2(s - pc);
    const perPerson = Math.max(gap, p.minimumBenefitPerPerson);
    return {
      ...base,
      coverage: 'household',
      eligible: true,
      category: dibaoCategory(p, input.reviewKind, pc, false),
      persons: a.size,
      memberId: null,
      gapPerPerson: gap,
      monthly: round2(perPerson * a.size),
      reasons,
    };
  }
  const near = pc < p.singlePersonIncomeFactor * s;
  if (means && near && input.singleCandidate) {
    reasons.push(
      reason(
        'dibao_single_person',
        true,
        pc,
        round2(p.singlePersonIncomeFactor * s),
        {
          zh: `家庭每人每月收入低于低保标准的 ${p.singlePersonIncomeFactor} 倍，重病或重度残疾成员单人纳入低保`,
          en: `near-dibao family (below ${p.singlePersonIncomeFactor} × standard): the seriously ill or severely disabled member covered alone`,
        },
        true,
        HEALTH_AND_DISABILITY,
      ),
    );
    return {
      ...base,
      coverage: 'single',
      eligible: true,
      category: dibaoCategory(p, input.reviewKind, pc, true),
      persons: 1,
      memberId: input.singleCandidate,
      gapPerPerson: 0,
      monthly: round2(Math.max(p.minimumBenefitPerPerson, s * p.singlePersonBenefitShare)),
      reasons,
    };
  }
  return {
    ...base,
    coverage: 'none',
    eligible: false,
    category: null,
    persons: a.size,
    memberId: null,
    gapPerPerson: 0,
    monthly: 0,
    reasons,
  };
}

import { assessDibaoIncome, assessmentReason, type DibaoAssessment } from './dibao-income.js';
import { dibaoReviewKind, reviewReason, type DibaoReviewKind } from './dibao-review.js';
import type { HouseholdFacts } from './facts.js';
import { isSeriouslyIllOrSeverelyDisabled, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { missingFacts, unknownReason } from './missing.js';
import { HEALTH_AND_DISABILITY, reason, round2, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Rural dibao (最低生活保障, DOMAIN.md §4), in yuan per person per MONTH:
 * - eligible: assessed per-capita income strictly below the standard S, assets and spending within
 *   limits; benefit = (S − per-capita income) × size (top-up), rounded to the fen;
 * - single_person (单人户): not eligible as a household but per-capita income < nearDibaoFactor × S:
 *   each seriously ill or severely disabled member is covered alone, benefit S − own earnings/12;
 * - gradual_exit (渐退期): currently covered, income now at or above S: payment continues for
 *   dibaoGradualExitMonths months;
 * - not_eligible otherwise. Review interval by household kind (see dibao-review.ts);
 * - verify: the decision needs a fact not on file — the last 12 months' income, the means test
 *   (assets, spending) or the legal supporters (while not investigated, their support counts as 0,
 *   so the assessed income is a lower bound: at or above S it still decides "not eligible").
 */
export interface DibaoDecision {
  status: 'eligible' | 'single_person' | 'gradual_exit' | 'not_eligible' | 'verify';
  monthlyBenefit: number;
  coveredMemberIds: string[];
  perCapitaMonthlyIncome: number;
  reviewEveryMonths: number | null;
  gradualExitMonths: number | null;
}

const INCOME_LABEL = {
  zh: '家庭每人每月收入与低保标准比较',
  en: 'per-capita monthly income against the standard',
};

/** Rests on health and disability: a disabled member's earnings are disregarded (dibao-income.ts). */
function incomeReason(a: DibaoAssessment): Reason {
  const below = a.perCapitaMonthly < a.standardMonthly;
  // below on a lower bound (support not investigated): not known
  if (below && !a.supportKnown)
    return unknownReason(
      'income_below_dibao_standard',
      ['legal_supporter'],
      INCOME_LABEL,
      HEALTH_AND_DISABILITY,
    );
  return reason(
    'income_below_dibao_standard',
    below,
    a.perCapitaMonthly,
    a.standardMonthly,
    {
      zh: `家庭每人每月收入 ${yuan(a.perCapitaMonthly)} 元，${below ? '低于' : '不低于'}低保标准 ${yuan(a.standardMonthly)} 元`,
      en: `per-capita monthly income ${yuan(a.perCapitaMonthly)} ${below ? 'below' : 'not below'} the standard ${yuan(a.standardMonthly)}`,
    },
    true,
    HEALTH_AND_DISABILITY,
  );
}

function limitReasons(f: HouseholdFacts): Reason[] {
  const { assetsWithinLimits: assets, spendingWithinLimits: spending } = f.dibao;
  return [
    assets === null
      ? unknownReason('assets_within_limits', ['dibao_means'], { zh: '家庭财产', en: 'assets' })
      : reason('assets_within_limits', assets, assets, true, {
          zh: assets ? '家庭财产符合规定' : '家庭财产超过规定',
          en: assets ? 'assets within limits' : 'assets over limits',
        }),
    spending === null
      ? unknownReason('spending_within_limits', ['dibao_means'], { zh: '家庭消费支出', en: 'spending' })
      : reason('spending_within_limits', spending, spending, true, {
          zh: spending ? '家庭消费支出符合规定' : '家庭消费支出超过规定',
          en: spending ? 'spending within limits' : 'spending over limits',
        }),
  ];
}

function singlePerson(f: HouseholdFacts, p: PolicyParams, a: DibaoAssessment) {
  const limit = round2(p.nearDibaoFactor * a.standardMonthly);
  const near = a.perCapitaMonthly < limit;
  const persons = presentMembers(f)
    .filter((m) => isSeriouslyIllOrSeverelyDisabled(m, p))
    .map((m) => ({ id: m.id, benefit: round2(Math.max(0, a.standardMonthly - m.earnings12m / 12)) }))
    .filter((x) => x.benefit > 0);
  const ok = near && persons.length > 0;
  const r = reason(
    'single_person_coverage',
    ok,
    { perCapitaMonthly: a.perCapitaMonthly, persons },
    limit,
    {
      zh: ok
        ? `家庭每人每月收入低于低保边缘线 ${yuan(limit)} 元，${persons.length} 名重病或重度残疾成员可单独纳入低保`
        : `不符合单人户条件（需每人每月收入低于 ${yuan(limit)} 元且有重病或重度残疾成员）`,
      en: ok
        ? `near-dibao family (< ${yuan(limit)}): ${persons.length} seriously ill or severely disabled member(s) covered alone`
        : `single-person coverage not applicable (needs income < ${yuan(limit)} and a seriously ill or severely disabled member)`,
    },
    false,
    HEALTH_AND_DISABILITY,
  );
  // near on a lower bound only: not known until the supporters are investigated
  return { ok, unknown: ok && !a.supportKnown, persons, reason: r };
}

const decided = (
  status: DibaoDecision['status'],
  a: DibaoAssessment | null,
  rest: Partial<DibaoDecision> = {},
): DibaoDecision => ({
  status,
  monthlyBenefit: 0,
  coveredMemberIds: [],
  perCapitaMonthlyIncome: a?.perCapitaMonthly ?? 0,
  reviewEveryMonths: null,
  gradualExitMonths: null,
  ...rest,
});

const missingKeys = (reasons: readonly Reason[]) => reasons.flatMap((r) => r.missing ?? []);

export function dibao(f: HouseholdFacts, p: PolicyParams): RuleResult<DibaoDecision> {
  const a = assessDibaoIncome(f, p);
  if (!a) {
    const r = unknownReason(
      'income_below_dibao_standard',
      ['income_months'],
      INCOME_LABEL,
      HEALTH_AND_DISABILITY,
    );
    return {
      rule: 'dibao',
      decision: decided('verify', null),
      reasons: [r],
      missing: missingFacts(r.missing ?? []),
    };
  }
  const income = incomeReason(a);
  const limits = limitReasons(f);
  const base = [assessmentReason(a), income, ...limits];
  const result = (decision: DibaoDecision, extra: Reason[] = [], missing: string[] = []) => ({
    rule: 'dibao',
    decision,
    reasons: [...base, ...extra],
    missing: decision.status === 'verify' ? missingFacts(missing) : [],
  });
  const limitsFailed = limits.some((r) => !r.passed && !r.missing);
  const limitsMissing = missingKeys(limits);
  if (limitsFailed) return result(decided('not_eligible', a));
  if (income.passed && limitsMissing.length === 0) {
    const kind = dibaoReviewKind(f);
    return result(
      decided('eligible', a, {
        monthlyBenefit: round2((a.standardMonthly - a.perCapitaMonthly) * a.size),
        coveredMemberIds: presentMembers(f).map((m) => m.id),
        reviewEveryMonths: p.dibaoReviewMonths[kind],
      }),
      [reviewReason(kind, p)],
    );
  }
  if (income.passed || income.missing)
    return result(decided('verify', a), [], [...missingKeys([income]), ...limitsMissing]);
  const single = singlePerson(f, p, a);
  if (single.ok) {
    if (single.unknown || limitsMissing.length)
      return result(
        decided('verify', a),
        [single.reason],
        [...(single.unknown ? ['legal_supporter'] : []), ...limitsMissing],
      );
    const kind: DibaoReviewKind = 'illOrDisabled';
    return result(
      decided('single_person', a, {
        monthlyBenefit: round2(single.persons.reduce((s, x) => s + x.benefit, 0)),
        coveredMemberIds: single.persons.map((x) => x.id),
        reviewEveryMonths: p.dibaoReviewMonths[kind],
      }),
      [single.reason, reviewReason(kind, p)],
    );
  }
  if (presentMembers(f).some((m) => m.dibao)) {
    if (limitsMissing.length) return result(decided('verify', a), [single.reason], limitsMissing);
    const months = p.dibaoGradualExitMonths;
    const r = reason(
      'gradual_exit',
      true,
      months,
      months,
      {
        zh: `收入已超过低保标准，给予 ${months} 个月渐退期后退出低保`,
        en: `income above the standard: ${months}-month gradual exit`,
      },
      false,
    );
    return result(decided('gradual_exit', a, { gradualExitMonths: months }), [single.reason, r]);
  }
  return result(decided('not_eligible', a), [single.reason]);
}

import type { HouseholdFacts } from './facts.js';
import { isDisabled, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { HEALTH_AND_DISABILITY, reason, round2, yuan, type Reason } from './reason.js';

/**
 * Dibao income assessment (DOMAIN.md §4), over the last 12 months, in yuan:
 *   assessed = net income − dibao/特困 payments received + support from obliged relatives
 *            − employment costs (each working member up to cap × standard per month)
 *            − disregarded earnings (each disabled or elderly member up to cap × standard per month)
 *            − deductible rigid spending (medical, disability, schooling as configured),
 * floored at 0; per-capita monthly = assessed / 12 / size, rounded to the fen.
 */
export interface DibaoAssessment {
  standardMonthly: number;
  /** False when legal supporters are not investigated: support counted as 0, the income is a lower bound. */
  supportKnown: boolean;
  size: number;
  netIncome12m: number;
  assistanceExcluded12m: number;
  obligedSupport12m: number;
  employmentDeduction12m: number;
  disregards12m: number;
  rigidDeduction12m: number;
  assessedIncome12m: number;
  perCapitaMonthly: number;
}

/** Null when the last 12 months' income is not known. */
export function assessDibaoIncome(f: HouseholdFacts, p: PolicyParams): DibaoAssessment | null {
  const l = f.last12Months;
  if (!l) return null;
  const s = p.ruralDibaoStandardMonthly;
  const members = presentMembers(f);
  const employmentCap = p.employmentCostDeductionCap * s * 12;
  const employment = members.reduce((sum, m) => sum + Math.min(m.employmentCost12m, employmentCap), 0);
  const d = p.disregards;
  const disregards = members.reduce((sum, m) => {
    const capFactor = Math.max(
      isDisabled(m) ? d.disabledEarningsCap : 0,
      m.age >= d.elderlyAge ? d.elderlyEarningsCap : 0,
    );
    return sum + Math.min(m.earnings12m, capFactor * s * 12);
  }, 0);
  const rigid = p.dibaoDeductibleSpending.reduce((sum, k) => sum + f.dibao.deductible12m[k], 0);
  const size = Math.max(1, l.size);
  const support = f.dibao.obligedSupport12m ?? 0;
  const assessed = Math.max(
    0,
    l.netIncome - l.assistanceReceived + support - employment - disregards - rigid,
  );
  return {
    standardMonthly: s,
    supportKnown: f.dibao.obligedSupport12m !== null,
    size,
    netIncome12m: l.netIncome,
    assistanceExcluded12m: l.assistanceReceived,
    obligedSupport12m: support,
    employmentDeduction12m: round2(employment),
    disregards12m: round2(disregards),
    rigidDeduction12m: round2(rigid),
    assessedIncome12m: round2(assessed),
    perCapitaMonthly: round2(assessed / 12 / size),
  };
}

/**
 * The assessment itself, as a non-binding reason a cadre can read out line by line. It rests on
 * health and disability: a disabled member's earnings are disregarded up to a cap.
 */
export function assessmentReason(a: DibaoAssessment): Reason {
  return reason(
    'dibao_income_assessment',
    true,
    a,
    null,
    {
      zh:
        `近 12 个月家庭纯收入 ${yuan(a.netIncome12m)} 元，不计低保特困金 ${yuan(a.assistanceExcluded12m)} 元，` +
        (a.supportKnown
          ? `计入赡养抚养扶养费 ${yuan(a.obligedSupport12m)} 元，`
          : '赡养抚养扶养费尚未核实（未计入），') +
        `扣除就业成本 ${yuan(a.employmentDeduction12m)} 元、` +
        `豁免收入 ${yuan(a.disregards12m)} 元、刚性支出 ${yuan(a.rigidDeduction12m)} 元，` +
        `核算收入 ${yuan(a.assessedIncome12m)} 元，${a.size} 口人，每人每月 ${yuan(a.perCapitaMonthly)} 元`,
      en:
        `net ${yuan(a.netIncome12m)} − assistance ${yuan(a.assistanceExcluded12m)} + support ${a.supportKnown ? yuan(a.obligedSupport12m) : '(not investigated)'}` +
        ` − employment ${yuan(a.employmentDeduction12m)} − disregards ${yuan(a.disregards12m)}` +
        ` − rigid ${yuan(a.rigidDeduction12m)} = ${yuan(a.assessedIncome12m)}; per person per month ${yuan(a.perCapitaMonthly)}`,
    },
    false,
    HEALTH_AND_DISABILITY,
  );
}

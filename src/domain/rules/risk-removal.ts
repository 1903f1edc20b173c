import { monthsBetween } from '../calendar.js';
import type { HouseholdFacts } from './facts.js';
import { basicMedical, compulsoryEducation, safeHousing, safeWater } from './guarantees.js';
import { monitoringPerCapitaOf } from './income.js';
import { canWork, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { missingOf, outcome, unknownReason, type MissingFactKey } from './missing.js';
import { reason, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Risk removal (风险消除, DOMAIN.md §4), all conditions: a monitored household; 12-month income net
 * of medical costs at or above the monitoring line, and above it for ≥ riskRemovalMinMonths
 * consecutive months; rigid spending resolved; three guarantees and safe water; no new risk;
 * monitored ≥ riskRemovalMinMonths months with ≥ riskRemovalMinMeasures measure(s); and never a
 * household in which no one can work (weak or half labour counts as able to work).
 */
export type RiskRemovalDecision = 'may_remove' | 'keep' | 'verify';

const flag = (
  criterion: string,
  ok: boolean | null,
  fact: MissingFactKey,
  yes: [string, string],
  no: [string, string],
): Reason =>
  ok === null
    ? unknownReason(criterion, [fact], { zh: yes[0], en: yes[1] })
    : reason(criterion, ok, ok, true, ok ? { zh: yes[0], en: yes[1] } : { zh: no[0], en: no[1] });

function incomeReasons(f: HouseholdFacts, p: PolicyParams): Reason[] {
  const months = f.monitoring.monthsAboveLine;
  const stableLabel = { zh: '收入连续稳定在监测线以上', en: 'income above the line for consecutive months' };
  if (!f.last12Months)
    return [
      unknownReason('income_above_range', ['income_months'], { zh: '近 12 个月收入', en: '12-month income' }),
      unknownReason('income_stable_months', ['income_months'], stableLabel),
    ];
  const pc = monitoringPerCapitaOf(f.last12Months);
  const above = pc >= p.monitoringLine;
  const stable = months !== null && months >= p.riskRemovalMinMonths;
  const stableReason =
    months === null
      ? unknownReason('income_stable_months', ['income_months'], stableLabel)
      : reason('income_stable_months', stable, months, p.riskRemovalMinMonths, {
          zh: `收入已连续 ${months} 个月稳定在监测线以上（要求至少 ${p.riskRemovalMinMonths} 个月）`,
          en: `income above the line for ${months} consecutive months (need ${p.riskRemovalMinMonths})`,
        });
  return [
    reason('income_above_range', above, pc, p.monitoringLine, {
      zh: `近 12 个月人均纯收入（扣除合规自付医疗费用后）${yuan(pc)} 元，${above ? '达到' : '低于'}监测线 ${yuan(p.monitoringLine)} 元`,
      en: `12-month per-capita income ${yuan(pc)} ${above ? 'at or above' : 'below'} the monitoring line ${yuan(p.monitoringLine)}`,
    }),
    stableReason,
  ];
}

function monitoringReasons(f: HouseholdFacts, p: PolicyParams): Reason[] {
  const since = f.monitoring.since;
  const months = since === null ? 0 : monthsBetween(since, f.asOf);
  const long = since !== null && months >= p.riskRemovalMinMonths;
  const measures = f.monitoring.measuresApplied;
  const helped = measures >= p.riskRemovalMinMeasures;
  const inferred = f.measureBasis === 'inferred';
  return [
    reason('status_monitored', f.status === 'monitored', f.status, 'monitored', {
      zh: f.status === 'monitored' ? '目前是监测对象' : '目前不是监测对象',
      en: f.status === 'monitored' ? 'currently monitored' : 'not currently monitored',
    }),
    reason('monitored_months', long, months, p.riskRemovalMinMonths, {
      zh: `已纳入监测 ${months} 个月（要求至少 ${p.riskRemovalMinMonths} 个月）`,
      en: `monitored for ${months} months (need ${p.riskRemovalMinMonths})`,
    }),
    reason(
      'measures_applied',
      helped,
      { count: measures, basis: f.measureBasis ?? null, measures: f.planMeasures ?? null },
      p.riskRemovalMinMeasures,
      {
        zh: `已落实帮扶措施 ${measures} 项（要求至少 ${p.riskRemovalMinMeasures} 项）${inferred ? '，该户没有帮扶计划，措施按登记信息推断' : ''}`,
        en: `${measures} measure(s) applied (need ${p.riskRemovalMinMeasures})${inferred ? '; no plan: measures inferred from registry fields' : ''}`,
      },
    ),
  ];
}

function labourReason(f: HouseholdFacts): Reason {
  const workers = presentMembers(f).filter(canWork).length;
  return reason('someone_can_work', workers > 0, workers, 1, {
    zh: workers > 0 ? `家里有 ${workers} 人有劳动能力` : '家里没有人有劳动能力，不能消除风险',
    en: workers > 0 ? `${workers} member(s) able to work` : 'no one can work: never removed',
  });
}

export function riskRemoval(f: HouseholdFacts, p: PolicyParams): RuleResult<RiskRemovalDecision> {
  const reasons = [
    ...monitoringReasons(f, p),
    ...incomeReasons(f, p),
    flag(
      'rigid_spending_resolved',
      f.monitoring.rigidSpendingResolved,
      'rigid_spending',
      ['刚性支出问题已经解决', 'rigid spending resolved'],
      ['刚性支出问题还没有解决', 'rigid spending not resolved'],
    ),
    compulsoryEducation(f, p),
    basicMedical(f),
    safeHousing(f, p),
    safeWater(f),
    flag(
      'no_new_risk',
      f.monitoring.newRisk === null ? null : !f.monitoring.newRisk,
      'risk',
      ['没有出现新的风险', 'no new risk'],
      ['出现了新的风险', 'a new risk appeared'],
    ),
    labourReason(f),
  ];
  const o = outcome(reasons);
  const decision = o === 'met' ? 'may_remove' : o === 'failed' ? 'keep' : 'verify';
  return { rule: 'risk_removal', decision, reasons, missing: o === 'unknown' ? missingOf(reasons) : [] };
}

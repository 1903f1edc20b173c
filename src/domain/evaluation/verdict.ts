import { incidenceReason } from '../rules/incidence.js';
import type { PolicyParams } from '../rules/params.js';
import { percent, reason, type Reason, type RuleResult } from '../rules/reason.js';
import type { CountyExitDecision } from '../rules/county-exit.js';
import type { ProportionEstimate } from './estimate.js';

/**
 * The county-exit verdict from a design-based evaluation: the rule of src/domain/rules/county-exit.ts
 * (veto when 错退率 ≥ 2 %, 漏评率 ≥ 2 % or approval < 90 %, by default), applied to the weighted
 * estimates instead of raw counts. Each veto reason also says whether the 95 % interval lies wholly
 * on one side of the threshold (`conclusive`) — a verdict resting on an interval that straddles the
 * threshold is flagged so the evaluator can enlarge the sample before deciding.
 */
export interface EvaluationEstimates {
  wrongExit: ProportionEstimate;
  omission: ProportionEstimate;
  approval: ProportionEstimate;
}

export interface VerdictReason extends Reason {
  conclusive: boolean | null;
  ciLow: number | null;
  ciHigh: number | null;
}

function estimateReason(
  criterion: string,
  e: ProportionEstimate,
  limit: number,
  kind: 'veto_at_or_above' | 'veto_below',
  name: [string, string],
): VerdictReason {
  const p = e.estimate;
  if (p === null)
    return {
      ...reason(criterion, false, null, limit, {
        zh: `${name[0]}没有已核查的样本户，无法估计`,
        en: `${name[1]}: no checked households in the sample`,
      }),
      conclusive: null,
      ciLow: null,
      ciHigh: null,
    };
  const ok = kind === 'veto_at_or_above' ? p < limit : p >= limit;
  const lo = e.ciLow ?? p;
  const hi = e.ciHigh ?? p;
  const conclusive = kind === 'veto_at_or_above' ? hi < limit || lo >= limit : lo >= limit || hi < limit;
  const ci = `95% CI ${percent(lo)}–${percent(hi)}`;
  const ciZh = `95% 置信区间 ${percent(lo)}–${percent(hi)}`;
  const rel = kind === 'veto_at_or_above' ? (ok ? '低于' : '达到') : ok ? '达到' : '低于';
  return {
    ...reason(criterion, ok, p, limit, {
      zh: `${name[0]}估计 ${percent(p)}（${ciZh}，核查 ${e.respondents} 户），${rel} ${percent(limit)}${ok ? '' : '，一票否决'}${conclusive ? '' : '；置信区间跨越标准，建议扩大样本'}`,
      en: `${name[1]} estimated ${percent(p)} (${ci}, ${e.respondents} checked) against ${percent(limit)}${ok ? '' : ': veto'}${conclusive ? '' : '; the interval straddles the threshold — enlarge the sample'}`,
    }),
    conclusive,
    ciLow: e.ciLow,
    ciHigh: e.ciHigh,
  };
}

export function evaluationVerdict(
  e: EvaluationEstimates,
  incidence: { poorPersons: number; ruralPopulation: number },
  p: PolicyParams,
): Omit<RuleResult<CountyExitDecision>, 'reasons'> & { reasons: VerdictReason[] } {
  const v = p.evaluationVeto;
  const vetoes = [
    estimateReason('wrong_exit_rate', e.wrongExit, v.wrongExitRate, 'veto_at_or_above', [
      '错退率',
      'wrong-exit rate',
    ]),
    estimateReason('omission_rate', e.omission, v.omissionRate, 'veto_at_or_above', [
      '漏评率',
      'omission rate',
    ]),
    estimateReason('public_approval', e.approval, v.minApproval, 'veto_below', [
      '群众认可度',
      'public approval',
    ]),
  ];
  const inc: VerdictReason = {
    ...incidenceReason(incidence.poorPersons, incidence.ruralPopulation, p),
    conclusive: null,
    ciLow: null,
    ciHigh: null,
  };
  const decision: CountyExitDecision = vetoes.some((r) => !r.passed)
    ? 'vetoed'
    : inc.passed
      ? 'may_exit'
      : 'not_yet';
  return { rule: 'county_exit', decision, reasons: [inc, ...vetoes] };
}

import { incidenceReason } from './incidence.js';
import type { PolicyParams } from './params.js';
import { percent, reason, type Reason, type RuleResult } from './reason.js';

/**
 * Poverty county exit (贫困县退出, DOMAIN.md §4): incidence ≤ the regional threshold, and the
 * third-party evaluation does not veto. Veto when 错退率 ≥ wrongExitRate (wrongly exited / exited
 * sampled), 漏评率 ≥ omissionRate (eligible but unregistered / unregistered sampled), or approval
 * (approving / surveyed) < minApproval. A rate with an empty sample cannot clear the veto.
 */
export interface CountyExitFacts {
  poorPersons: number;
  ruralPopulation: number;
  evaluation: {
    exitedSampled: number;
    wronglyExited: number;
    unregisteredSampled: number;
    eligibleUnregistered: number;
    surveyed: number;
    approving: number;
  };
}

export type CountyExitDecision = 'may_exit' | 'not_yet' | 'vetoed';

function rateReason(
  criterion: string,
  part: number,
  whole: number,
  limit: number,
  kind: 'veto_at_or_above' | 'veto_below',
  name: [string, string],
): Reason {
  const rate = whole > 0 ? part / whole : null;
  const ok = rate !== null && (kind === 'veto_at_or_above' ? rate < limit : rate >= limit);
  if (rate === null)
    return reason(criterion, false, null, limit, {
      zh: `${name[0]}没有样本，无法计算`,
      en: `${name[1]}: empty sample`,
    });
  const rel = kind === 'veto_at_or_above' ? (ok ? '低于' : '达到') : ok ? '达到' : '低于';
  return reason(criterion, ok, rate, limit, {
    zh: `${name[0]} ${percent(rate)}（${part} / ${whole}），${rel} ${percent(limit)}${ok ? '' : '，一票否决'}`,
    en: `${name[1]} ${percent(rate)} (${part}/${whole}) against ${percent(limit)}${ok ? '' : ': veto'}`,
  });
}

export function countyExit(c: CountyExitFacts, p: PolicyParams): RuleResult<CountyExitDecision> {
  const e = c.evaluation;
  const v = p.evaluationVeto;
  const incidence = incidenceReason(c.poorPersons, c.ruralPopulation, p);
  const vetoes = [
    rateReason('wrong_exit_rate', e.wronglyExited, e.exitedSampled, v.wrongExitRate, 'veto_at_or_above', [
      '错退率',
      'wrong-exit rate',
    ]),
    rateReason(
      'omission_rate',
      e.eligibleUnregistered,
      e.unregisteredSampled,
      v.omissionRate,
      'veto_at_or_above',
      ['漏评率', 'omission rate'],
    ),
    rateReason('public_approval', e.approving, e.surveyed, v.minApproval, 'veto_below', [
      '群众认可度',
      'public approval',
    ]),
  ];
  const decision: CountyExitDecision = vetoes.some((r) => !r.passed)
    ? 'vetoed'
    : incidence.passed
      ? 'may_exit'
      : 'not_yet';
  return { rule: 'county_exit', decision, reasons: [incidence, ...vetoes] };
}

import { incidenceReason } from './incidence.js';
import type { PolicyParams } from './params.js';
import { bindingPassed, reason, type Reason, type RuleResult } from './reason.js';

/**
 * Poor village exit (贫困村退出, DOMAIN.md §4): incidence ≤ the regional threshold, plus the
 * province's standards for infrastructure, basic services and collective income (assessed flags).
 */
export interface VillageExitFacts {
  poorPersons: number;
  ruralPopulation: number;
  infrastructureMet: boolean;
  servicesMet: boolean;
  collectiveIncomeMet: boolean;
}

export type AreaExitDecision = 'may_exit' | 'not_yet';

const standard = (criterion: string, ok: boolean, zh: string, en: string): Reason =>
  reason(criterion, ok, ok, true, {
    zh: `${zh}${ok ? '达到' : '未达到'}退出标准`,
    en: `${en} ${ok ? 'meets' : 'does not meet'} the standard`,
  });

export function villageExit(v: VillageExitFacts, p: PolicyParams): RuleResult<AreaExitDecision> {
  const reasons = [
    incidenceReason(v.poorPersons, v.ruralPopulation, p),
    standard('infrastructure', v.infrastructureMet, '基础设施（路、水、电、网）', 'infrastructure'),
    standard('basic_services', v.servicesMet, '基本公共服务（卫生室、学校等）', 'basic services'),
    standard('collective_income', v.collectiveIncomeMet, '村集体经济收入', 'collective income'),
  ];
  return { rule: 'village_exit', decision: bindingPassed(reasons) ? 'may_exit' : 'not_yet', reasons };
}

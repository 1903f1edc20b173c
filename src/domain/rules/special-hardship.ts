import { assessDibaoIncome } from './dibao-income.js';
import type { HouseholdFacts } from './facts.js';
import { lacksLabourCapacity, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import {
  bindingPassed,
  DISABILITY,
  HEALTH_AND_DISABILITY,
  reason,
  yuan,
  type Reason,
  type RuleResult,
} from './reason.js';

/**
 * Special hardship (特困, DOMAIN.md §4), all three conditions for every present member:
 * (1) no labour capacity: age ≥ noLabourAges.elderly, age < noLabourAges.minorBelow, disability grade
 *     ≤ severeDisabilityMaxGrade, or recorded without labour capacity;
 * (2) no means of living: assessed per-capita monthly income (as for dibao) strictly below the dibao
 *     standard, and assets within limits;
 * (3) no legal supporter able to support.
 * Support = specialHardshipStandardMonthly per person per month.
 */
export interface SpecialHardshipDecision {
  status: 'eligible' | 'not_eligible';
  monthlySupportPerPerson: number;
  persons: number;
}

function labourReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const members = presentMembers(f);
  const able = members.filter((m) => !lacksLabourCapacity(m, p)).map((m) => m.id);
  const ok = members.length > 0 && able.length === 0;
  return reason(
    'no_labour_capacity',
    ok,
    { ableToWork: able },
    p.noLabourAges,
    {
      zh: ok
        ? `家里的人都没有劳动能力（${p.noLabourAges.elderly} 岁以上老人、未满 ${p.noLabourAges.minorBelow} 岁的未成年人或重度残疾人）`
        : `家里有 ${able.length} 人有劳动能力`,
      en: ok ? 'no member has labour capacity' : `${able.length} member(s) have labour capacity`,
    },
    true,
    DISABILITY, // a severe disability grade counts as no labour capacity
  );
}

function livingReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const a = assessDibaoIncome(f, p);
  const ok = a.perCapitaMonthly < a.standardMonthly && f.dibao.assetsWithinLimits;
  const assets = f.dibao.assetsWithinLimits ? '财产符合规定' : '财产超过规定';
  return reason(
    'no_means_of_living',
    ok,
    { perCapitaMonthly: a.perCapitaMonthly, assetsWithinLimits: f.dibao.assetsWithinLimits },
    a.standardMonthly,
    {
      zh: `每人每月收入 ${yuan(a.perCapitaMonthly)} 元，${a.perCapitaMonthly < a.standardMonthly ? '低于' : '不低于'}低保标准 ${yuan(a.standardMonthly)} 元，${assets}`,
      en: `per-capita monthly income ${yuan(a.perCapitaMonthly)} against the dibao standard ${yuan(a.standardMonthly)}; assets ${f.dibao.assetsWithinLimits ? 'within' : 'over'} limits`,
    },
    true,
    HEALTH_AND_DISABILITY, // the dibao assessment disregards a disabled member's earnings
  );
}

function supporterReason(f: HouseholdFacts): Reason {
  const able = f.legalSupporters.filter((s) => s.able);
  const ok = able.length === 0;
  return reason('no_able_supporter', ok, { supporters: f.legalSupporters.length, able: able.length }, 0, {
    zh: ok
      ? '没有有赡养、抚养、扶养能力的法定义务人'
      : `有 ${able.length} 名法定义务人有赡养、抚养或扶养能力`,
    en: ok ? 'no legal supporter able to support' : `${able.length} legal supporter(s) able to support`,
  });
}

export function specialHardship(f: HouseholdFacts, p: PolicyParams): RuleResult<SpecialHardshipDecision> {
  const reasons = [labourReason(f, p), livingReason(f, p), supporterReason(f)];
  const ok = bindingPassed(reasons);
  return {
    rule: 'special_hardship',
    decision: {
      status: ok ? 'eligible' : 'not_eligible',
      monthlySupportPerPerson: ok ? p.specialHardshipStandardMonthly : 0,
      persons: ok ? presentMembers(f).length : 0,
    },
    reasons,
  };
}

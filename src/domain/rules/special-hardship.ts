import { assessDibaoIncome } from './dibao-income.js';
import type { HouseholdFacts } from './facts.js';
import { lacksLabourCapacity, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { missingOf, outcome, unknownReason } from './missing.js';
import { DISABILITY, HEALTH_AND_DISABILITY, reason, yuan, type Reason, type RuleResult } from './reason.js';

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
  status: 'eligible' | 'not_eligible' | 'verify';
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

const LIVING = {
  zh: '没有生活来源（收入低于低保标准、财产符合规定）',
  en: 'no means of living (income, assets)',
};

function livingReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const a = assessDibaoIncome(f, p);
  if (!a) return unknownReason('no_means_of_living', ['income_months'], LIVING, HEALTH_AND_DISABILITY);
  const below = a.perCapitaMonthly < a.standardMonthly;
  const assetsOk = f.dibao.assetsWithinLimits;
  // income at or above the standard, or assets over: known not met whatever is missing
  if (below && (assetsOk === null || !a.supportKnown))
    return unknownReason(
      'no_means_of_living',
      [
        ...(assetsOk === null ? (['dibao_means'] as const) : []),
        ...(a.supportKnown ? [] : (['legal_supporter'] as const)),
      ],
      LIVING,
      HEALTH_AND_DISABILITY,
    );
  const ok = below && assetsOk === true;
  const assets = assetsOk === null ? '财产未核查' : assetsOk ? '财产符合规定' : '财产超过规定';
  return reason(
    'no_means_of_living',
    ok,
    { perCapitaMonthly: a.perCapitaMonthly, assetsWithinLimits: assetsOk },
    a.standardMonthly,
    {
      zh: `每人每月收入 ${yuan(a.perCapitaMonthly)} 元，${a.perCapitaMonthly < a.standardMonthly ? '低于' : '不低于'}低保标准 ${yuan(a.standardMonthly)} 元，${assets}`,
      en: `per-capita monthly income ${yuan(a.perCapitaMonthly)} against the dibao standard ${yuan(a.standardMonthly)}; assets ${assetsOk === null ? 'not checked' : assetsOk ? 'within' : 'over'} limits`,
    },
    true,
    HEALTH_AND_DISABILITY, // the dibao assessment disregards a disabled member's earnings
  );
}

function supporterReason(f: HouseholdFacts): Reason {
  const supporters = f.legalSupporters;
  if (supporters === null)
    return unknownReason('no_able_supporter', ['legal_supporter'], {
      zh: '没有有能力的法定义务人',
      en: 'no legal supporter able to support',
    });
  const able = supporters.filter((s) => s.able);
  const ok = able.length === 0;
  return reason('no_able_supporter', ok, { supporters: supporters.length, able: able.length }, 0, {
    zh: ok
      ? '没有有赡养、抚养、扶养能力的法定义务人'
      : `有 ${able.length} 名法定义务人有赡养、抚养或扶养能力`,
    en: ok ? 'no legal supporter able to support' : `${able.length} legal supporter(s) able to support`,
  });
}

export function specialHardship(f: HouseholdFacts, p: PolicyParams): RuleResult<SpecialHardshipDecision> {
  const reasons = [labourReason(f, p), livingReason(f, p), supporterReason(f)];
  const o = outcome(reasons);
  const ok = o === 'met';
  return {
    rule: 'special_hardship',
    missing: o === 'unknown' ? missingOf(reasons) : [],
    decision: {
      status: ok ? 'eligible' : o === 'failed' ? 'not_eligible' : 'verify',
      monthlySupportPerPerson: ok ? p.specialHardshipStandardMonthly : 0,
      persons: ok ? presentMembers(f).length : 0,
    },
    reasons,
  };
}

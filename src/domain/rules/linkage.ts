import { REGISTERED_STATUSES } from '../code-lists.js';
import { dibao } from './dibao.js';
import { DEVELOPMENT_MEASURES, type HouseholdFacts } from './facts.js';
import { canWork, isCovered, presentMembers } from './members.js';
import type { PolicyParams } from './params.js';
import { missingOf, unknownReason, type MissingFactKey } from './missing.js';
import { HEALTH_AND_DISABILITY, reason, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Linkage diagnostics (两线合一, DOMAIN.md §4). Each reason passes when there is no gap:
 * - poor_eligible_not_covered: a registry household meeting dibao conditions (eligible or single
 *   person) without any dibao or 特困 member;
 * - dibao_labour_no_development: a dibao household with someone able to work but no development
 *   measure (industry, employment, public-welfare job, finance);
 * - standard_below_line: 12 × monthly dibao standard strictly below the poverty line.
 */
export type LinkageGap = 'poor_eligible_not_covered' | 'dibao_labour_no_development' | 'standard_below_line';

function coverageReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const registered = REGISTERED_STATUSES.includes(f.status);
  const d = dibao(f, p);
  const status = d.decision.status;
  if (registered && !isCovered(f) && status === 'verify')
    return unknownReason(
      'poor_eligible_not_covered',
      (d.missing ?? []).map((m) => m.fact as MissingFactKey),
      { zh: '建档立卡户是否符合低保条件', en: 'whether the registry household meets dibao conditions' },
      HEALTH_AND_DISABILITY,
    );
  const meets = status === 'eligible' || status === 'single_person';
  const gap = registered && meets && !isCovered(f);
  return reason(
    'poor_eligible_not_covered',
    !gap,
    { registered, dibaoStatus: status, covered: isCovered(f) },
    null,
    {
      zh: gap ? '建档立卡户符合低保条件，但还没有纳入低保' : '没有“符合低保条件未纳入”的问题',
      en: gap ? 'registry household meets dibao conditions but is not covered' : 'no dibao coverage gap',
    },
    true,
    HEALTH_AND_DISABILITY, // the dibao decision (single-person coverage, disregards) reads them
  );
}

function developmentReason(f: HouseholdFacts): Reason {
  const onDibao = presentMembers(f).some((m) => m.dibao);
  const labour = presentMembers(f).some(canWork);
  const dev = f.measures.filter((m) => DEVELOPMENT_MEASURES.includes(m));
  const gap = onDibao && labour && dev.length === 0;
  const inferred = f.measureBasis === 'inferred';
  const note = inferred
    ? {
        zh: '（该户没有帮扶计划，措施按登记信息推断）',
        en: ' (no plan: measures inferred from registry fields)',
      }
    : { zh: '', en: '' };
  return reason(
    'dibao_labour_no_development',
    !gap,
    {
      onDibao,
      labour,
      developmentMeasures: dev,
      basis: f.measureBasis ?? null,
      measures: f.planMeasures ?? null,
    },
    DEVELOPMENT_MEASURES,
    {
      zh:
        (gap
          ? '低保户家里有劳动力，但没有产业、就业等开发式帮扶措施'
          : '没有“有劳动力的低保户缺少开发式帮扶”的问题') + note.zh,
      en:
        (gap ? 'dibao household with labour has no development measure' : 'no development-measure gap') +
        note.en,
    },
  );
}

function standardReason(p: PolicyParams): Reason {
  const annual = p.ruralDibaoStandardMonthly * 12;
  const gap = annual < p.povertyLine;
  return reason('standard_below_line', !gap, annual, p.povertyLine, {
    zh: `农村低保标准每年 ${yuan(annual)} 元，${gap ? '低于' : '不低于'}扶贫标准 ${yuan(p.povertyLine)} 元`,
    en: `annual dibao standard ${yuan(annual)} ${gap ? 'below' : 'not below'} the poverty line ${yuan(p.povertyLine)}`,
  });
}

/**
 * The known gaps; when the coverage gap cannot be decided (dibao `verify`), `missing` names the facts
 * and the decision keys add `verify` (worklists/selection.ts).
 */
export function linkage(f: HouseholdFacts, p: PolicyParams): RuleResult<{ gaps: LinkageGap[] }> {
  const reasons = [coverageReason(f, p), developmentReason(f), standardReason(p)];
  const gaps = reasons.filter((r) => !r.passed && !r.missing?.length).map((r) => r.criterion as LinkageGap);
  return { rule: 'linkage', decision: { gaps }, reasons, missing: missingOf(reasons) };
}

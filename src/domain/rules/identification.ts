import type { HouseholdFacts, RedLineHit } from './facts.js';
import { basicMedical, compulsoryEducation, safeHousing } from './guarantees.js';
import { perCapitaNetIncome } from './income.js';
import { isSeriouslyIllOrSeverelyDisabled, presentMembers } from './members.js';
import type { PolicyParams, RedLine, RedLineKey } from './params.js';
import { missingOf, unknownReason } from './missing.js';
import { HEALTH_AND_DISABILITY, reason, yuan, type Reason, type RuleResult } from './reason.js';

/**
 * Identification (识别, DOMAIN.md §4): the whole household, per-capita net income strictly below the
 * poverty line; exclusion red lines from other departments' lists block, or need a written exception.
 * Housing, education and health are considerations (non-binding reasons) for the democratic review.
 */
export type IdentificationDecision = 'eligible' | 'needs_exception' | 'not_eligible' | 'verify';

export const RED_LINE_LABELS: Record<RedLineKey, { zh: string; en: string }> = {
  car: { zh: '家庭成员有小汽车', en: 'a family member owns a car' },
  commercial_housing: { zh: '在城镇购买了商品房或门面房', en: 'owns a commercial flat or town house' },
  company: { zh: '家庭成员开办或经营公司', en: 'a family member runs a company' },
  public_employee: { zh: '家庭成员是财政供养人员', en: 'a family member is a public employee' },
  village_cadre: { zh: '家庭成员是村干部', en: 'a family member is a village cadre' },
  split_household: { zh: '拆户、分户或空挂户', en: 'split or nominal household' },
  absent_over_year: { zh: '全家外出一年以上', en: 'absent for over a year' },
};

function incomeReason(f: HouseholdFacts, p: PolicyParams): Reason {
  const pc = perCapitaNetIncome(f.income);
  const below = pc < p.povertyLine;
  const text = `家庭年人均纯收入 ${yuan(pc)} 元，${below ? '低于' : '不低于'}贫困线 ${yuan(p.povertyLine)} 元`;
  const en = `per-capita net income ${yuan(pc)} ${below ? 'below' : 'not below'} the line ${yuan(p.povertyLine)}`;
  return reason('income_below_line', below, pc, p.povertyLine, { zh: text, en });
}

function redLineReason(hitList: readonly RedLineHit[], line: RedLine): Reason {
  const hits = hitList.filter((h) => h.key === line.key);
  const excepted = line.effect === 'exception' && hits.every((h) => h.writtenException !== null);
  const passed = hits.length === 0 || excepted;
  const label = RED_LINE_LABELS[line.key];
  const text =
    hits.length === 0
      ? { zh: `没有发现“${label.zh}”`, en: `no hit: ${label.en}` }
      : excepted
        ? { zh: `发现“${label.zh}”，已有书面例外说明`, en: `hit with written exception: ${label.en}` }
        : line.effect === 'block'
          ? { zh: `发现“${label.zh}”，不能识别为贫困户`, en: `blocking hit: ${label.en}` }
          : { zh: `发现“${label.zh}”，需要书面例外说明`, en: `hit needs a written exception: ${label.en}` };
  const value = hits.map((h) => ({ source: h.source, memberId: h.memberId, exception: h.writtenException }));
  return reason(`red_line.${line.key}`, passed, value, line.effect, text);
}

function illnessConsideration(f: HouseholdFacts, p: PolicyParams): Reason {
  const ill = presentMembers(f)
    .filter((m) => isSeriouslyIllOrSeverelyDisabled(m, p))
    .map((m) => m.id);
  const none = ill.length === 0;
  return reason(
    'serious_illness_or_disability',
    none,
    ill,
    0,
    none
      ? { zh: '家里没有大病或重度残疾的人', en: 'no seriously ill or severely disabled member' }
      : {
          zh: `家里有 ${ill.length} 人患大病或重度残疾`,
          en: `${ill.length} seriously ill or severely disabled`,
        },
    false,
    HEALTH_AND_DISABILITY,
  );
}

export function identification(f: HouseholdFacts, p: PolicyParams): RuleResult<IdentificationDecision> {
  const income = incomeReason(f, p);
  const hits = f.redLineHits;
  const redLines = hits === null ? [] : p.redLines.map((line) => ({ line, r: redLineReason(hits, line) }));
  const unmatched =
    hits === null
      ? [
          unknownReason('red_lines', ['department_lists'], {
            zh: '“红线”比对',
            en: 'red-line match',
          }),
        ]
      : [];
  const considerations = [
    safeHousing(f, p, false),
    compulsoryEducation(f, p, false),
    basicMedical(f, false),
    illnessConsideration(f, p),
  ];
  const failed = redLines.filter((x) => !x.r.passed);
  const decision: IdentificationDecision =
    !income.passed || failed.some((x) => x.line.effect === 'block')
      ? 'not_eligible'
      : unmatched.length > 0
        ? 'verify'
        : failed.length > 0
          ? 'needs_exception'
          : 'eligible';
  return {
    rule: 'identification',
    decision,
    reasons: [income, ...redLines.map((x) => x.r), ...unmatched, ...considerations],
    missing: decision === 'verify' ? missingOf(unmatched) : [],
  };
}

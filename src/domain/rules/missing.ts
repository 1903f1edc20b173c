import type { FactSupplier, MissingFact, Reason } from './reason.js';

export type { FactSupplier, MissingFact } from './reason.js';

/**
 * The third outcome, "cannot decide — verify" (docs/rules.md, "The third outcome"). A rule whose
 * decision depends on a fact the registry does not hold returns `verify` (or `status: 'verify'`)
 * with the missing facts and who can supply each, instead of deciding on a default.
 *
 * Three-valued: a binding reason is met, failed, or unknown (its `missing` lists the facts it
 * lacks). A known failure decides the negative outcome whatever is unknown (a household whose
 * income is above the line is not eligible whether or not its means test is on file); only when
 * nothing known fails and something is unknown does the rule return `verify`.
 */

export const MISSING_FACT_KEYS = [
  'income_months',
  'food_clothing',
  'housing_safety',
  'rigid_spending',
  'risk',
  'department_lists',
  'dibao_means',
  'legal_supporter',
  'member_health',
  'migrant_wage',
] as const;
export type MissingFactKey = (typeof MISSING_FACT_KEYS)[number];

const CATALOGUE: Record<MissingFactKey, { supplier: FactSupplier; zh: string; en: string }> = {
  income_months: {
    supplier: 'village_cadre',
    zh: '近 12 个月的逐月收入（回访登记）',
    en: 'monthly income of the last 12 months (follow-up visits)',
  },
  food_clothing: {
    supplier: 'village_cadre',
    zh: '“吃穿不愁”的入户核实记录',
    en: 'a home-visit record of food and clothing',
  },
  housing_safety: {
    supplier: 'township',
    zh: '住房安全鉴定或危房改造记录',
    en: 'a housing safety assessment or rebuilding record',
  },
  rigid_spending: {
    supplier: 'village_cadre',
    zh: '近 12 个月的刚性支出（医疗、教育、灾害、意外）入户核实记录',
    en: 'rigid spending of the last 12 months (medical, schooling, disaster, accident) checked at a visit',
  },
  risk: {
    supplier: 'village_cadre',
    zh: '风险排查记录（是否出现新的风险）',
    en: 'a risk screening record (whether a new risk appeared)',
  },
  department_lists: {
    supplier: 'department',
    zh: '车辆、房产、工商、财政供养等部门名单比对结果',
    en: 'the match with department lists (vehicles, real estate, business, payroll)',
  },
  dibao_means: {
    supplier: 'township',
    zh: '低保家庭经济状况核查（财产和消费支出）',
    en: 'the dibao means test (assets and spending)',
  },
  legal_supporter: {
    supplier: 'township',
    zh: '赡养、抚养、扶养义务人及其给付情况',
    en: 'legal supporters outside the household and what they pay',
  },
  member_health: {
    supplier: 'village_cadre',
    zh: '成员的健康状况（健康、长期慢性病、大病、残疾）登记',
    en: "a member's health status (healthy, chronic, serious illness, disabled)",
  },
  migrant_wage: {
    supplier: 'village_cadre',
    zh: '外出务工成员的月工资登记',
    en: "a migrant member's monthly wage",
  },
};

export const missingFact = (fact: MissingFactKey): MissingFact => ({
  fact,
  supplier: CATALOGUE[fact].supplier,
  label_zh: CATALOGUE[fact].zh,
  label_en: CATALOGUE[fact].en,
});

export const SUPPLIER_LABELS: Record<FactSupplier, { zh: string; en: string }> = {
  village_cadre: { zh: '村干部入户核实', en: 'village cadre (home visit)' },
  township: { zh: '乡镇核查', en: 'township' },
  department: { zh: '行业部门', en: 'department' },
};

/** A binding reason that cannot be tested: the facts it lacks are named; `passed` is false. */
export function unknownReason(
  criterion: string,
  facts: readonly MissingFactKey[],
  label: { zh: string; en: string },
  rests: Reason['rests'] = [],
): Reason {
  const names = facts.map((k) => ({ ...CATALOGUE[k], by: SUPPLIER_LABELS[CATALOGUE[k].supplier] }));
  return {
    criterion,
    label_zh: `${label.zh}：缺少${names.map((x) => `${x.zh}（${x.by.zh}）`).join('、')}，需要核实`,
    label_en: `${label.en}: missing ${names.map((x) => `${x.en} (${x.by.en})`).join('; ')} — verify`,
    value: null,
    threshold: null,
    passed: false,
    binding: true,
    rests,
    missing: [...facts],
  };
}

export type Outcome = 'met' | 'failed' | 'unknown';

/** Kleene conjunction of the binding reasons: a known failure wins over an unknown. */
export function outcome(reasons: readonly Reason[]): Outcome {
  const binding = reasons.filter((r) => r.binding);
  if (binding.some((r) => !r.passed && !r.missing?.length)) return 'failed';
  if (binding.some((r) => r.missing?.length)) return 'unknown';
  return 'met';
}

/** The missing facts of a list of reasons (binding and unknown), each once, in catalogue order. */
export function missingOf(reasons: readonly Reason[]): MissingFact[] {
  return missingFacts(reasons.filter((r) => r.binding).flatMap((r) => r.missing ?? []));
}

/** The given missing facts, each once, in catalogue order. */
export function missingFacts(keys: Iterable<string>): MissingFact[] {
  const set = new Set(keys);
  return MISSING_FACT_KEYS.filter((k) => set.has(k)).map(missingFact);
}

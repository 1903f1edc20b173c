import type { HouseholdRuleName } from '../../domain/rules/index.js';
import type { Reason } from '../../domain/rules/reason.js';

/**
 * Facts the registry does not hold. The mapper fills a default and records a gap; each gap becomes a
 * non-binding reason (criterion `data.<fact>`) on the rules that read the fact, so that a cadre
 * reading the evaluation out knows what still needs to be checked at the household.
 */
export type GapKey =
  | 'department_lists'
  | 'food_clothing'
  | 'measures'
  | 'follow_up'
  | 'rigid_spending'
  | 'shock_evidence'
  | 'dibao_investigation'
  | 'legal_supporters'
  | 'last_12_months'
  | 'housing_rebuilt'
  | 'labour_capacity';

interface GapText {
  rules: readonly HouseholdRuleName[];
  zh: string;
  en: string;
}

export const GAPS: Record<GapKey, GapText> = {
  department_lists: {
    rules: ['identification', 'dibao'],
    zh: '还没有与车辆、房产、工商、财政供养等部门名单比对，未发现“红线”问题；比对结果以部门数据为准',
    en: 'not yet matched with department lists (vehicles, real estate, business, payroll): no red-line hit recorded',
  },
  food_clothing: {
    rules: ['household_exit'],
    zh: '登记信息里没有“吃穿不愁”的记录，按已保障计算，请入户核实',
    en: 'the registry holds no food-and-clothing record: counted as secure; check at the household',
  },
  measures: {
    rules: ['risk_removal', 'linkage'],
    zh: '帮扶措施按登记信息推断（公益岗位、外出务工、易地搬迁、生态补偿、低保特困、合作社或龙头企业带动）',
    en: 'measures inferred from registry fields (welfare job, migrant work, relocation, eco-compensation, dibao/tekun, cooperative or enterprise tie)',
  },
  follow_up: {
    rules: ['risk_removal'],
    zh: '收入稳定月数按年度收入估算（达标的年份计 12 个月）；是否出现新风险没有记录，按没有计算，请回访核实',
    en: 'months above the line estimated from yearly income (12 per year); new risks are not recorded: counted as none',
  },
  rigid_spending: {
    rules: ['monitoring', 'risk_removal'],
    zh: '刚性支出只计登记的医疗支出（没有教育、灾害、意外支出的记录）',
    en: 'rigid spending counts the recorded medical costs only (no schooling, disaster or accident costs recorded)',
  },
  shock_evidence: {
    rules: ['monitoring'],
    zh: '系统里没有困难情况证明材料，突发困难以入户核实为准',
    en: 'no shock evidence is on file; a sudden hardship is confirmed at the home visit',
  },
  dibao_investigation: {
    rules: ['dibao', 'special_hardship', 'linkage'],
    zh: '赡养费、就业成本、残疾和教育支出、财产和消费支出没有登记：赡养费和扣减按 0 计算，财产和支出按符合规定计算，以乡镇入户调查为准',
    en: 'support from relatives, employment costs, disability and schooling costs, assets and spending are not recorded: counted as 0 / within limits until the township investigation',
  },
  legal_supporters: {
    rules: ['special_hardship'],
    zh: '不在本户的赡养、抚养、扶养义务人没有登记，按没有计算，请核实',
    en: 'legal supporters outside the household are not recorded: counted as none; check',
  },
  last_12_months: {
    rules: ['monitoring', 'risk_removal', 'dibao', 'special_hardship'],
    zh: '“近 12 个月”收入按年度收入计算',
    en: '“last 12 months” income taken from the yearly income row',
  },
  housing_rebuilt: {
    rules: ['household_exit', 'risk_removal'],
    zh: '没有危房改造的记录，按住房安全等级判断',
    en: 'no house-rebuilding record: judged by the housing grade',
  },
  labour_capacity: {
    rules: ['risk_removal', 'special_hardship', 'linkage'],
    zh: '有成员没有登记劳动能力，按年龄和健康状况推定（16–59 岁且无重病、残疾视为有劳动能力）',
    en: 'labour capacity missing for some members: inferred from age and health (16–59 without serious illness or disability = able)',
  },
};

export const gapReason = (key: GapKey): Reason => ({
  criterion: `data.${key}`,
  label_zh: GAPS[key].zh,
  label_en: GAPS[key].en,
  value: null,
  threshold: null,
  passed: true,
  binding: false,
  // a note on what the registry lacks, the same for every household that lacks it: no personal data
  rests: [],
});

/** The gap notes that concern one rule. */
export const gapsFor = (rule: string, gaps: readonly GapKey[]): Reason[] =>
  gaps.filter((g) => (GAPS[g].rules as readonly string[]).includes(rule)).map(gapReason);

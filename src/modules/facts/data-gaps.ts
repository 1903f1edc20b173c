import type { HouseholdRuleName } from '../../domain/rules/index.js';
import type { Reason } from '../../domain/rules/reason.js';

/**
 * Inferences, not defaults: the two facts the mapper derives from other recorded fields. Each
 * becomes a non-binding reason (criterion `data.<key>`) on the rules that read it, so that a cadre
 * reading the evaluation out knows what was inferred. A fact that is neither recorded nor inferable
 * is no longer defaulted here: the rules that need it return `verify` (src/domain/rules/missing.ts).
 */
export type GapKey = 'measures' | 'labour_capacity';

interface GapText {
  rules: readonly HouseholdRuleName[];
  zh: string;
  en: string;
}

export const GAPS: Record<GapKey, GapText> = {
  measures: {
    rules: ['risk_removal', 'linkage'],
    zh: '该户没有帮扶计划，帮扶措施按登记信息推断（公益岗位、外出务工、易地搬迁、生态补偿、低保特困、合作社或龙头企业带动）',
    en: 'the household has no plan: measures inferred from registry fields (welfare job, migrant work, relocation, eco-compensation, dibao/tekun, cooperative or enterprise tie)',
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

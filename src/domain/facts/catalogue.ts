import type { CodeEntry } from '../code-entry.js';
import type { DataClass } from '../visibility.js';

/**
 * The recorded facts of a household (docs/facts.md): the kinds, their labels and fields, which are
 * decision-critical (a village cadre's change waits for confirmation where the county asks for it),
 * and which data class a kind's value belongs to. Plain data, no zod: the web app imports this file;
 * the value schemas are in kinds.ts.
 */
/** A code entry keeping its code's literal type (kinds.ts builds enums from these lists). */
const e = <C extends string>(code: C, zh: string, en: string) => ({ code, zh, en }) as const;

export const FACT_KINDS = [
  'income_month',
  'rigid_spending',
  'food_clothing',
  'schooling',
  'insurance',
  'housing_safety',
  'drinking_water',
  'risk',
  'shock',
  'legal_supporter',
  'dibao_means',
  'disability',
  'land',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export const FACT_SOURCES = [
  'home_visit',
  'self_report',
  'department_list',
  'document',
  'import',
  'civil_affairs',
  'demo',
] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

/** proposed: waits for a township/county officer; superseded: corrected by a later row (`supersedes`). */
export const FACT_STATES = ['proposed', 'confirmed', 'rejected', 'superseded'] as const;
export type FactState = (typeof FACT_STATES)[number];

/** The county's maker–checker setting (policy parameter `factConfirmation`). */
export const FACT_CONFIRMATION = ['none', 'township', 'county'] as const;
export type FactConfirmation = (typeof FACT_CONFIRMATION)[number];

export interface KindInfo {
  zh: string;
  en: string;
  /** A fact about the household or about one member (member_id set). */
  of: 'household' | 'member';
  /** Income, the guarantees, risks, shocks, rigid spending, legal supporters, dibao means. */
  critical: boolean;
  /**
   * The data class of the kind's values where the value as a whole reveals one (disability); a
   * medical rigid-spending record is health too (kinds.ts `valueClassOf`). null: none.
   */
  dataClass: DataClass | null;
}

export const KIND_INFO: Readonly<Record<FactKind, KindInfo>> = {
  income_month: { zh: '月度收入', en: 'Monthly income', of: 'household', critical: true, dataClass: null },
  rigid_spending: { zh: '刚性支出', en: 'Rigid spending', of: 'household', critical: true, dataClass: null },
  food_clothing: {
    zh: '不愁吃不愁穿',
    en: 'Food and clothing',
    of: 'household',
    critical: true,
    dataClass: null,
  },
  schooling: { zh: '义务教育保障', en: 'Schooling', of: 'member', critical: true, dataClass: null },
  insurance: { zh: '基本医疗保障（参保）', en: 'Insurance', of: 'member', critical: true, dataClass: null },
  housing_safety: {
    zh: '住房安全保障',
    en: 'Housing safety',
    of: 'household',
    critical: true,
    dataClass: null,
  },
  drinking_water: {
    zh: '饮水安全保障',
    en: 'Drinking water',
    of: 'household',
    critical: true,
    dataClass: null,
  },
  risk: { zh: '监测风险', en: 'Monitoring risk', of: 'household', critical: true, dataClass: null },
  shock: { zh: '突发事件', en: 'Shock', of: 'household', critical: true, dataClass: null },
  legal_supporter: {
    zh: '法定赡养（抚养、扶养）人',
    en: 'Legal supporter',
    of: 'household',
    critical: true,
    dataClass: null,
  },
  dibao_means: {
    zh: '低保家庭经济状况核对',
    en: 'Dibao means test',
    of: 'household',
    critical: true,
    dataClass: null,
  },
  disability: {
    zh: '残疾类别与等级',
    en: 'Disability',
    of: 'member',
    critical: false,
    dataClass: 'disability',
  },
  land: { zh: '土地（按类型）', en: 'Land by type', of: 'household', critical: false, dataClass: null },
};

export const SOURCE_LABELS: Readonly<Record<FactSource, CodeEntry>> = {
  home_visit: e('home_visit', '入户核实', 'home visit'),
  self_report: e('self_report', '本人申报', 'self-report'),
  department_list: e('department_list', '部门数据', 'department list'),
  document: e('document', '证明材料', 'document'),
  import: e('import', '批量导入', 'import'),
  civil_affairs: e('civil_affairs', '民政核对', 'civil affairs check'),
  demo: e('demo', '演示数据', 'demo data'),
};

export const STATE_LABELS: Readonly<Record<FactState, CodeEntry>> = {
  proposed: e('proposed', '待确认', 'pending confirmation'),
  confirmed: e('confirmed', '已确认', 'confirmed'),
  rejected: e('rejected', '已退回', 'rejected'),
  superseded: e('superseded', '已更正', 'superseded'),
};

/** The items of a month's income (yuan); net = all but productionCost, minus productionCost. */
export const INCOME_ITEMS = [
  e('wage', '工资性收入', 'wages'),
  e('businessPlanting', '种植业经营收入', 'planting'),
  e('businessBreeding', '养殖业经营收入', 'breeding'),
  e('businessOther', '其他经营收入', 'other business'),
  e('productionCost', '生产经营性支出', 'production cost'),
  e('property', '财产性收入', 'property income'),
  e('transferTekun', '特困供养金', 'special-hardship support'),
  e('transferDibao', '低保金', 'dibao'),
  e('transferDisability', '残疾人两项补贴', 'disability subsidies'),
  e('transferSupport', '赡养（抚养、扶养）费', 'support from relatives'),
  e('transferPension', '养老金', 'pension'),
  e('transferEco', '生态补偿金', 'ecological compensation'),
  e('transferOther', '其他转移性收入', 'other transfers'),
  // not part of the net income: the costs of going to work, a deduction of the dibao assessment
  e(
    'employmentCost',
    '就业成本（交通、在外食宿等，不计入纯收入）',
    'employment costs (transport, meals away; not in net income)',
  ),
] as const;
export type IncomeItem = (typeof INCOME_ITEMS)[number]['code'];

export const SPENDING_CATEGORIES = [
  e('medical', '医疗支出（报销后自付）', 'medical (after reimbursement)'),
  e('schooling', '教育支出', 'schooling'),
  e('disaster', '灾害损失', 'disaster loss'),
  e('accident', '意外事故损失', 'accident loss'),
  e('disability', '残疾康复和辅具支出', 'disability (rehabilitation, assistive devices)'),
] as const;

/** 防返贫监测风险类型 (the monitoring-risk code list). A household has at most five open risks. */
export const RISK_CODES = [
  e('illness', '因病', 'illness'),
  e('disability', '因残', 'disability'),
  e('schooling', '因学', 'schooling'),
  e('disaster', '因自然灾害', 'natural disaster'),
  e('accident', '因意外事故', 'accident'),
  e('industry_failure', '因产业项目失败', 'failed business'),
  e('employment', '因务工就业不稳', 'unstable employment'),
  e('labour', '缺劳动力', 'lack of labour'),
  e('housing', '住房出现安全问题', 'unsafe housing'),
  e('water', '饮水安全问题', 'unsafe drinking water'),
  e('spending_income', '家庭刚性支出较大或收入大幅缩减', 'high rigid spending or income drop'),
  e('other', '其他', 'other'),
] as const;
export const MAX_OPEN_RISKS = 5;

export const SHOCK_CATEGORIES = [
  e('illness', '重大疾病', 'serious illness'),
  e('accident', '意外事故', 'accident'),
  e('disaster', '自然灾害', 'natural disaster'),
  e('income_loss', '收入骤减', 'sudden income loss'),
  e('other', '其他', 'other'),
] as const;

export const SUPPORTER_RELATIONS = [
  e('child', '子女', 'child'),
  e('parent', '父母', 'parent'),
  e('spouse', '配偶', 'spouse'),
  e('grandchild', '孙子女、外孙子女', 'grandchild'),
  e('sibling', '兄弟姐妹', 'sibling'),
  e('other', '其他', 'other'),
] as const;

export const SUPPORT_CAPACITY = [
  e('able', '有赡养能力', 'able'),
  e('limited', '赡养能力有限', 'limited'),
  e('none', '无赡养能力', 'none'),
] as const;

export const SCHOOL_STAGES = [
  e('preschool', '学前', 'pre-school'),
  e('primary', '小学', 'primary'),
  e('junior', '初中', 'junior secondary'),
  e('senior', '高中', 'senior secondary'),
  e('vocational', '中职', 'vocational'),
  e('higher', '高等教育', 'higher education'),
  e('none', '不在学', 'not in school'),
] as const;

export const SCHOOL_STATUSES = [
  e('in_school', '在校', 'in school'),
  e('out_of_school', '失学辍学', 'out of school'),
  e('exempt', '依法免学/缓学', 'legally exempt or deferred'),
  e('not_school_age', '非义务教育年龄', 'not of compulsory-school age'),
] as const;

export const DISABILITY_TYPES = [
  e('visual', '视力残疾', 'visual'),
  e('hearing', '听力残疾', 'hearing'),
  e('speech', '言语残疾', 'speech'),
  e('physical', '肢体残疾', 'physical'),
  e('intellectual', '智力残疾', 'intellectual'),
  e('mental', '精神残疾', 'mental'),
  e('multiple', '多重残疾', 'multiple'),
] as const;

export const LAND_TYPES = [
  e('cultivated', '耕地', 'cultivated'),
  e('forest', '林地', 'forest'),
  e('garden', '园地', 'garden'),
  e('grassland', '草地', 'grassland'),
  e('water', '水面', 'water surface'),
] as const;

export const isFactKind = (s: string): s is FactKind => (FACT_KINDS as readonly string[]).includes(s);
export const isDecisionCritical = (kind: FactKind): boolean => KIND_INFO[kind].critical;
export const codesOfList = (list: readonly CodeEntry[]): string[] => list.map((x) => x.code);

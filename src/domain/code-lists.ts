import { codeEntry as e, type CodeEntry } from './code-entry.js';
import { DUPLICATE_CODE_LISTS } from './duplicates/kinds.js';
import { MATCHING_CODE_LISTS } from './matching/kinds.js';

/**
 * Code lists (enumerations) of the registry, with Chinese and English labels. This file is the
 * source; `syncCodeLists` writes it into the `code_list` table at migration time so that SQL
 * reports, imports and the web app read the same labels.
 */
export type { CodeEntry } from './code-entry.js';

export const CODE_LISTS = {
  household_status: [
    e('none', '一般农户', 'not registered'),
    e('poor', '未脱贫', 'poor'),
    e('exited', '已脱贫', 'exited'),
    e('returned', '返贫', 'returned to poverty'),
    e('monitored', '监测对象', 'monitored'),
    e('risk_removed', '风险已消除', 'risk removed'),
  ],
  household_type: [
    e('general_poor', '一般贫困户', 'ordinary poor'),
    e('dibao_poor', '低保贫困户', 'dibao poor (with labour)'),
    e('dibao', '低保户', 'dibao'),
    e('tekun', '特困供养户', 'special hardship'),
    e('exited', '脱贫户', 'exited'),
    e('ordinary', '一般农户', 'ordinary farm household'),
  ],
  id_standard: [
    e('national', '国家标准', 'national line'),
    e('provincial', '省定标准', 'provincial line'),
    e('municipal', '市定标准', 'municipal line'),
  ],
  monitoring_category: [
    e('unstable', '脱贫不稳定户', 'exited but unstable'),
    e('marginal', '边缘易致贫户', 'marginal, prone to poverty'),
    e('sudden', '突发严重困难户', 'sudden severe hardship'),
  ],
  poverty_cause: [
    e('illness', '因病', 'illness'),
    e('disability', '因残', 'disability'),
    e('schooling', '因学', 'schooling costs'),
    e('disaster', '因灾', 'disaster'),
    e('marriage', '因婚', 'marriage'),
    e('land', '缺土地', 'lack of land'),
    e('water', '缺水', 'lack of water'),
    e('skills', '缺技术', 'lack of skills'),
    e('capital', '缺资金', 'lack of capital'),
    e('labour', '缺劳力', 'lack of labour'),
    e('transport', '交通条件落后', 'poor transport'),
    e('motivation', '自身发展动力不足', 'weak own motivation'),
    e('other', '其他', 'other'),
  ],
  sex: [e('1', '男', 'male'), e('2', '女', 'female')],
  id_type: [
    e('resident_id', '居民身份证', 'resident ID card'),
    e('disability_cert', '残疾人证', 'disability certificate'),
  ],
  relation: [
    e('head', '户主', 'head'),
    e('spouse', '配偶', 'spouse'),
    e('son', '之子', 'son'),
    e('daughter', '之女', 'daughter'),
    e('daughter_in_law', '之儿媳', 'daughter-in-law'),
    e('son_in_law', '之女婿', 'son-in-law'),
    e('grandson', '之孙子', 'grandson'),
    e('granddaughter', '之孙女', 'granddaughter'),
    e('father', '之父', 'father'),
    e('mother', '之母', 'mother'),
    e('sibling', '兄弟姐妹', 'sibling'),
    e('other', '其他', 'other'),
  ],
  ethnicity: [
    e('01', '汉族', 'Han'),
    e('03', '回族', 'Hui'),
    e('06', '苗族', 'Miao'),
    e('08', '壮族', 'Zhuang'),
    e('09', '布依族', 'Buyei'),
    e('12', '侗族', 'Dong'),
    e('13', '瑶族', 'Yao'),
    e('15', '土家族', 'Tujia'),
    e('04', '藏族', 'Tibetan'),
    e('07', '彝族', 'Yi'),
    e('99', '其他', 'other'),
  ],
  education: [
    e('none', '文盲或半文盲', 'illiterate or semi-literate'),
    e('primary', '小学', 'primary school'),
    e('junior', '初中', 'junior secondary'),
    e('senior', '高中', 'senior secondary'),
    e('vocational', '中专/职高', 'vocational secondary'),
    e('college', '大专及以上', 'college or above'),
    e('preschool', '学龄前儿童', 'pre-school child'),
  ],
  student_status: [
    e('not_student', '非在校生', 'not a student'),
    e('preschool', '学前教育', 'pre-school'),
    e('primary', '小学', 'primary'),
    e('junior', '七年级至九年级', 'junior secondary'),
    e('senior', '普通高中', 'senior secondary'),
    e('vocational', '中职', 'vocational secondary'),
    e('higher_vocational', '高职', 'higher vocational'),
    e('university', '大学本科及以上', 'university'),
    e('out_of_school', '失学或辍学', 'out of school'),
    e('exempt', '依法免学', 'legally exempt'),
  ],
  health: [
    e('healthy', '健康', 'healthy'),
    e('chronic', '长期慢性病', 'chronic illness'),
    e('serious', '患有大病', 'serious illness'),
    e('disabled', '残疾', 'disabled'),
  ],
  labour_capacity: [
    e('ordinary', '普通劳动力', 'ordinary labour'),
    e('skilled', '技能劳动力', 'skilled labour'),
    e('weak', '弱劳动力或半劳动力', 'weak or half labour'),
    e('lost', '丧失劳动力', 'lost labour capacity'),
    e('none', '无劳动力', 'no labour capacity'),
  ],
  member_status: [
    e('present', '在户', 'present'),
    e('deceased', '死亡', 'deceased'),
    e('moved_out', '迁出', 'moved out'),
  ],
  house_structure: [
    e('brick_concrete', '砖混', 'brick and concrete'),
    e('brick_wood', '砖木', 'brick and wood'),
    e('wood', '木结构', 'wooden'),
    e('earth', '土木/土坯', 'earth and wood'),
    e('other', '其他', 'other'),
  ],
  house_grade: [
    e('A', 'A级', 'grade A'),
    e('B', 'B级', 'grade B'),
    e('C', 'C级（局部危险）', 'grade C (partly unsafe)'),
    e('D', 'D级（整体危险）', 'grade D (unsafe)'),
  ],
  fuel: [
    e('firewood', '柴草', 'firewood'),
    e('coal', '煤炭', 'coal'),
    e('gas', '燃气', 'gas'),
    e('electric', '电', 'electricity'),
    e('other', '其他', 'other'),
  ],
  industry_type: [
    e('crops', '种植业', 'crops'),
    e('livestock', '养殖业', 'livestock'),
    e('tea_fruit', '茶果', 'tea and fruit'),
    e('tourism', '乡村旅游', 'rural tourism'),
    e('processing', '加工业', 'processing'),
    e('none', '无', 'none'),
  ],
  ...MATCHING_CODE_LISTS,
  ...DUPLICATE_CODE_LISTS,
} as const satisfies Record<string, readonly CodeEntry[]>;

export type CodeListName = keyof typeof CODE_LISTS;
export type CodeOf<L extends CodeListName> = (typeof CODE_LISTS)[L][number]['code'];

export type HouseholdStatus = CodeOf<'household_status'>;
export type HouseholdType = CodeOf<'household_type'>;
export type PovertyCause = CodeOf<'poverty_cause'>;

export function codesOf(list: CodeListName): string[] {
  return CODE_LISTS[list].map((c) => c.code);
}

export function isCode(list: CodeListName, code: string): boolean {
  return CODE_LISTS[list].some((c) => c.code === code);
}

export function labelOf(list: CodeListName, code: string, lang: 'zh' | 'en' = 'zh'): string {
  const entry = CODE_LISTS[list].find((c) => c.code === code);
  return entry ? entry[lang] : code;
}

/** Statuses counted as registered poor at a point in time (incidence numerator). */
export const POOR_STATUSES: readonly HouseholdStatus[] = ['poor', 'returned'];
/** Statuses of households in the registry (ever registered or monitored). */
export const REGISTERED_STATUSES: readonly HouseholdStatus[] = [
  'poor',
  'returned',
  'exited',
  'monitored',
  'risk_removed',
];

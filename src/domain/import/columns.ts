import type { CodeListName } from '../code-lists.js';

/**
 * Columns of the registry import file: one row per member, household fields repeated on every row
 * of the household. Headers in Chinese as on the registration forms; English aliases accepted.
 */
export type ColumnKind =
  | { type: 'text'; max: number; pattern?: RegExp; patternHint?: string; patternHintZh?: string }
  | { type: 'code'; list: CodeListName; multi?: boolean }
  | { type: 'number'; min: number; max: number; integer?: boolean }
  | { type: 'money' }
  | { type: 'bool' }
  | { type: 'date' };

export interface ColumnDef {
  key: string;
  zh: string;
  aliases: string[];
  /** Where the value goes: the household, the member, the year's income, or the year's provenance. */
  level: 'household' | 'member' | 'income' | 'provenance';
  required: boolean;
  kind: ColumnKind;
  description: string;
}

const c = (
  key: string,
  zh: string,
  level: ColumnDef['level'],
  required: boolean,
  kind: ColumnKind,
  description: string,
  aliases: string[] = [],
): ColumnDef => ({ key, zh, aliases: [key, ...aliases], level, required, kind, description });

const money: ColumnKind = { type: 'money' };
const bool: ColumnKind = { type: 'bool' };

export const COLUMNS: readonly ColumnDef[] = [
  c(
    'household_no',
    '户编号',
    'household',
    true,
    {
      type: 'text',
      max: 20,
      pattern: /^[0-9A-Za-z-]{4,20}$/,
      patternHint: '4–20 letters or digits',
      patternHintZh: '4–20 位字母或数字',
    },
    'Household number, unique in the registry',
  ),
  c(
    'village_code',
    '村代码',
    'household',
    true,
    { type: 'text', max: 12, pattern: /^\d{12}$/, patternHint: '12 digits', patternHintZh: '12 位数字' },
    '12-digit statistical code of the village',
  ),
  c('name', '姓名', 'member', true, { type: 'text', max: 30 }, 'Member name'),
  c(
    'id_number',
    '公民身份号码',
    'member',
    true,
    { type: 'text', max: 18 },
    '18-character citizen ID number (GB 11643)',
    ['身份证号', '证件号码'],
  ),
  c(
    'relation',
    '与户主关系',
    'member',
    true,
    { type: 'code', list: 'relation' },
    'Relation to the head; exactly one 户主 per household',
  ),
  c(
    'year',
    '年度',
    'income',
    true,
    { type: 'number', min: 2010, max: 2100, integer: true },
    'Year of the income figures',
  ),
  c('wage_income', '工资性收入', 'income', true, money, 'Household wage income of the year (yuan)'),
  c('business_income', '生产经营性收入', 'income', true, money, 'Household business income, gross (yuan)'),
  c('property_income', '财产性收入', 'income', true, money, 'Household property income (yuan)'),
  c('transfer_income', '转移性收入', 'income', true, money, 'Household transfer income (yuan)'),
  c('production_cost', '生产经营支出', 'income', true, money, 'Household production costs (yuan)'),
  c('transfer_dibao', '其中：低保金', 'income', false, money, 'Dibao benefit within transfers (yuan)', [
    '低保金',
  ]),
  c('transfer_pension', '其中：养老金', 'income', false, money, 'Pensions within transfers (yuan)', [
    '养老金',
  ]),
  c(
    'transfer_eco',
    '其中：生态补偿金',
    'income',
    false,
    money,
    'Ecological compensation within transfers (yuan)',
    ['生态补偿金'],
  ),
  c('medical_cost', '医疗自付费用', 'income', false, money, 'Eligible out-of-pocket medical costs (yuan)'),
  c(
    'recorded_by',
    '采集人',
    'provenance',
    false,
    { type: 'text', max: 30 },
    'Who collected the figures of the year (household_year.recorded_by)',
    ['collector'],
  ),
  c(
    'collected_on',
    '采集日期',
    'provenance',
    false,
    { type: 'date' },
    'Date the figures of the year were collected (YYYY-MM-DD, not in the future)',
    ['collection_date'],
  ),
  c('sex', '性别', 'member', false, { type: 'code', list: 'sex' }, 'Sex; must agree with the ID number'),
  c(
    'birth_date',
    '出生日期',
    'member',
    false,
    { type: 'date' },
    'Birth date (YYYY-MM-DD); must agree with the ID number',
  ),
  c('ethnicity', '民族', 'member', false, { type: 'code', list: 'ethnicity' }, 'Ethnicity'),
  c('education', '文化程度', 'member', false, { type: 'code', list: 'education' }, 'Education level'),
  c(
    'student_status',
    '在校生状况',
    'member',
    false,
    { type: 'code', list: 'student_status' },
    'Student status',
  ),
  c(
    'out_of_school_reason',
    '失学或辍学原因',
    'member',
    false,
    { type: 'text', max: 100 },
    'Reason a child 6–15 is out of school',
  ),
  c('health', '健康状况', 'member', false, { type: 'code', list: 'health' }, 'Health'),
  c(
    'disability_grade',
    '残疾等级',
    'member',
    false,
    { type: 'number', min: 1, max: 4, integer: true },
    'Disability grade 1–4',
  ),
  c(
    'labour_capacity',
    '劳动技能',
    'member',
    false,
    { type: 'code', list: 'labour_capacity' },
    'Labour capacity',
  ),
  c('migrant_place', '务工地点', 'member', false, { type: 'text', max: 60 }, 'Place of migrant work'),
  c(
    'migrant_months',
    '务工时间（月）',
    'member',
    false,
    { type: 'number', min: 0, max: 12, integer: true },
    'Months of migrant work in the year',
    ['务工月数'],
  ),
  c(
    'migrant_monthly_wage',
    '务工月收入',
    'member',
    false,
    { type: 'number', min: 0, max: 100000, integer: true },
    'Monthly migrant wage (yuan)',
  ),
  c(
    'welfare_job_months',
    '公益岗位（月）',
    'member',
    false,
    { type: 'number', min: 0, max: 12, integer: true },
    'Months in a public-welfare job',
    ['公益岗位月数'],
  ),
  c('ins_basic_medical', '是否参加城乡居民基本医疗保险', 'member', false, bool, '是/否', ['基本医疗保险']),
  c('ins_critical_illness', '是否参加大病保险', 'member', false, bool, '是/否', ['大病保险']),
  c('ins_medical_assistance', '是否享受医疗救助', 'member', false, bool, '是/否', ['医疗救助']),
  c('ins_pension', '是否参加城乡居民基本养老保险', 'member', false, bool, '是/否', ['养老保险']),
  c('is_dibao', '是否享受低保', 'member', false, bool, '是/否', ['低保']),
  c('is_tekun', '是否特困供养', 'member', false, bool, '是/否', ['特困']),
  c(
    'group_no',
    '组',
    'household',
    false,
    { type: 'number', min: 1, max: 99, integer: true },
    'Village group number',
    ['村民小组'],
  ),
  c('address', '住址', 'household', false, { type: 'text', max: 120 }, 'Address'),
  c(
    'phone',
    '联系电话',
    'household',
    false,
    {
      type: 'text',
      max: 20,
      pattern: /^[0-9+-]{7,20}$/,
      patternHint: '7–20 digits',
      patternHintZh: '7–20 位数字',
    },
    'Phone',
  ),
  c('bank_name', '开户银行', 'household', false, { type: 'text', max: 40 }, 'Bank'),
  c(
    'bank_account',
    '银行账号',
    'household',
    false,
    {
      type: 'text',
      max: 32,
      pattern: /^\d{8,32}$/,
      patternHint: '8–32 digits',
      patternHintZh: '8–32 位数字',
    },
    'Bank account',
  ),
  c(
    'id_standard',
    '识别标准',
    'household',
    false,
    { type: 'code', list: 'id_standard' },
    'Identification standard',
  ),
  c(
    'household_type',
    '户类型',
    'household',
    false,
    { type: 'code', list: 'household_type' },
    'Household type (default 一般农户)',
    ['贫困户属性'],
  ),
  c(
    'main_cause',
    '主要致贫原因',
    'household',
    false,
    { type: 'code', list: 'poverty_cause' },
    'Main poverty cause',
  ),
  c(
    'other_causes',
    '其他致贫原因',
    'household',
    false,
    { type: 'code', list: 'poverty_cause', multi: true },
    'Up to 2 other causes, separated by 、 or ;',
  ),
  c(
    'land_cultivated_mu',
    '耕地面积（亩）',
    'household',
    false,
    { type: 'number', min: 0, max: 1000 },
    'Cultivated land (mu)',
    ['耕地面积'],
  ),
  c(
    'land_forest_mu',
    '林地面积（亩）',
    'household',
    false,
    { type: 'number', min: 0, max: 10000 },
    'Forest land (mu)',
    ['林地面积'],
  ),
  c(
    'house_area_m2',
    '住房面积（平方米）',
    'household',
    false,
    { type: 'number', min: 0, max: 2000 },
    'House area (m²)',
    ['住房面积'],
  ),
  c(
    'house_grade',
    '住房安全等级',
    'household',
    false,
    { type: 'code', list: 'house_grade' },
    'House safety grade A–D',
  ),
  c('relocated', '是否易地扶贫搬迁', 'household', false, bool, '是/否', ['易地搬迁']),
  c('safe_water', '是否饮水安全', 'household', false, bool, '是/否', ['饮水安全']),
  c('sanitary_toilet', '是否有卫生厕所', 'household', false, bool, '是/否', ['卫生厕所']),
  c('electricity', '是否通生活用电', 'household', false, bool, '是/否', ['通电']),
  c(
    'road_distance_km',
    '距主干路距离（公里）',
    'household',
    false,
    { type: 'number', min: 0, max: 500 },
    'Distance to the main road (km)',
  ),
];

export const REQUIRED_KEYS = COLUMNS.filter((col) => col.required).map((col) => col.key);

/** Map each header cell to its column (by Chinese name or alias, case- and space-insensitive). */
export function resolveHeaders(headers: string[]): {
  columns: (ColumnDef | null)[];
  missing: ColumnDef[];
  duplicates: string[];
} {
  const norm = (s: string) =>
    s
      .replace(/[\s\uFEFF]/g, '')
      .replace(/[（]/g, '(')
      .replace(/[）]/g, ')')
      .toLowerCase();
  const index = new Map<string, ColumnDef>();
  for (const col of COLUMNS) for (const name of [col.zh, ...col.aliases]) index.set(norm(name), col);
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const columns = headers.map((h) => {
    const col = index.get(norm(h)) ?? null;
    if (col && seen.has(col.key)) duplicates.push(h);
    if (col) seen.add(col.key);
    return col;
  });
  return { columns, missing: COLUMNS.filter((col) => col.required && !seen.has(col.key)), duplicates };
}

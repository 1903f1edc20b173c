import {
  DISABILITY_TYPES,
  INCOME_ITEMS,
  LAND_TYPES,
  RISK_CODES,
  SCHOOL_STAGES,
  SCHOOL_STATUSES,
  SHOCK_CATEGORIES,
  SPENDING_CATEGORIES,
  SUPPORT_CAPACITY,
  SUPPORTER_RELATIONS,
  type FactKind,
} from '../../../../src/domain/facts/catalogue';

export {
  FACT_KINDS,
  FACT_SOURCES,
  KIND_INFO,
  SOURCE_LABELS,
  STATE_LABELS,
  type FactKind,
} from '../../../../src/domain/facts/catalogue';

/** One entry of a code list (code and labels). */
export interface Choice {
  code: string;
  zh: string;
  en: string;
}

/** A field of a kind's value as the form asks for it; `path` inside the value. */
export interface FieldSpec {
  path: string[];
  zh: string;
  en: string;
  type: 'money' | 'number' | 'int' | 'bool' | 'date' | 'month' | 'text' | 'code' | 'grade';
  choices?: readonly Choice[];
  optional?: boolean;
}

const f = (
  path: string | string[],
  zh: string,
  en: string,
  type: FieldSpec['type'],
  more: Partial<FieldSpec> = {},
): FieldSpec => ({
  path: Array.isArray(path) ? path : [path],
  zh,
  en,
  type,
  ...more,
});

const means = (side: 'declared' | 'verified', zh: string, en: string, optional = false): FieldSpec[] => [
  f([side, 'vehicles'], `${zh}：车辆（辆）`, `${en}: vehicles`, 'int', { optional }),
  f([side, 'houses'], `${zh}：房产（套）`, `${en}: houses`, 'int', { optional }),
  f([side, 'deposits'], `${zh}：存款（元）`, `${en}: deposits (yuan)`, 'money', { optional }),
  f([side, 'spending12m'], `${zh}：近12个月支出（元）`, `${en}: spending, 12 months (yuan)`, 'money', {
    optional,
  }),
];

/** The form of each kind (the value schemas themselves are src/domain/facts/kinds.ts). */
export const KIND_FIELDS: Record<FactKind, FieldSpec[]> = {
  income_month: [
    f('month', '月份', 'Month', 'month'),
    ...INCOME_ITEMS.map((i) =>
      f(['items', i.code], `${i.zh}（元）`, `${i.en} (yuan)`, 'money', { optional: true }),
    ),
  ],
  rigid_spending: [
    f('category', '支出类别', 'Category', 'code', { choices: SPENDING_CATEGORIES }),
    f('amount', '金额（元）', 'Amount (yuan)', 'money'),
    f('periodFrom', '起始日期', 'From', 'date'),
    f('periodTo', '截止日期', 'To', 'date'),
  ],
  food_clothing: [f('secure', '不愁吃、不愁穿', 'Food and clothing secure', 'bool')],
  schooling: [
    f('status', '就学状态', 'Status', 'code', { choices: SCHOOL_STATUSES }),
    f('stage', '学段', 'Stage', 'code', { choices: SCHOOL_STAGES }),
  ],
  insurance: [
    f('basicMedical', '基本医疗保险', 'Basic medical insurance', 'bool'),
    f('criticalIllness', '大病保险', 'Critical illness insurance', 'bool'),
    f('medicalAssistance', '医疗救助', 'Medical assistance', 'bool', { optional: true }),
  ],
  housing_safety: [
    f('grade', '房屋安全等级', 'Safety grade', 'grade'),
    f('rebuilt', '已改造', 'Rebuilt', 'bool'),
    f('relocated', '已搬迁', 'Relocated', 'bool'),
    f('areaPerPerson', '人均住房面积（㎡）', 'Area per person (m²)', 'number', { optional: true }),
  ],
  drinking_water: [f('safe', '饮水安全', 'Safe drinking water', 'bool')],
  risk: [
    f('code', '风险类型', 'Risk', 'code', { choices: RISK_CODES }),
    f('startedOn', '发生日期', 'Started on', 'date'),
    f('evidence', '佐证材料', 'Evidence', 'text', { optional: true }),
    f('removedOn', '消除日期', 'Removed on', 'date', { optional: true }),
    f('afterInclusion', '纳入监测后新发生', 'Arose after inclusion', 'bool'),
  ],
  shock: [
    f('category', '事件类别', 'Category', 'code', { choices: SHOCK_CATEGORIES }),
    f('date', '发生日期', 'Date', 'date'),
    f('amount', '损失或支出（元）', 'Loss or cost (yuan)', 'money'),
    f('evidence', '佐证材料', 'Evidence', 'text', { optional: true }),
  ],
  legal_supporter: [
    f('relation', '关系', 'Relation', 'code', { choices: SUPPORTER_RELATIONS }),
    f('supporterName', '姓名', 'Name', 'text', { optional: true }),
    f('capacity', '赡养能力', 'Capacity', 'code', { choices: SUPPORT_CAPACITY }),
    f('agreedMonthly', '约定月赡养费（元）', 'Agreed monthly (yuan)', 'money'),
    f('paid12m', '近12个月实付（元）', 'Paid, 12 months (yuan)', 'money'),
    f('agreementRef', '协议编号', 'Agreement', 'text', { optional: true }),
  ],
  dibao_means: [...means('declared', '申报', 'Declared'), ...means('verified', '核对', 'Verified', true)],
  disability: [
    f('disabilityType', '残疾类别', 'Type', 'code', { choices: DISABILITY_TYPES }),
    f('disabilityGrade', '残疾等级', 'Grade', 'int'),
  ],
  land: LAND_TYPES.map((t) => f(t.code, `${t.zh}（亩）`, `${t.en} (mu)`, 'number', { optional: true })),
};

const get = (v: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    v,
  );

/** A value in one line: "工资性收入 1200 · 低保金 300" (zero and empty fields left out). */
export function summarise(
  kind: FactKind,
  value: Record<string, unknown>,
  lang: 'zh' | 'en',
  yesNo: [string, string],
): string {
  return KIND_FIELDS[kind]
    .map((s) => {
      const v = get(value, s.path);
      if (v === null || v === undefined || v === '' || (s.optional && v === 0)) return null;
      const shown =
        typeof v === 'boolean'
          ? v
            ? yesNo[0]
            : yesNo[1]
          : s.choices
            ? (s.choices.find((c) => c.code === v)?.[lang] ?? String(v))
            : String(v);
      return `${s[lang]} ${shown}`;
    })
    .filter((x): x is string => x !== null)
    .join(' · ');
}

/** The form's values → the API's value (empty optional fields left out, so defaults apply). */
export function valueOf(kind: FactKind, form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of KIND_FIELDS[kind]) {
    const v = get(form, s.path);
    if (v === undefined || v === null || v === '') {
      if (s.type === 'bool' && !s.optional) setAt(out, s.path, false);
      continue;
    }
    if (
      s.path[0] === 'verified' &&
      Object.values((form.verified as object) ?? {}).every((x) => x === undefined || x === null)
    )
      continue;
    setAt(out, s.path, v);
  }
  return out;
}

function setAt(o: Record<string, unknown>, path: string[], v: unknown) {
  let cur = o;
  for (const k of path.slice(0, -1)) cur = (cur[k] ??= {}) as Record<string, unknown>;
  cur[path[path.length - 1]!] = v;
}

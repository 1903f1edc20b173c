import { z } from 'zod';
import type { CodeEntry } from '../code-entry.js';
import type { DataClass } from '../visibility.js';
import {
  DISABILITY_TYPES,
  INCOME_ITEMS,
  KIND_INFO,
  LAND_TYPES,
  RISK_CODES,
  SCHOOL_STAGES,
  SCHOOL_STATUSES,
  SHOCK_CATEGORIES,
  SPENDING_CATEGORIES,
  SUPPORT_CAPACITY,
  SUPPORTER_RELATIONS,
  type FactKind,
  type IncomeItem,
} from './catalogue.js';

export * from './catalogue.js';

/**
 * The value of each fact kind: a zod schema (what the API, the CSV import and the demo accept) and
 * its TypeScript type (what the rules read). Money is yuan, areas are mu (land) and m² (housing),
 * dates ISO 'YYYY-MM-DD', months 'YYYY-MM'. Every object is strict: an unknown field is an error.
 */

const codeOf = <const L extends readonly CodeEntry[]>(list: L) =>
  z.enum(list.map((x) => x.code) as [L[number]['code'], ...L[number]['code'][]]);

const money = z.number().min(0).max(100_000_000);
const count = z.number().int().min(0).max(1000);
const mu = z.number().min(0).max(100_000);
export const isoDate = z.iso.date();
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const text = (max: number) => z.string().trim().max(max);

const item = money.default(0);
/** The items of INCOME_ITEMS (catalogue.ts), each defaulting to 0 when left out. */
const incomeItems = z.strictObject({
  wage: item,
  businessPlanting: item,
  businessBreeding: item,
  businessOther: item,
  productionCost: item,
  property: item,
  transferTekun: item,
  transferDibao: item,
  transferDisability: item,
  transferSupport: item,
  transferPension: item,
  transferEco: item,
  transferOther: item,
  employmentCost: item,
} satisfies Record<IncomeItem, typeof item>);

const means = z.strictObject({
  vehicles: count,
  houses: count,
  deposits: money,
  spending12m: money,
});

export const FACT_VALUE = {
  /** One month's income by item; observed_on is the month's first day. */
  income_month: z.strictObject({ month: isoMonth, items: incomeItems }),
  /** Rigid spending of a period; medical is what the household paid after reimbursement. */
  rigid_spending: z
    .strictObject({
      category: codeOf(SPENDING_CATEGORIES),
      amount: money,
      periodFrom: isoDate,
      periodTo: isoDate,
    })
    .refine((v) => v.periodFrom <= v.periodTo, {
      message: 'periodTo is before periodFrom',
      path: ['periodTo'],
    }),
  food_clothing: z.strictObject({ secure: z.boolean() }),
  schooling: z.strictObject({ status: codeOf(SCHOOL_STATUSES), stage: codeOf(SCHOOL_STAGES) }),
  insurance: z.strictObject({
    basicMedical: z.boolean(),
    criticalIllness: z.boolean(),
    medicalAssistance: z.boolean().default(false),
  }),
  housing_safety: z.strictObject({
    grade: z.enum(['A', 'B', 'C', 'D']),
    rebuilt: z.boolean(),
    relocated: z.boolean(),
    areaPerPerson: z.number().min(0).max(10_000).nullable().default(null),
  }),
  drinking_water: z.strictObject({ safe: z.boolean() }),
  /** One monitoring risk (at most five open at once); removedOn set when the risk is removed. */
  risk: z
    .strictObject({
      code: codeOf(RISK_CODES),
      startedOn: isoDate,
      evidence: text(500).default(''),
      removedOn: isoDate.nullable().default(null),
      afterInclusion: z.boolean(),
    })
    .refine((v) => v.removedOn === null || v.startedOn <= v.removedOn, {
      message: 'removedOn is before startedOn',
      path: ['removedOn'],
    }),
  shock: z.strictObject({
    category: codeOf(SHOCK_CATEGORIES),
    date: isoDate,
    amount: money,
    evidence: text(500).default(''),
  }),
  /** A legally obliged supporter outside the household (赡养、抚养、扶养义务人). */
  legal_supporter: z.strictObject({
    relation: codeOf(SUPPORTER_RELATIONS),
    supporterName: text(50).nullable().default(null),
    capacity: codeOf(SUPPORT_CAPACITY),
    agreedMonthly: money,
    paid12m: money,
    agreementRef: text(100).nullable().default(null),
  }),
  /**
   * The dibao means test: as the household declared and as the check verified (null: not yet); the
   * employment costs of the 12 months the check accepted as a deduction (null: not assessed).
   */
  dibao_means: z.strictObject({
    declared: means,
    verified: means.nullable().default(null),
    employmentCost12m: money.nullable().default(null),
  }),
  disability: z.strictObject({
    disabilityType: codeOf(DISABILITY_TYPES),
    disabilityGrade: z.number().int().min(1).max(4),
  }),
  land: z.strictObject({
    cultivated: mu.default(0),
    forest: mu.default(0),
    garden: mu.default(0),
    grassland: mu.default(0),
    water: mu.default(0),
  } satisfies Record<(typeof LAND_TYPES)[number]['code'], z.ZodDefault<typeof mu>>),
} as const satisfies Record<FactKind, z.ZodType>;

/** The value of a kind as the rules read it (defaults filled). */
export type FactValue<K extends FactKind> = z.output<(typeof FACT_VALUE)[K]>;
/** The value of a kind as a form or file may give it (defaulted fields may be left out). */
export type FactValueInput<K extends FactKind> = z.input<(typeof FACT_VALUE)[K]>;

export type IncomeMonthValue = FactValue<'income_month'>;
export type RigidSpendingValue = FactValue<'rigid_spending'>;
export type FoodClothingValue = FactValue<'food_clothing'>;
export type SchoolingValue = FactValue<'schooling'>;
export type InsuranceValue = FactValue<'insurance'>;
export type HousingSafetyValue = FactValue<'housing_safety'>;
export type DrinkingWaterValue = FactValue<'drinking_water'>;
export type RiskValue = FactValue<'risk'>;
export type ShockValue = FactValue<'shock'>;
export type LegalSupporterValue = FactValue<'legal_supporter'>;
export type DibaoMeansValue = FactValue<'dibao_means'>;
export type DisabilityValue = FactValue<'disability'>;
export type LandValue = FactValue<'land'>;

/** A kind and its value, discriminated (what the loader hands the rules). */
export type KindValue = { [K in FactKind]: { kind: K; value: FactValue<K> } }[FactKind];

/** One problem of a value: the field (dot path inside the value) and what is wrong, in English and Chinese. */
export interface FactValueIssue {
  field: string;
  message: string;
  messageZh: string;
}

type ZodIssue = z.core.$ZodIssue;

/** A zod issue in plain English and Chinese, naming the field (zod's own text is English only). */
export function issueText(i: ZodIssue, field: string, given: unknown): { en: string; zh: string } {
  const list = (xs: readonly unknown[]) => xs.map((x) => String(x)).join(', ');
  switch (i.code) {
    case 'invalid_type':
      return given === undefined
        ? { en: `${field} is required`, zh: `${field} 必须填写` }
        : { en: `${field} must be a ${i.expected}`, zh: `${field} 应为${TYPE_ZH[i.expected] ?? i.expected}` };
    case 'too_small':
      return {
        en: `${field} must be at least ${String(i.minimum)}`,
        zh: `${field} 不能小于 ${String(i.minimum)}`,
      };
    case 'too_big':
      return {
        en: `${field} must be at most ${String(i.maximum)}`,
        zh: `${field} 不能大于 ${String(i.maximum)}`,
      };
    case 'invalid_value':
      return {
        en: `${field} must be one of ${list(i.values)}`,
        zh: `${field} 只能是以下之一：${list(i.values)}`,
      };
    case 'unrecognized_keys':
      return {
        en: `${field} has unknown field(s) ${list(i.keys)}`,
        zh: `${field} 含有不认识的字段：${list(i.keys)}`,
      };
    case 'invalid_format':
      return i.format === 'date'
        ? { en: `${field} must be a date YYYY-MM-DD`, zh: `${field} 应为日期（YYYY-MM-DD）` }
        : { en: `${field}: ${i.message}`, zh: `${field} 格式不对（${CUSTOM_ZH[i.message] ?? i.message}）` };
    default:
      return {
        en: `${field}: ${i.message}`,
        zh: `${field} 填写有误（${CUSTOM_ZH[i.message] ?? i.message}）`,
      };
  }
}

const TYPE_ZH: Record<string, string> = {
  number: '数字',
  string: '文字',
  boolean: '是或否（true/false）',
  object: '对象',
  array: '列表',
};
/** Chinese of the messages this file's own refinements give. */
const CUSTOM_ZH: Record<string, string> = {
  'a month YYYY-MM': '应为月份 YYYY-MM',
  'periodTo is before periodFrom': '截止日期早于开始日期',
  'removedOn is before startedOn': '消除日期早于开始日期',
};

/** The part of `v` at `path` (undefined where absent). */
function at(v: unknown, path: readonly PropertyKey[]): unknown {
  let x = v;
  for (const k of path) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<PropertyKey, unknown>)[k];
  }
  return x;
}

/** Validate a value of a kind: the value with defaults filled, or every issue naming its field. */
export function parseFactValue<K extends FactKind>(
  kind: K,
  value: unknown,
): { ok: true; value: FactValue<K> } | { ok: false; issues: FactValueIssue[] } {
  const r = FACT_VALUE[kind].safeParse(value);
  if (r.success) return { ok: true, value: r.data as FactValue<K> };
  return {
    ok: false,
    issues: r.error.issues.map((i) => {
      const field = i.path.map(String).join('.') || '(value)';
      const t = issueText(i, field, at(value, i.path));
      return { field, message: t.en, messageZh: t.zh };
    }),
  };
}

/**
 * What within its kind a fact is about: facts of one household, kind, member and subject replace
 * each other over time (the latest observed holds); different subjects stand side by side — every
 * month of income, each risk code, each period of rigid spending, each shock, each supporter.
 */
export function subjectOf(kv: KindValue): string {
  switch (kv.kind) {
    case 'income_month':
      return kv.value.month;
    case 'rigid_spending':
      return `${kv.value.category}:${kv.value.periodFrom}`;
    case 'risk':
      return kv.value.code;
    case 'shock':
      return `${kv.value.category}:${kv.value.date}`;
    case 'legal_supporter':
      return `${kv.value.relation}:${kv.value.supporterName ?? ''}`;
    default:
      return '';
  }
}

/** The day a fact holds as of when the value itself fixes it (a month's first day), else null. */
export function observedOnOf(kv: KindValue): string | null {
  return kv.kind === 'income_month' ? `${kv.value.month}-01` : null;
}

/**
 * The data class a fact's value as a whole belongs to, for the visibility table: a disability fact is
 * disability data, a medical rigid-spending record reveals illness (health), a disability one disability.
 * null: no class.
 */
export function valueClassOf(kv: KindValue): DataClass | null {
  if (kv.kind === 'rigid_spending')
    return kv.value.category === 'medical'
      ? 'health'
      : kv.value.category === 'disability'
        ? 'disability'
        : null;
  return KIND_INFO[kv.kind].dataClass;
}

/**
 * Net income of a month record: every item but the production cost, minus the production cost; the
 * employment costs are not part of it (a deduction of the dibao assessment only).
 */
export function netOfMonth(v: IncomeMonthValue): number {
  return INCOME_ITEMS.reduce(
    (s, i) =>
      i.code === 'employmentCost'
        ? s
        : i.code === 'productionCost'
          ? s - v.items[i.code]
          : s + v.items[i.code],
    0,
  );
}

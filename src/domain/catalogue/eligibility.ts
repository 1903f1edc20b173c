import { z } from 'zod';
import { ABLE_CAPACITIES } from '../plans/fit.js';
import { DISABILITY, HEALTH_AND_DISABILITY, NO_PERSONAL_DATA, type Reason } from '../rules/reason.js';
import type { DataClass } from '../visibility.js';

/**
 * Who a catalogue measure is for, as data (column `eligibility`, issue 21): a tree of tests over the
 * household's registry fields and recorded facts, evaluated here with three-valued logic — a test
 * whose facts are not recorded is unknown, and the answer is `verify` unless the known tests decide.
 * Each test gives a reason a cadre reads out (label_zh / label_en, the value found, `rests`).
 */
export const ELIGIBILITY_TESTS = [
  'able_member',
  'school_child',
  'house_unsafe',
  'disabled_member',
  'ill_member',
  'elderly_member',
  'dibao_on_roll',
  'tekun_on_roll',
  'water_unsafe',
  'cause',
  'status',
] as const;
export type EligibilityTest = (typeof ELIGIBILITY_TESTS)[number];

export type Eligibility =
  | { all: Eligibility[] }
  | { any: Eligibility[] }
  | { not: Eligibility }
  | { test: Exclude<EligibilityTest, 'cause' | 'status'> }
  | { test: 'cause' | 'status'; in: string[] };

const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
export const EligibilitySchema: z.ZodType<Eligibility> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(EligibilitySchema).max(10) }),
    z.strictObject({ any: z.array(EligibilitySchema).min(1).max(10) }),
    z.strictObject({ not: EligibilitySchema }),
    z.strictObject({ test: z.enum(['cause', 'status']), in: z.array(code).min(1).max(20) }),
    z.strictObject({
      test: z.enum(ELIGIBILITY_TESTS).exclude(['cause', 'status']),
    }),
  ]),
);

export interface EligibilityMember {
  age: number;
  labourCapacity: string | null;
  health: string | null;
  disabilityGrade: number | null;
  studentStatus: string | null;
  present: boolean;
}

export interface EligibilityFacts {
  status: string;
  mainCause: string | null;
  otherCauses: readonly string[];
  /** The housing grade: the confirmed housing_safety fact, else the registry's; null when neither. */
  houseGrade: string | null;
  /** The confirmed drinking_water fact; null when none is recorded. */
  waterSafe: boolean | null;
  dibaoOnRoll: boolean;
  tekunOnRoll: boolean;
  members: readonly EligibilityMember[];
}

export type EligibilityDecision = 'eligible' | 'not_eligible' | 'verify';
export interface EligibilityResult {
  decision: EligibilityDecision;
  reasons: Reason[];
}

/** Working age for the labour test (DOMAIN.md: 16 to 64). */
export const WORKING_AGE = { from: 16, to: 64 } as const;
export const ELDERLY_AGE = 60;
const IN_SCHOOL = [
  'preschool',
  'primary',
  'junior',
  'senior',
  'vocational',
  'higher_vocational',
  'university',
];

type Tri = boolean | null;
interface Atom {
  value: Tri;
  found: unknown;
  threshold: unknown;
  zh: string;
  en: string;
  rests: readonly DataClass[];
}

const count = (ms: readonly EligibilityMember[], f: (m: EligibilityMember) => boolean) =>
  ms.filter((m) => m.present && f(m)).length;

function atom(t: Extract<Eligibility, { test: string }>, h: EligibilityFacts): Atom {
  const ms = h.members;
  const n = (k: number, zh: string, en: string, threshold: unknown, rests: readonly DataClass[]) => ({
    value: k > 0,
    found: k,
    threshold,
    zh: `${zh}：${k}人`,
    en: `${en}: ${k}`,
    rests,
  });
  switch (t.test) {
    case 'able_member':
      return n(
        count(
          ms,
          (m) =>
            m.age >= WORKING_AGE.from &&
            m.age <= WORKING_AGE.to &&
            ABLE_CAPACITIES.includes(m.labourCapacity ?? ''),
        ),
        '劳动年龄内有劳动能力的成员',
        'members of working age able to work',
        `${WORKING_AGE.from}–${WORKING_AGE.to}`,
        NO_PERSONAL_DATA,
      );
    case 'school_child':
      return n(
        count(ms, (m) => IN_SCHOOL.includes(m.studentStatus ?? '')),
        '在校学生',
        'members in school',
        '≥1',
        NO_PERSONAL_DATA,
      );
    case 'disabled_member':
      return n(
        count(ms, (m) => m.health === 'disabled' || m.disabilityGrade !== null),
        '残疾成员',
        'disabled members',
        '≥1',
        DISABILITY,
      );
    case 'ill_member':
      return n(
        count(ms, (m) => m.health === 'chronic' || m.health === 'serious'),
        '患慢性病或大病的成员',
        'members with a chronic or serious illness',
        '≥1',
        HEALTH_AND_DISABILITY,
      );
    case 'elderly_member':
      return n(
        count(ms, (m) => m.age >= ELDERLY_AGE),
        `${ELDERLY_AGE}岁及以上成员`,
        `members aged ${ELDERLY_AGE} or more`,
        `≥${ELDERLY_AGE}`,
        NO_PERSONAL_DATA,
      );
    case 'house_unsafe':
      return {
        value: h.houseGrade === null ? null : h.houseGrade === 'C' || h.houseGrade === 'D',
        found: h.houseGrade,
        threshold: 'C/D',
        zh: `住房安全等级：${h.houseGrade ?? '未记录'}（C、D级为危房）`,
        en: `housing grade: ${h.houseGrade ?? 'not recorded'} (C or D is unsafe)`,
        rests: NO_PERSONAL_DATA,
      };
    case 'water_unsafe':
      return {
        value: h.waterSafe === null ? null : !h.waterSafe,
        found: h.waterSafe,
        threshold: false,
        zh: `饮水安全：${h.waterSafe === null ? '未记录' : h.waterSafe ? '安全' : '不安全'}`,
        en: `drinking water: ${h.waterSafe === null ? 'not recorded' : h.waterSafe ? 'safe' : 'not safe'}`,
        rests: NO_PERSONAL_DATA,
      };
    case 'dibao_on_roll':
    case 'tekun_on_roll': {
      const on = t.test === 'dibao_on_roll' ? h.dibaoOnRoll : h.tekunOnRoll;
      const [zh, en] =
        t.test === 'dibao_on_roll' ? ['低保', 'dibao'] : ['特困供养', 'special hardship support'];
      return {
        value: on,
        found: on,
        threshold: true,
        zh: `${zh}在册：${on ? '是' : '否'}`,
        en: `on the ${en} roll: ${on ? 'yes' : 'no'}`,
        rests: NO_PERSONAL_DATA,
      };
    }
    case 'cause': {
      const causes = [h.mainCause, ...h.otherCauses].filter((c): c is string => c !== null);
      const hit = causes.filter((c) => t.in.includes(c));
      return {
        value: hit.length > 0,
        found: causes,
        threshold: t.in,
        zh: `致贫原因（${causes.join('、') || '无'}）含其一：${t.in.join('、')}`,
        en: `causes (${causes.join(', ') || 'none'}) include one of: ${t.in.join(', ')}`,
        rests: NO_PERSONAL_DATA,
      };
    }
    case 'status':
      return {
        value: t.in.includes(h.status),
        found: h.status,
        threshold: t.in,
        zh: `户状态 ${h.status} 属于：${t.in.join('、')}`,
        en: `household status ${h.status} is one of: ${t.in.join(', ')}`,
        rests: NO_PERSONAL_DATA,
      };
  }
}

const MISSING: Partial<Record<EligibilityTest, string>> = {
  house_unsafe: 'housing_safety',
  water_unsafe: 'drinking_water',
};

/** Evaluate the tree; every test met on the way gives one reason (a negated test reads as such). */
function walk(e: Eligibility, h: EligibilityFacts, out: Reason[], negated: boolean): Tri {
  if ('all' in e) {
    const vs = e.all.map((x) => walk(x, h, out, negated));
    return vs.includes(false) ? false : vs.includes(null) ? null : true;
  }
  if ('any' in e) {
    const vs = e.any.map((x) => walk(x, h, out, negated));
    return vs.includes(true) ? true : vs.includes(null) ? null : false;
  }
  if ('not' in e) {
    const v = walk(e.not, h, out, !negated);
    return v === null ? null : !v;
  }
  const a = atom(e, h);
  const passed = a.value === null ? false : negated ? !a.value : a.value;
  const r: Reason = {
    criterion: `eligibility.${e.test}${negated ? '.not' : ''}`,
    label_zh: negated ? `不应有 — ${a.zh}` : a.zh,
    label_en: negated ? `must not hold — ${a.en}` : a.en,
    value: a.found,
    threshold: a.threshold,
    passed,
    binding: true,
    rests: a.rests,
  };
  const missing = MISSING[e.test];
  if (a.value === null && missing) r.missing = [missing];
  out.push(r);
  return a.value;
}

/** Whether the household is eligible; no rule (null) means every household the catalogue serves. */
export function evaluateEligibility(rule: Eligibility | null, h: EligibilityFacts): EligibilityResult {
  if (rule === null) return { decision: 'eligible', reasons: [] };
  const reasons: Reason[] = [];
  const v = walk(rule, h, reasons, false);
  return { decision: v === null ? 'verify' : v ? 'eligible' : 'not_eligible', reasons };
}

/** A stored rule as the evaluator reads it: an invalid one (hand-edited) is treated as absent. */
export function parseEligibility(raw: unknown): Eligibility | null {
  if (raw === null || raw === undefined) return null;
  const r = EligibilitySchema.safeParse(raw);
  return r.success ? r.data : null;
}

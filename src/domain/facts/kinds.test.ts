import { describe, expect, it } from 'vitest';
import {
  FACT_KINDS,
  FACT_VALUE,
  KIND_INFO,
  netOfMonth,
  parseFactValue,
  subjectOf,
  valueClassOf,
  type KindValue,
} from './kinds.js';

/** One valid value per kind (the smallest a clerk may give: defaulted fields left out). */
const VALID: Record<(typeof FACT_KINDS)[number], unknown> = {
  income_month: { month: '2026-03', items: { wage: 1200, productionCost: 200, transferDibao: 300 } },
  rigid_spending: { category: 'medical', amount: 8000, periodFrom: '2026-01-01', periodTo: '2026-06-30' },
  food_clothing: { secure: true },
  schooling: { status: 'in_school', stage: 'junior' },
  insurance: { basicMedical: true, criticalIllness: false },
  housing_safety: { grade: 'B', rebuilt: false, relocated: false },
  drinking_water: { safe: true },
  risk: { code: 'illness', startedOn: '2026-02-01', afterInclusion: true },
  shock: { category: 'disaster', date: '2026-07-10', amount: 30000 },
  legal_supporter: { relation: 'child', capacity: 'able', agreedMonthly: 300, paid12m: 2400 },
  dibao_means: { declared: { vehicles: 0, houses: 1, deposits: 2000, spending12m: 9000 } },
  disability: { disabilityType: 'physical', disabilityGrade: 2 },
  land: { cultivated: 3.5 },
};

describe('fact kinds', () => {
  it('every kind has a schema, labels and a valid example', () => {
    for (const k of FACT_KINDS) {
      expect(FACT_VALUE[k]).toBeDefined();
      expect(KIND_INFO[k].zh.length).toBeGreaterThan(0);
      const r = parseFactValue(k, VALID[k]);
      expect(r.ok, k).toBe(true);
    }
  });

  it('fills defaults: missing income items are 0, a risk without removal is open', () => {
    const r = parseFactValue('income_month', VALID.income_month);
    if (!r.ok) throw new Error('expected valid');
    expect(r.value.items.businessPlanting).toBe(0);
    expect(netOfMonth(r.value)).toBe(1200 - 200 + 300);
    const risk = parseFactValue('risk', VALID.risk);
    expect(risk.ok && risk.value.removedOn).toBe(null);
  });

  it.each([
    ['income_month', { month: '2026-13', items: {} }, 'month'],
    ['income_month', { month: '2026-03', items: { wage: -1 } }, 'items.wage'],
    ['income_month', { month: '2026-03', items: { salary: 5 } }, 'items'],
    [
      'rigid_spending',
      { category: 'medical', amount: 1, periodFrom: '2026-05-01', periodTo: '2026-04-01' },
      'periodTo',
    ],
    [
      'rigid_spending',
      { category: 'food', amount: 1, periodFrom: '2026-01-01', periodTo: '2026-04-01' },
      'category',
    ],
    ['housing_safety', { grade: 'E', rebuilt: false, relocated: false }, 'grade'],
    [
      'risk',
      { code: 'illness', startedOn: '2026-05-01', removedOn: '2026-04-01', afterInclusion: false },
      'removedOn',
    ],
    ['disability', { disabilityType: 'physical', disabilityGrade: 5 }, 'disabilityGrade'],
    [
      'dibao_means',
      { declared: { vehicles: 0.5, houses: 1, deposits: 0, spending12m: 0 } },
      'declared.vehicles',
    ],
    ['food_clothing', { secure: 'yes' }, 'secure'],
  ] as const)('%s rejects a bad value, naming the field', (kind, value, field) => {
    const r = parseFactValue(kind, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toContain(field);
  });

  it('subjects: a month, a risk code; one value per kind otherwise', () => {
    const kv = (kind: string, v: unknown): KindValue => {
      const r = parseFactValue(kind as KindValue['kind'], v);
      if (!r.ok) throw new Error(kind);
      return { kind, value: r.value } as KindValue;
    };
    expect(subjectOf(kv('income_month', VALID.income_month))).toBe('2026-03');
    expect(subjectOf(kv('risk', VALID.risk))).toBe('illness');
    expect(subjectOf(kv('food_clothing', VALID.food_clothing))).toBe('');
  });

  it('data classes: medical spending is health, disability is disability, schooling spending none', () => {
    const spend = (category: string) =>
      ({ kind: 'rigid_spending', value: { ...(VALID.rigid_spending as object), category } }) as KindValue;
    expect(valueClassOf(spend('medical'))).toBe('health');
    expect(valueClassOf(spend('schooling'))).toBe(null);
    expect(
      valueClassOf({ kind: 'disability', value: { disabilityType: 'visual', disabilityGrade: 1 } }),
    ).toBe('disability');
  });

  it('decision-critical: income, guarantees, risks, shocks, spending, supporters, dibao means; not land', () => {
    const critical = FACT_KINDS.filter((k) => KIND_INFO[k].critical);
    expect(critical).toEqual(FACT_KINDS.filter((k) => k !== 'land' && k !== 'disability'));
  });
  it("problems in English and Chinese, naming the field, none with zod's English in the Chinese", () => {
    const r = parseFactValue('income_month', {
      month: '2026-13',
      items: { wage: -1, transferDibao: 'x', foo: 1 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = Object.fromEntries(r.issues.map((i) => [i.field, i]));
    expect(by['items.wage']).toMatchObject({
      message: 'items.wage must be at least 0',
      messageZh: 'items.wage 不能小于 0',
    });
    expect(by['items.transferDibao']?.messageZh).toBe('items.transferDibao 应为数字');
    expect(by['items']?.messageZh).toBe('items 含有不认识的字段：foo');
    expect(by['month']?.messageZh).toBe('month 格式不对（应为月份 YYYY-MM）');
    const risk = parseFactValue('risk', { code: 'zzz', afterInclusion: true });
    if (risk.ok) throw new Error('accepted');
    const rb = Object.fromEntries(risk.issues.map((i) => [i.field, i]));
    expect(rb['code']?.messageZh).toMatch(/^code 只能是以下之一：illness, /);
    expect(rb['startedOn']?.messageZh).toBe('startedOn 必须填写');
    for (const i of [...r.issues, ...risk.issues]) expect(i.messageZh).not.toMatch(/Invalid|expected|Too /);
  });
});

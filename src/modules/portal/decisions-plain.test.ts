import { describe, expect, it } from 'vitest';
import { redactResult } from '../../domain/explanations.js';
import {
  defaultParams,
  evaluateHousehold,
  exampleHousehold,
  exampleMember,
  type HouseholdFacts,
} from '../../domain/rules/index.js';
import type { GapKey } from '../facts/data-gaps.js';
import { explained, withGaps, type RulesService } from '../rules/service.js';
import { portalDecisions } from './decisions.js';

/**
 * Issue 16 item 8: the portal gives the household its decisions' reasons in plain Chinese. Every
 * rule on a spread of households (each status, facts missing, values filled in, proposals pending,
 * inferred measures) through the household page's path (gaps, pending notes, the cadre's redaction)
 * into portalDecisions: the Chinese text carries no code, identifier or English word.
 */

const p = defaultParams(2025);
const ASOF = '2025-12-31';
const base = (o: Partial<HouseholdFacts> = {}) => exampleHousehold({ asOf: ASOF, ...o });
const unknown: Partial<HouseholdFacts> = {
  foodClothingSecure: null,
  last12Months: null,
  redLineHits: null,
  legalSupporters: null,
  housing: { grade: 'D', relocated: false, rebuilt: null },
  monitoring: {
    since: '2024-03-01',
    measuresApplied: 0,
    monthsAboveLine: null,
    rigidSpendingResolved: null,
    newRisk: null,
  },
  dibao: {
    obligedSupport12m: null,
    deductible12m: { medical: 0, disability: 0, schooling: 0 },
    assetsWithinLimits: null,
    spendingWithinLimits: null,
  },
};
const poorIncome = { ...base().income, wages: 2_000, business: 1_000 };

const CASES: Record<string, HouseholdFacts> = {
  poor: base(),
  poorLow: base({ income: poorIncome }),
  exited: base({ status: 'exited', householdType: 'exited' }),
  monitored: base({
    status: 'monitored',
    monitoring: {
      since: '2024-03-01',
      measuresApplied: 2,
      monthsAboveLine: 7,
      rigidSpendingResolved: true,
      newRisk: false,
    },
  }),
  riskRemoved: base({ status: 'risk_removed' }),
  returned: base({ status: 'returned', income: poorIncome }),
  none: base({ status: 'none', householdType: 'ordinary', registeredPoorYear: null, income: poorIncome }),
  tekun: base({
    householdType: 'tekun',
    members: [exampleMember({ age: 72, labourCapacity: 'none', tekun: true, health: 'serious' })],
    income: { ...poorIncome, size: 1 },
  }),
  dibao: base({
    householdType: 'dibao',
    members: base().members.map((m) => ({ ...m, dibao: true })),
    income: poorIncome,
    measures: [],
  }),
  unknownPoor: base({ ...unknown, income: poorIncome }),
  unknownMonitored: base({ ...unknown, status: 'monitored', income: poorIncome }),
  unknownNone: base({ ...unknown, status: 'none', householdType: 'ordinary', registeredPoorYear: null }),
  defaulted: base({
    status: 'monitored',
    income: poorIncome,
    defaults: [
      { key: 'member_health', memberId: 'm1', labourInferred: true },
      { key: 'migrant_wage', memberId: 'm2' },
      { key: 'employment_cost' },
      { key: 'deductible_spending', categories: ['disability', 'schooling'] },
      { key: 'support_in_income', paid12m: 2_400 },
    ],
    pending: [
      { kind: 'income_month', since: '2025-12-01' },
      { kind: 'food_clothing', since: '2025-12-03' },
      { kind: 'risk', since: '2025-12-05' },
    ],
    measureBasis: 'inferred',
  }),
};
const GAPS: GapKey[] = ['measures', 'labour_capacity'];

/** A rules service answering the household page's evaluation of `f` (service.ts, as the cadre reads it). */
const rulesOf = (f: HouseholdFacts): RulesService =>
  ({
    evaluateHousehold: () =>
      Promise.resolve({
        householdId: '1',
        year: 2025,
        asOf: ASOF,
        params: null,
        results: withGaps(evaluateHousehold(f, p), GAPS, f).map((r) =>
          explained(redactResult(r, { role: 'village_cadre' }), f),
        ),
      }),
  }) as unknown as RulesService;

/** ASCII words: a code (snake_case, camelCase, dotted), an identifier or an English word. */
const ASCII_WORD = /[A-Za-z_][A-Za-z0-9_.]*/g;
/** The house safety grades are written A–D in Chinese too (住房安全等级 A、B、C、D 级). */
const plain = (t: string) => t.replace(/\b[A-D]\s*级/g, '级');

describe('the portal’s reasons are plain Chinese', () => {
  it.each(Object.keys(CASES))('%s: no code, identifier or English word in the Chinese text', async (name) => {
    const d = await portalDecisions(rulesOf(CASES[name]!), {
      id: '1',
      householdNo: '4331240000000001',
      villageCode: '433124100001',
    } as never);
    expect(d.results.length).toBeGreaterThan(0);
    const words: string[] = [];
    for (const r of d.results)
      for (const t of [...r.reasons.map((x) => x.zh), ...r.toVerify.map((x) => x.zh)]) {
        expect(t.trim(), `${r.rule}: an empty reason`).not.toBe('');
        for (const w of plain(t).match(ASCII_WORD) ?? []) words.push(`${r.rule}: ${w} in «${t}»`);
      }
    expect(words).toEqual([]);
  });

  it('the check catches a code in the text', () => {
    expect('收入低于 monitoringLine'.match(ASCII_WORD)).toEqual(['monitoringLine']);
    expect('缺少 food_clothing 记录'.match(ASCII_WORD)).toEqual(['food_clothing']);
    expect(plain('住房鉴定为 D 级，dibao').match(ASCII_WORD)).toEqual(['dibao']);
  });
});

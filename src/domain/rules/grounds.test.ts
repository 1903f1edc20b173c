import { describe, expect, it } from 'vitest';
import { redactReasons } from '../explanations.js';
import type { DataClass } from '../visibility.js';
import { exampleHousehold, exampleLast12, exampleMember } from './example-household.js';
import type { HouseholdFacts, MemberFacts } from './facts.js';
import { HOUSEHOLD_RULE_NAMES, HOUSEHOLD_RULES } from './index.js';
import { defaultParams } from './params.js';
import type { Reason } from './reason.js';

/**
 * Every reason declares the personal data classes it rests on (`rests`). Each household rule is run on
 * households that differ only in one member's health or disability grade: a reason whose text, value
 * or test changes (or that appears or disappears) must declare the class that changed; a criterion's
 * grounds are the same on every household; and what a village cadre reads after redaction differs
 * only where the decision (which stays) differs.
 */
const p = defaultParams(2020);
const S = p.ruralDibaoStandardMonthly;
const cadre = { role: 'village_cadre' as const };

const m1 = (over: Partial<MemberFacts> = {}) =>
  exampleMember({ id: 'm1', age: 45, relation: 'head', earnings12m: 3_000, ...over });
const others = exampleHousehold().members.slice(1);
const elderly = [exampleMember({ id: 'm2', age: 66, sex: '2', relation: 'spouse', labourCapacity: 'none' })];

/** Bases that reach every branch: not poor, poor, near dibao, near dibao and covered, no labour. */
const BASES: Record<string, (m: MemberFacts) => HouseholdFacts> = {
  example: (m) => exampleHousehold({ members: [m, ...others] }),
  poor: (m) => exampleHousehold({ members: [m, ...others], last12Months: exampleLast12(0.5 * S * 48, 4) }),
  near: (m) => exampleHousehold({ members: [m, ...others], last12Months: exampleLast12(1.2 * S * 48, 4) }),
  nearCovered: (m) =>
    exampleHousehold({
      members: [{ ...m, dibao: true }, ...others],
      last12Months: exampleLast12(1.2 * S * 48, 4),
    }),
  noLabour: (m) =>
    exampleHousehold({
      members: [{ ...m, age: 58, labourCapacity: 'none' }, ...elderly],
      last12Months: exampleLast12(0.5 * S * 24, 2),
    }),
};

const BASELINE = { health: 'healthy', disabilityGrade: null } as const;
const VARIANTS: Pick<MemberFacts, 'health' | 'disabilityGrade'>[] = [
  { health: 'chronic', disabilityGrade: null },
  { health: 'serious', disabilityGrade: null },
  { health: 'disabled', disabilityGrade: null },
  { health: 'healthy', disabilityGrade: 1 },
  { health: 'disabled', disabilityGrade: 3 },
  { health: 'serious', disabilityGrade: 1 },
];

const text = (r: Reason) => JSON.stringify([r.label_zh, r.label_en, r.value, r.threshold, r.passed]);
const byCriterion = (rs: Reason[]) => new Map(rs.map((r) => [r.criterion, r]));

const cases = Object.entries(BASES).flatMap(([base, build]) =>
  HOUSEHOLD_RULE_NAMES.flatMap((rule) => VARIANTS.map((v) => ({ base, build, rule, v }))),
);

describe('grounds of the household rules', () => {
  it.each(cases)('$rule on $base with $v.health/$v.disabilityGrade', ({ build, rule, v }) => {
    const before = HOUSEHOLD_RULES[rule](build(m1(BASELINE)), p);
    const after = HOUSEHOLD_RULES[rule](build(m1(v)), p);
    const needed: DataClass[] = [
      ...(v.health !== BASELINE.health ? (['health'] as const) : []),
      ...(v.disabilityGrade !== BASELINE.disabilityGrade ? (['disability'] as const) : []),
    ];
    const a = byCriterion(before.reasons);
    const b = byCriterion(after.reasons);
    const sameDecision = JSON.stringify(before.decision) === JSON.stringify(after.decision);
    for (const criterion of new Set([...a.keys(), ...b.keys()])) {
      const x = a.get(criterion);
      const y = b.get(criterion);
      if (x && y ? text(x) === text(y) : !sameDecision) continue; // a branch's reason follows the decision
      for (const r of [x, y].filter((r): r is Reason => r !== undefined))
        expect(
          needed.some((cls) => r.rests.includes(cls)),
          `${rule}: ${criterion} changes with ${needed.join('+')} but rests on [${r.rests.join()}]`,
        ).toBe(true);
    }
    // what a village cadre reads changes only where the decision (which stays) changes
    if (sameDecision)
      expect(redactReasons(after.reasons, cadre)).toEqual(redactReasons(before.reasons, cadre));
  });

  it('a criterion rests on the same classes on every household', () => {
    const seen = new Map<string, string>();
    for (const { build, rule, v } of cases)
      for (const r of HOUSEHOLD_RULES[rule](build(m1(v)), p).reasons) {
        const key = `${rule}:${r.criterion.replace(/^red_line\..*/, 'red_line')}`;
        const rests = JSON.stringify([...r.rests].sort());
        expect(seen.get(key) ?? rests, key).toBe(rests);
        seen.set(key, rests);
      }
    expect(seen.size).toBeGreaterThan(20);
  });

  it('the leak of the issue: identification names the ill member to staff, never after redaction', () => {
    const r = HOUSEHOLD_RULES.identification(BASES.poor!(m1({ health: 'serious' })), p);
    const ill = r.reasons.find((x) => x.criterion === 'serious_illness_or_disability')!;
    expect(ill.label_zh).toBe('家里有 1 人患大病或重度残疾');
    const shown = redactReasons(r.reasons, cadre);
    // (大病保险 / critical-illness cover is an insurance, read from no member's health)
    expect(JSON.stringify(shown)).not.toMatch(/患大病|重病|残疾|disab|seriously ill/);
    expect(shown.at(-1)?.criterion).toBe('withheld');
    expect(redactReasons(r.reasons, { role: 'county_officer', view: 'unmasked' })).toEqual(r.reasons);
  });
});

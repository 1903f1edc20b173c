import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleYearIncome } from './example-household.js';
import type { RedLineHit } from './facts.js';
import { identification } from './identification.js';
import { defaultParams } from './params.js';

const p = defaultParams(2020); // poverty line 4,000 yuan/person/year
const hit = (key: RedLineHit['key'], writtenException: string | null = null): RedLineHit => ({
  key,
  source: 'dept list',
  memberId: 'm1',
  writtenException,
});

describe('identification', () => {
  // Household of 4: per-capita = net / 4.
  it.each([
    ['3,999 per person (15,996 / 4) is below the line', 15_996, 'eligible'],
    ['exactly 4,000 (16,000 / 4) is NOT poor', 16_000, 'not_eligible'],
    ['3,999.75 (15,999 / 4) is below the line', 15_999, 'eligible'],
    ['4,001 (16,004 / 4) is above the line', 16_004, 'not_eligible'],
    ['zero income', 0, 'eligible'],
  ])('%s', (_label, net, decision) => {
    const r = identification(exampleHousehold({ income: exampleYearIncome(2020, net, 4) }), p);
    expect(r.decision).toBe(decision);
    expect(r.reasons[0]).toMatchObject({ criterion: 'income_below_line', value: net / 4, threshold: 4000 });
  });

  const poor = exampleYearIncome(2020, 12_000, 4); // 3,000 per person
  it.each([
    ['a car blocks', [hit('car')], 'not_eligible'],
    ['a car blocks even with a written exception', [hit('car', 'doc-1')], 'not_eligible'],
    ['a village cadre needs a written exception', [hit('village_cadre')], 'needs_exception'],
    ['a village cadre with a written exception passes', [hit('village_cadre', 'doc-2')], 'eligible'],
    ['a block dominates an open exception', [hit('village_cadre'), hit('company')], 'not_eligible'],
    ['absent over a year needs an exception', [hit('absent_over_year')], 'needs_exception'],
  ])('%s', (_label, hits, decision) => {
    const r = identification(exampleHousehold({ income: poor, redLineHits: hits }), p);
    expect(r.decision).toBe(decision);
  });

  it('follows the county configuration of red-line effects', () => {
    const county = {
      ...p,
      redLines: p.redLines.map((l) => (l.key === 'car' ? { ...l, effect: 'exception' as const } : l)),
    };
    const f = exampleHousehold({ income: poor, redLineHits: [hit('car')] });
    expect(identification(f, county).decision).toBe('needs_exception');
    const reason = identification(f, county).reasons.find((r) => r.criterion === 'red_line.car');
    expect(reason).toMatchObject({
      passed: false,
      threshold: 'exception',
      label_zh: '发现“家庭成员有小汽车”，需要书面例外说明',
    });
  });

  it('reports housing, education and health as non-binding considerations', () => {
    const f = exampleHousehold({
      income: exampleYearIncome(2020, 20_000, 4),
      housing: { grade: 'D', relocated: false, rebuilt: false },
    });
    const r = identification(f, p);
    expect(r.decision).toBe('not_eligible');
    expect(r.reasons.find((x) => x.criterion === 'safe_housing')).toMatchObject({
      passed: false,
      binding: false,
    });
    const poorHouse = identification({ ...f, income: poor }, p);
    expect(poorHouse.decision).toBe('eligible');
  });

  it('reads out the income reason in plain Chinese', () => {
    const r = identification(exampleHousehold({ income: exampleYearIncome(2020, 15_996, 4) }), p);
    expect(r.reasons[0]!.label_zh).toBe('家庭年人均纯收入 3,999 元，低于贫困线 4,000 元');
    expect(r.reasons.filter((x) => x.criterion.startsWith('red_line.'))).toHaveLength(7);
  });

  it('counts business net of production costs', () => {
    // 8,000 wages + 10,000 business − 4,000 costs + 0 + 2,000 transfers = 16,000 → 4,000 per person.
    const income = { ...poor, wages: 8_000, business: 10_000, productionCost: 4_000, transfers: 2_000 };
    expect(identification(exampleHousehold({ income }), p).reasons[0]!.value).toBe(4000);
  });
});

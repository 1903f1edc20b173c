import { describe, expect, it } from 'vitest';
import { exampleHousehold, exampleLast12, exampleMember } from '../rules/example-household.js';
import type { HouseholdFacts } from '../rules/facts.js';
import { defaultParams } from '../rules/params.js';
import { emptyCounts, householdLinkage, standardComparison, tally, type OpenRoll } from './linkage-board.js';

// A standard of 500 a month; a household of four: 24,000 a year is 500 per person and month.
const p = { ...defaultParams(2020), ruralDibaoStandardMonthly: 500, nearDibaoFactor: 1.5 };
const withNet = (net: number, o: Partial<HouseholdFacts> = {}) =>
  exampleHousehold({ last12Months: exampleLast12(net, 4), ...o });
const flagged = (
  f: HouseholdFacts,
  flag: 'dibao' | 'tekun',
  ids = ['m1', 'm2', 'm3', 'm4'],
): HouseholdFacts => ({
  ...f,
  members: f.members.map((m) => (ids.includes(m.id) ? exampleMember({ ...m, [flag]: true }) : m)),
});
const of = (f: HouseholdFacts, roll: OpenRoll | null = null, factor?: number) =>
  householdLinkage(f, p, roll, factor).indicators;

describe('linkage board: one household', () => {
  it.each<[string, HouseholdFacts, OpenRoll | null, string[]]>([
    ['registered poor, 499 a month, not covered', withNet(23_952), null, ['eligible_not_covered']],
    [
      'the same, on a dibao roll entry (no flag yet)',
      withNet(23_952),
      { programme: 'dibao', memberId: null },
      [],
    ],
    ['the same, not in the registry: no coverage gap', withNet(23_952, { status: 'none' }), null, []],
    // 500 = the standard: not below it (not eligible), within 1.5 × 500 = 750: near-dibao
    ['500 a month: near-dibao, not eligible', withNet(24_000), null, ['near_dibao']],
    ['750 a month: still near-dibao (at most 1.5 ×)', withNet(36_000), null, ['near_dibao']],
    ['751 a month: above the near-dibao band', withNet(36_048), null, []],
    ['near-dibao but on dibao: not counted as near', flagged(withNet(24_000), 'dibao'), null, []],
    [
      'on dibao with labour, only social security',
      { ...flagged(withNet(23_952), 'dibao'), measures: ['social_security'] },
      null,
      ['dibao_labour_no_development'],
    ],
    ['on dibao with labour and an industry measure', flagged(withNet(23_952), 'dibao'), null, []],
    [
      '特困 alone with an employment measure: makes no sense',
      {
        ...withNet(6_000),
        members: [exampleMember({ id: 'm1', age: 72, labourCapacity: 'none', tekun: true })],
        measures: ['employment'],
      },
      null,
      ['tekun_development'],
    ],
    [
      '特困 alone with an industry measure: the asset-income dividend, which fits',
      {
        ...withNet(6_000),
        members: [exampleMember({ id: 'm1', age: 72, labourCapacity: 'none', tekun: true })],
        measures: ['industry'],
      },
      null,
      [],
    ],
    [
      '特困 member in a household whose others work: the measure is theirs',
      { ...flagged(withNet(23_952), 'tekun', ['m3']), measures: ['employment'] },
      null,
      [],
    ],
    [
      'a person on dibao and 特困 at once',
      flagged(flagged(withNet(23_952), 'dibao', ['m1']), 'tekun', ['m1']),
      null,
      ['overlap'],
    ],
    [
      'a 特困 roll entry over a dibao-flagged member',
      { ...flagged(withNet(23_952), 'dibao', ['m2']), measures: ['social_security'] },
      { programme: 'tekun', memberId: 'm2' },
      ['dibao_labour_no_development', 'overlap'],
    ],
  ])('%s', (_label, f, roll, expected) => {
    expect(of(f, roll)).toEqual(expected);
  });

  it('takes the near-dibao factor as a parameter', () => {
    expect(of(withNet(36_048), null, 1.6)).toEqual(['near_dibao']); // 751 ≤ 800
    expect(of(withNet(28_800), null, 1.2)).toEqual(['near_dibao']); // 600 = 1.2 × 500
    expect(of(withNet(28_848), null, 1.2)).toEqual([]); // 601
  });

  it('reports the assessed per-capita income and the standard', () => {
    const h = householdLinkage(withNet(24_000), p, null);
    expect(h).toMatchObject({ perCapitaMonthly: 500, standardMonthly: 500, onDibao: false, onTekun: false });
  });
});

describe('linkage board: the standard against the lines', () => {
  it.each([
    // 333 × 12 = 3,996 < 4,000: below the line
    [333, 4_000, 4_600, { dibaoAnnual: 3_996, belowLine: true, belowMonitoringLine: true, ratioToLine: 1 }],
    // 400 × 12 = 4,800 ≥ 4,000 and ≥ 4,600
    [
      400,
      4_000,
      4_600,
      { dibaoAnnual: 4_800, belowLine: false, belowMonitoringLine: false, ratioToLine: 1.2 },
    ],
    // 375 × 12 = 4,500: above the line, below the monitoring line (1.15 × 4,000)
    [
      375,
      4_000,
      4_600,
      { dibaoAnnual: 4_500, belowLine: false, belowMonitoringLine: true, ratioToLine: 1.13 },
    ],
  ])('standard %d a month, line %d, monitoring %d', (monthly, line, monitoring, expected) => {
    const c = standardComparison({
      ...p,
      ruralDibaoStandardMonthly: monthly,
      povertyLine: line,
      monitoringLine: monitoring,
    });
    expect(c).toMatchObject(expected);
  });

  it('counts households, programmes and indicators', () => {
    const c = emptyCounts();
    tally(c, { indicators: ['near_dibao'], onDibao: false, onTekun: false });
    tally(c, { indicators: ['dibao_labour_no_development'], onDibao: true, onTekun: false });
    tally(c, { indicators: [], onDibao: false, onTekun: true });
    expect(c).toMatchObject({
      households: 3,
      dibao: 1,
      tekun: 1,
      near_dibao: 1,
      dibao_labour_no_development: 1,
      overlap: 0,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { ruralDibaoStandardMonthly } from './dibao-standard-defaults.js';
import { defaultParams, type ParamKey } from './params.js';

describe('default policy parameters', () => {
  it('takes the 2020 values of DOMAIN.md §4', () => {
    const p = defaultParams(2020);
    expect(p).toMatchObject({
      year: 2020,
      western: false,
      povertyLine: 4_000,
      previousPovertyLine: 3_218,
      monitoringLine: 6_000, // 1.5 × 4,000
      ruralDibaoStandardMonthly: 497,
      specialHardshipStandardMonthly: 646, // round(1.3 × 497)
      noticeDays: { identification: 7, exit: 7, monitoring: 5, dibao: 7 },
      monitoringDecisionDays: 15,
      riskRemovalMinMonths: 6,
      dibaoReviewMonths: { noLabour: 12, illOrDisabled: 6, withLabour: 3 },
      exitIncidenceThreshold: { default: 0.02, western: 0.03 },
      evaluationVeto: { wrongExitRate: 0.02, omissionRate: 0.02, minApproval: 0.9 },
      dibaoVote: { quorum: 2 / 3, approval: 2 / 3, approvalRule: 'at_least' },
      dibaoCountyVisitShare: 0.3,
    });
    expect(p.redLines.map((r) => r.key)).toHaveLength(7);
  });

  it('marks the west and keeps a provenance for every value', () => {
    const p = defaultParams(2016, { western: true });
    expect(p.western).toBe(true);
    const keys = Object.keys(p).filter((k) => !['year', 'western', 'provenance'].includes(k)) as ParamKey[];
    for (const k of keys)
      expect(p.provenance[k], k).toMatchObject({ level: 'national', effectiveFrom: '2016-01-01' });
  });

  it.each([
    [2010, 143],
    [2014, 231],
    [2023, 621],
    [2024, 646], // 621 × 1.04
    [2025, 672], // 621 × 1.04²
  ])('default rural dibao standard in %d: %d yuan a month', (year, monthly) => {
    expect(ruralDibaoStandardMonthly(year)).toBe(monthly);
  });
});

import { describe, expect, it } from 'vitest';
import type { DibaoAssessment } from '../rules/dibao-income.js';
import { dibaoBenefit, type BenefitInput } from './benefit.js';
import type { SafetyNetParams } from './params.js';
import { testParams } from './test-params.js';

const assessment = (perCapitaMonthly: number, size: number): DibaoAssessment =>
  ({ standardMonthly: 600, size, perCapitaMonthly }) as DibaoAssessment;
const input = (pc: number, size: number, more: Partial<BenefitInput> = {}): BenefitInput => ({
  assessment: assessment(pc, size),
  reviewKind: 'withLabour',
  assetsWithinLimits: true,
  spendingWithinLimits: true,
  singleCandidate: null,
  ...more,
});

describe('dibao benefit: (standard − per-capita income) × size, minimum per person', () => {
  const p: SafetyNetParams = testParams(); // standard 600, minimum 30, single: < 1.5 × 600 = 900 at 1.0 × standard
  it.each([
    // pc, size, eligible, monthly — hand calculation
    [0, 3, true, 1800], // (600 − 0) × 3, no income: full
    [250, 4, true, 1400], // (600 − 250) × 4
    [599.99, 2, true, 60], // gap 0.01 < minimum 30 → 30 × 2
    [580, 2, true, 60], // gap 20 → minimum 30 × 2
    [570, 2, true, 60], // gap 30 = minimum → 30 × 2
    [560, 2, true, 80], // gap 40 → 40 × 2
    [600, 3, false, 0], // at the standard: not below, not eligible
    [601, 3, false, 0],
  ])('per-capita %s, %s persons → eligible %s, %s a month', (pc, size, eligible, monthly) => {
    const b = dibaoBenefit(input(pc, size), p);
    expect(b.eligible).toBe(eligible);
    expect(b.monthly).toBe(monthly);
    expect(b.coverage).toBe(eligible ? 'household' : 'none');
  });

  it('assets or spending over limits, or not checked: no benefit, whatever the income', () => {
    expect(dibaoBenefit(input(100, 2, { assetsWithinLimits: false }), p).eligible).toBe(false);
    expect(dibaoBenefit(input(100, 2, { spendingWithinLimits: false }), p).eligible).toBe(false);
    const unchecked = dibaoBenefit(input(100, 2, { assetsWithinLimits: null }), p);
    expect(unchecked.eligible).toBe(false);
    expect(unchecked.reasons.find((r) => r.criterion === 'dibao_means_within_limits')!.label_zh).toContain(
      '未核查',
    );
  });

  it('single-person coverage (单人户): near-dibao family (< 1.5 × standard) with a seriously ill member', () => {
    const b = dibaoBenefit(input(700, 4, { singleCandidate: '77' }), p);
    expect(b).toMatchObject({ coverage: 'single', eligible: true, persons: 1, memberId: '77', monthly: 600 });
    expect(dibaoBenefit(input(899.99, 4, { singleCandidate: '77' }), p).coverage).toBe('single');
    expect(dibaoBenefit(input(900, 4, { singleCandidate: '77' }), p).coverage).toBe('none'); // at 1.5 ×
    expect(dibaoBenefit(input(700, 4), p).coverage).toBe('none'); // no ill or disabled member
    // below the standard the whole household is covered, the ill member with it (not alone)
    expect(dibaoBenefit(input(599.99, 4, { singleCandidate: '77' }), p)).toMatchObject({
      coverage: 'household',
      persons: 4,
      memberId: null,
      monthly: 120, // minimum 30 × 4
    });
    // means over limits: no single-person coverage either
    expect(
      dibaoBenefit(input(700, 4, { singleCandidate: '77', assetsWithinLimits: false }), p).coverage,
    ).toBe('none');
  });

  it('category: A/B/C by household kind, or full/partial', () => {
    expect(dibaoBenefit(input(0, 1, { reviewKind: 'noLabour' }), p).category).toBe('A');
    expect(dibaoBenefit(input(0, 1, { reviewKind: 'illOrDisabled' }), p).category).toBe('B');
    expect(dibaoBenefit(input(0, 1, { reviewKind: 'withLabour' }), p).category).toBe('C');
    const fp = { ...p, dibaoCategoryScheme: 'full_partial' as const };
    expect(dibaoBenefit(input(0, 2), fp).category).toBe('full');
    expect(dibaoBenefit(input(10, 2), fp).category).toBe('partial');
  });
});

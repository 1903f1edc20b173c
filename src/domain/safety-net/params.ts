import type { PolicyParams } from '../rules/params.js';

/**
 * Every number the safety-net rules read (docs/safety-net.md). Derived from the policy parameters
 * (dibao standard, review intervals, gradual-exit months, 特困 basic-living standard) and completed by
 * the safety net's own values; a region overrides any of them (table `safety_net_param`). Amounts are
 * yuan per person per month unless the name says otherwise.
 */
export type DibaoCategoryScheme = 'abc' | 'full_partial';
export type CareLevel = 'self_care' | 'partly_dependent' | 'fully_dependent';
export type SupportMode = 'centralised' | 'dispersed';

export interface SafetyNetParams {
  dibaoStandardMonthly: number;
  /** abc: A no labour and no income, B a seriously ill or disabled member, C with labour;
   *  full_partial: 全额 (no assessed income) or 差额 (top-up). */
  dibaoCategoryScheme: DibaoCategoryScheme;
  /** Lowest monthly benefit per covered person (保底); a smaller gap is raised to it. */
  minimumBenefitPerPerson: number;
  /** 单人户: per-capita income below this × standard, the ill or disabled member covered alone … */
  singlePersonIncomeFactor: number;
  /** … at this share of the standard a month. */
  singlePersonBenefitShare: number;
  reviewMonths: { noLabour: number; illOrDisabled: number; withLabour: number };
  /** 渐退期: income above the standard but below ceilingFactor × standard: paid `months` more. */
  gradualExit: { months: number; ceilingFactor: number };
  tekunBasicMonthly: number;
  tekunCareMonthly: Record<CareLevel, number>;
  temporary: {
    /** Largest amount of one case, and what the township may approve alone (yuan). */
    caseLimit: number;
    townshipLimit: number;
    /** Sum of a household's temporary assistance in a calendar year (yuan). */
    yearlyCeiling: number;
    /** A fast-tracked (先行救助) case must be regularised within these days. */
    regulariseDays: number;
  };
}

export type SafetyNetOverrides = Partial<
  Omit<SafetyNetParams, 'temporary' | 'tekunCareMonthly' | 'gradualExit'>
> & {
  temporary?: Partial<SafetyNetParams['temporary']>;
  tekunCareMonthly?: Partial<Record<CareLevel, number>>;
  gradualExit?: Partial<SafetyNetParams['gradualExit']>;
};

/**
 * Defaults from the policy parameters. Care standards (yuan a month): about 5 % / 25 % / 50 % of a
 * western county's minimum wage (≈ 1,700), rounded; temporary-assistance limits as multiples of the
 * monthly dibao standard (many provinces: a case up to 6 ×, the township alone up to 2 ×, a year up
 * to 12 ×).
 */
export function safetyNetDefaults(p: PolicyParams): SafetyNetParams {
  const s = p.ruralDibaoStandardMonthly;
  return {
    dibaoStandardMonthly: s,
    dibaoCategoryScheme: 'abc',
    minimumBenefitPerPerson: 30,
    singlePersonIncomeFactor: p.nearDibaoFactor,
    singlePersonBenefitShare: 1,
    reviewMonths: { ...p.dibaoReviewMonths },
    gradualExit: { months: p.dibaoGradualExitMonths, ceilingFactor: p.nearDibaoFactor },
    tekunBasicMonthly: p.specialHardshipStandardMonthly,
    tekunCareMonthly: { self_care: 80, partly_dependent: 420, fully_dependent: 850 },
    temporary: { caseLimit: 6 * s, townshipLimit: 2 * s, yearlyCeiling: 12 * s, regulariseDays: 10 },
  };
}

/** Apply overrides, in order (national first, the region's own last). */
export function withOverrides(
  base: SafetyNetParams,
  overrides: readonly SafetyNetOverrides[],
): SafetyNetParams {
  return overrides.reduce<SafetyNetParams>(
    (p, o) => ({
      ...p,
      ...o,
      reviewMonths: { ...p.reviewMonths, ...o.reviewMonths },
      gradualExit: { ...p.gradualExit, ...o.gradualExit },
      tekunCareMonthly: { ...p.tekunCareMonthly, ...o.tekunCareMonthly },
      temporary: { ...p.temporary, ...o.temporary },
    }),
    base,
  );
}

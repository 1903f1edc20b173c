import { MONITORING_RANGE_FACTOR, monitoringLine, povertyLine } from '../policy/defaults.js';
import { ruralDibaoStandardMonthly } from './dibao-standard-defaults.js';
import type { HouseGrade } from './facts.js';
import type { RedLine } from './red-lines.js';

/**
 * Every number a rule reads (DOMAIN.md §4). Rules receive one `PolicyParams` for a year and region
 * and never hold a threshold of their own. Units are in the names: `…Monthly` is yuan per person per
 * month (as counties set dibao standards), poverty and monitoring lines are yuan per person per year.
 */

export type { RedLine, RedLineKey } from './red-lines.js';

/** A vote passes when present/total ≥ quorum and for/present is ≥ (or >, for 过半数) approval. */
export interface VoteThreshold {
  quorum: number;
  approval: number;
  approvalRule: 'at_least' | 'more_than';
}

export interface PolicyParams {
  /** Evaluation year. */
  year: number;
  /** Whether the region is in the west (exit incidence threshold). */
  western: boolean;
  /** Poverty line of `year`, yuan per person per year. Poor = strictly below. */
  povertyLine: number;
  /** Poverty line of `year − 1` (exit stability: last year's income against last year's line). */
  previousPovertyLine: number;
  /** Monitoring range factor × poverty line, and the resulting line (yuan/person/year). */
  monitoringLineFactor: number;
  monitoringLine: number;
  /** Rural dibao standard, yuan per person per MONTH. Annual = × 12. */
  ruralDibaoStandardMonthly: number;
  /** Special-hardship (特困) basic living standard, yuan per person per MONTH. */
  specialHardshipStandardMonthly: number;
  /** Near-dibao (低保边缘): per-capita income below this × dibao standard. */
  nearDibaoFactor: number;
  redLines: readonly RedLine[];
  noticeDays: { identification: number; exit: number; monitoring: number; dibao: number };
  /** Monitoring: days from lead to the county decision. */
  monitoringDecisionDays: number;
  riskRemovalMinMonths: number;
  riskRemovalMinMeasures: number;
  dibaoReviewMonths: { noLabour: number; illOrDisabled: number; withLabour: number };
  dibaoGradualExitMonths: number;
  /** Employment costs deductible per working member per month, up to this × monthly standard. */
  employmentCostDeductionCap: number;
  /** Earnings disregarded per person per month, up to this × monthly standard. */
  disregards: { elderlyAge: number; elderlyEarningsCap: number; disabledEarningsCap: number };
  /** Rigid spending deducted from dibao income. */
  dibaoDeductibleSpending: readonly ('medical' | 'disability' | 'schooling')[];
  dibaoInvestigationStaff: number;
  exitIncidenceThreshold: { default: number; western: number };
  evaluationVeto: { wrongExitRate: number; omissionRate: number; minApproval: number };
  dibaoVote: VoteThreshold;
  /** Village democratic review (村民代表会议: ≥ 2/3 present, more than half of those present agree). */
  villageReviewVote: VoteThreshold;
  /** County check: share of dibao applications visited at home (staff relatives: all). */
  dibaoCountyVisitShare: number;
  /** Compulsory-education ages, both inclusive. */
  compulsoryEducationAges: { from: number; to: number };
  safeHousingGrades: readonly HouseGrade[];
  /** No labour capacity for 特困: age ≥ elderly, age < minorBelow, or disability grade ≤ max. */
  noLabourAges: { elderly: number; minorBelow: number };
  severeDisabilityMaxGrade: number;
  /** Sudden hardship: rigid spending ≥ share × 12-month net income, or income fell by ≥ dropShare. */
  suddenShock: { rigidSpendingShare: number; incomeDropShare: number };
  /** Maker–checker of recorded facts (docs/facts.md): a village cadre's change to a decision-critical
   *  fact waits for a township ('township') or county ('county') officer, or applies at once ('none'). */
  factConfirmation: 'none' | 'township' | 'county';
  /** Review interval of recorded facts: a decision-critical fact observed longer ago than this many
   *  months is named by the quality check `stale_facts` (docs/facts.md). */
  factMaxAgeMonths: number;
  /** Where each value came from (filled by the parameter tables); rules never read it. */
  provenance: Partial<Record<ParamKey, Provenance>>;
}

export type ParamKey = Exclude<keyof PolicyParams, 'year' | 'western' | 'provenance'>;

export interface Provenance {
  level: 'national' | 'province' | 'prefecture' | 'county';
  /** Region code of the setting level ('' for national). */
  regionCode: string;
  effectiveFrom: string;
  source: string;
}

const NATIONAL = (year: number, source: string): Provenance => ({
  level: 'national',
  regionCode: '',
  effectiveFrom: `${year}-01-01`,
  source,
});

/** National defaults of DOMAIN.md §4 for `year`; the parameter tables override them by region. */
export function defaultParams(year: number, opts: { western?: boolean } = {}): PolicyParams {
  const dibao = ruralDibaoStandardMonthly(year);
  const values: Omit<PolicyParams, 'year' | 'western' | 'provenance'> = {
    povertyLine: povertyLine(year),
    previousPovertyLine: povertyLine(year - 1),
    monitoringLineFactor: MONITORING_RANGE_FACTOR,
    monitoringLine: monitoringLine(year),
    ruralDibaoStandardMonthly: dibao,
    specialHardshipStandardMonthly: Math.round(dibao * 1.3),
    nearDibaoFactor: 1.5,
    redLines: [
      { key: 'car', effect: 'block' },
      { key: 'commercial_housing', effect: 'block' },
      { key: 'company', effect: 'block' },
      { key: 'public_employee', effect: 'block' },
      { key: 'village_cadre', effect: 'exception' },
      { key: 'split_household', effect: 'block' },
      { key: 'absent_over_year', effect: 'exception' },
    ],
    noticeDays: { identification: 7, exit: 7, monitoring: 5, dibao: 7 },
    monitoringDecisionDays: 15,
    riskRemovalMinMonths: 6,
    riskRemovalMinMeasures: 1,
    dibaoReviewMonths: { noLabour: 12, illOrDisabled: 6, withLabour: 3 },
    dibaoGradualExitMonths: 6,
    employmentCostDeductionCap: 1,
    disregards: { elderlyAge: 60, elderlyEarningsCap: 0.5, disabledEarningsCap: 0.5 },
    dibaoDeductibleSpending: ['medical', 'disability', 'schooling'],
    dibaoInvestigationStaff: 2,
    exitIncidenceThreshold: { default: 0.02, western: 0.03 },
    evaluationVeto: { wrongExitRate: 0.02, omissionRate: 0.02, minApproval: 0.9 },
    dibaoVote: { quorum: 2 / 3, approval: 2 / 3, approvalRule: 'at_least' },
    villageReviewVote: { quorum: 2 / 3, approval: 1 / 2, approvalRule: 'more_than' },
    dibaoCountyVisitShare: 0.3,
    compulsoryEducationAges: { from: 6, to: 15 },
    safeHousingGrades: ['A', 'B'],
    noLabourAges: { elderly: 60, minorBelow: 16 },
    severeDisabilityMaxGrade: 2,
    suddenShock: { rigidSpendingShare: 0.5, incomeDropShare: 0.5 },
    factConfirmation: 'township',
    factMaxAgeMonths: 12,
  };
  const sources: Partial<Record<ParamKey, string>> = {
    ruralDibaoStandardMonthly: 'national average rural standard (民政统计公报), approximate',
    specialHardshipStandardMonthly: '1.3 × dibao standard (common provincial practice)',
    villageReviewVote: '村民委员会组织法 art. 26',
    factMaxAgeMonths:
      '防止返贫动态监测和帮扶机制: 每年至少开展一次集中排查 (facts re-checked at least yearly)',
  };
  const keys = Object.keys(values) as ParamKey[];
  const provenance = Object.fromEntries(
    keys.map((k) => [k, NATIONAL(year, sources[k] ?? 'DOMAIN.md §4 national default')]),
  ) as Partial<Record<ParamKey, Provenance>>;
  return { year, western: opts.western ?? false, ...values, provenance };
}

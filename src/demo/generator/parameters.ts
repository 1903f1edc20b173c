import type { PovertyCause } from '../../domain/code-lists.js';
import { parseWeights, weightedTable, type WeightedTable } from '../../domain/random.js';
import type { AssistanceClass } from './types.js';

/**
 * Distribution parameters of the synthetic demo county. docs/demo-data.md gives the source or the
 * reasoning for each; shares are approximate targets, not official statistics.
 */

const table = <T extends string>(text: string): WeightedTable<T> =>
  weightedTable(parseWeights(text) as [T, number][]);

export const HOUSEHOLDS_AT_SCALE_1 = 55_000;
/** The household number has a 4-digit sequence within the village. */
export const MAX_HOUSEHOLDS_PER_VILLAGE = 9_999;
/** Village size: log-normal weights around the mean; communities (社区, 居委会) are smaller. */
export const VILLAGE_SIZE_SIGMA = 0.45;
export const COMMUNITY_SIZE_FACTOR = 0.6;
/** Households per village group (组). */
export const HOUSEHOLDS_PER_GROUP = 35;

/**
 * Share of households ever registered poor in the county (≈ 27.5 % in 2014, plus the 2015–2016
 * additions). Villages vary around it (logit-normal); communities are less poor. The village
 * shares are then shifted together so that the county total hits the target.
 */
export const COUNTY_REGISTERED_SHARE = 0.2925;
export const POOR_SHARE_VILLAGE = { mean: 0.27, logitSd: 0.6 };
export const POOR_SHARE_COMMUNITY = { mean: 0.12, logitSd: 0.4 };
/** Most households were identified in 2014; a few were added by the 2015–2016 look-back campaigns. */
export const REGISTRATION_YEAR = weightedTable<number>([
  [2014, 0.94],
  [2015, 0.04],
  [2016, 0.02],
]);
/** A registered village with a registered-poor share at or above this is marked a poor village. */
export const POOR_VILLAGE_SHARE = 0.3;

/** Main poverty cause of registered households (illness ≈ 43 %; illness + disability + labour ≈ 63 %). */
export const MAIN_CAUSE = table<PovertyCause>(
  'illness43 disability11 labour9.5 capital11.5 skills9.5 schooling6 motivation2.5 disaster2 transport2 land1.5 water1 marriage0.5 other0.5',
);

/** P(class | main cause); general_poor takes the rest. Overall ≈ 65 / 15 / 12 / 8 %. */
export const CLASS_GIVEN_CAUSE: Record<
  'illness' | 'disability' | 'labour' | 'other',
  Record<Exclude<AssistanceClass, 'general_poor'>, number>
> = {
  illness: { tekun: 0.035, dibao: 0.12, dibao_poor: 0.2 },
  disability: { tekun: 0.25, dibao: 0.3, dibao_poor: 0.25 },
  labour: { tekun: 0.45, dibao: 0.35, dibao_poor: 0.05 },
  other: { tekun: 0, dibao: 0.02, dibao_poor: 0.08 },
};

export type Composition = 'single' | 'couple' | 'nuclear' | 'three_gen' | 'with_parents' | 'single_parent';

export const COMPOSITION: Record<AssistanceClass | 'ordinary', WeightedTable<Composition>> = {
  ordinary: table('single3 couple14 nuclear43 three_gen20 with_parents13 single_parent4'),
  general_poor: table('single5 couple18 nuclear40 three_gen15 with_parents12 single_parent6'),
  dibao_poor: table('single10 couple18 nuclear35 three_gen15 with_parents10 single_parent10'),
  dibao: table('single24 couple30 nuclear20 three_gen10 with_parents5 single_parent7'),
  tekun: table('single80 couple20'),
};

/** Exit years (share of registered households), national-series shape tilted later for a deep-poverty county. */
export const EXIT_YEAR = weightedTable<number>([
  [2015, 0.14],
  [2016, 0.18],
  [2017, 0.21],
  [2018, 0.22],
  [2019, 0.17],
  [2020, 0.08],
]);
/** Social-security (兜底) households and those without labour exit late. */
export const EXIT_YEAR_LATE = weightedTable<number>([
  [2015, 0.05],
  [2016, 0.1],
  [2017, 0.17],
  [2018, 0.25],
  [2019, 0.28],
  [2020, 0.15],
]);
/** Exited households that returned to poverty before 2020 (and exited again). */
export const RETURN_RATE = 0.008;
/** 易地扶贫搬迁: share of registered households relocated (higher where transport, water or land is the cause). */
export const RELOCATION_RATE = { base: 0.08, remote: 0.35 };

/** Monitoring after 2020 (share of households of each kind identified at some point). */
export const MONITORING = { unstable: 0.06, marginal: 0.012, sudden: 0.006, removalRate: 0.45 };
export const MONITORING_YEAR = weightedTable<number>([
  [2021, 0.35],
  [2022, 0.25],
  [2023, 0.18],
  [2024, 0.12],
  [2025, 0.1],
]);

/** Yearly amounts (yuan) from `first`; years after the table grow by `beyond` per year. */
export interface YearSeries {
  first: number;
  amounts: readonly number[];
  beyond: number;
}

export function valueIn(series: YearSeries, year: number): number {
  const i = year - series.first;
  if (i <= 0) return series.amounts[0]!;
  const lastIndex = series.amounts.length - 1;
  if (i <= lastIndex) return series.amounts[i]!;
  return series.amounts[lastIndex]! * (1 + series.beyond) ** (i - lastIndex);
}

const series = (first: number, amounts: number[], beyond: number): YearSeries => ({ first, amounts, beyond });

/** Dibao payment per covered person per year (class-based payment, illustrative). */
export const DIBAO_PER_PERSON = series(
  2014,
  [1100, 1250, 1450, 1700, 2000, 2300, 2700, 2900, 3100, 3300, 3500, 3700],
  0.05,
);
/** 特困 support per person per year, counted in transfer_dibao (illustrative). */
export const TEKUN_PER_PERSON = series(
  2014,
  [1600, 1800, 2200, 2600, 3000, 3600, 4400, 4700, 5000, 5300, 5600, 6000],
  0.05,
);
/** Rural residents' basic pension per month, national minimum plus a local top-up (approximate). */
export const PENSION_PER_MONTH = series(2014, [75, 85, 85, 90, 103, 108, 113, 118, 123, 128, 148, 168], 0.03);
/** Ecological compensation per mu of forest per year (public-welfare forest; approximate). */
export const ECO_PER_FOREST_MU = series(2014, [10, 10, 12, 12, 14, 15, 15, 16, 16, 16, 16, 16], 0);
/** Farmland (地力保护) subsidy per cultivated mu per year (approximate). */
export const FARMLAND_SUBSIDY_PER_MU = series(
  2014,
  [90, 92, 95, 100, 100, 105, 105, 110, 110, 110, 115, 115],
  0,
);

/** Migrant wages: 2025 monthly wage log-normal, deflated by this nominal growth for earlier years. */
export const MIGRANT_WAGE = { median2025: 4300, sigma: 0.18, min: 2800, max: 8000, growth: 0.07 };
/** Share of a migrant's gross wage counted as household income (living costs away deducted). */
export const MIGRANT_WAGE_COUNTED = 0.6;

/** Income paths: per-capita net income targets (yuan). */
export const INCOME = {
  ordinaryMedian2014: 6200,
  ordinarySigma: 0.42,
  ordinaryGrowth: { mean: 0.085, sd: 0.02 },
  poorShareOfLine: { min: 0.45, max: 0.92 },
  exitMultiple: { median: 1.55, sigma: 0.18, min: 1.25 },
  growthAfterExit: { mean: 0.25, sd: 0.06 },
  growthAfter2020: { mean: 0.1, sd: 0.03 },
  yearlyNoiseSd: 0.04,
};

/**
 * National default policy values (DOMAIN.md §4). These seed the versioned parameter tables; code
 * that decides anything reads the effective parameter, not these constants directly.
 */

/** National rural poverty line, current yuan per person per year (2,300 yuan at 2010 prices). */
export const NATIONAL_POVERTY_LINE: Readonly<Record<number, number>> = {
  2011: 2536,
  2012: 2625,
  2013: 2736,
  2014: 2800,
  2015: 2855,
  2016: 2952,
  2017: 2952,
  2018: 2995,
  2019: 3218,
  2020: 4000,
  // After 2020 the line is kept in real terms; provinces set the monitoring range yearly.
  2021: 4100,
  2022: 4200,
  2023: 4300,
  2024: 4400,
  2025: 4500,
  2026: 4600,
};

/** Monitoring range = factor × poverty line (default 1.5; 2021 ≈ 6,000). */
export const MONITORING_RANGE_FACTOR = 1.5;

export function povertyLine(year: number): number {
  const years = Object.keys(NATIONAL_POVERTY_LINE).map(Number);
  const y = Math.min(Math.max(year, Math.min(...years)), Math.max(...years));
  return NATIONAL_POVERTY_LINE[y]!;
}

export function monitoringLine(year: number): number {
  return Math.round(povertyLine(year) * MONITORING_RANGE_FACTOR);
}

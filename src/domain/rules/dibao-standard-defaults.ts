/**
 * Default rural dibao standard when no county value is set: the national average of county rural
 * standards, yuan per person per MONTH, rounded (民政事业发展统计公报, approximate). Counties set
 * their own standard; these only seed `defaultParams`. Years after the table grow by 4 % a year.
 */
const NATIONAL_AVERAGE_RURAL_MONTHLY: Readonly<Record<number, number>> = {
  2011: 143,
  2012: 172,
  2013: 203,
  2014: 231,
  2015: 265,
  2016: 312,
  2017: 358,
  2018: 403,
  2019: 445,
  2020: 497,
  2021: 530,
  2022: 582,
  2023: 621,
};

const GROWTH_BEYOND_TABLE = 0.04;

export function ruralDibaoStandardMonthly(year: number): number {
  const years = Object.keys(NATIONAL_AVERAGE_RURAL_MONTHLY).map(Number);
  const first = Math.min(...years);
  const last = Math.max(...years);
  if (year <= first) return NATIONAL_AVERAGE_RURAL_MONTHLY[first]!;
  if (year <= last) return NATIONAL_AVERAGE_RURAL_MONTHLY[year]!;
  return Math.round(NATIONAL_AVERAGE_RURAL_MONTHLY[last]! * (1 + GROWTH_BEYOND_TABLE) ** (year - last));
}

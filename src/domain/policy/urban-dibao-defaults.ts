/**
 * Default urban dibao standard when no county value is set: the national average of city standards,
 * yuan per person per MONTH, rounded (民政事业发展统计公报, approximate). Seeds the parameter table only;
 * counties set their own. Years after the table grow by 4 % a year, like the rural default.
 */
const NATIONAL_AVERAGE_URBAN_MONTHLY: Readonly<Record<number, number>> = {
  2011: 288,
  2012: 330,
  2013: 373,
  2014: 411,
  2015: 451,
  2016: 495,
  2017: 541,
  2018: 580,
  2019: 624,
  2020: 678,
  2021: 711,
  2022: 752,
};

const GROWTH_BEYOND_TABLE = 0.04;

export function urbanDibaoStandardMonthly(year: number): number {
  const years = Object.keys(NATIONAL_AVERAGE_URBAN_MONTHLY).map(Number);
  const first = Math.min(...years);
  const last = Math.max(...years);
  if (year <= first) return NATIONAL_AVERAGE_URBAN_MONTHLY[first]!;
  if (year <= last) return NATIONAL_AVERAGE_URBAN_MONTHLY[year]!;
  return Math.round(NATIONAL_AVERAGE_URBAN_MONTHLY[last]! * (1 + GROWTH_BEYOND_TABLE) ** (year - last));
}

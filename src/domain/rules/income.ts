import type { HouseholdFacts, Last12Months, YearIncome } from './facts.js';
import { round2 } from './reason.js';

/** Net income = wages + business − production cost + property + transfers (DOMAIN.md §3). */
export const netIncome = (y: YearIncome): number =>
  y.wages + y.business - y.productionCost + y.property + y.transfers;

/** Per-capita net income of a year, rounded to the fen (the value compared and shown). */
export const perCapitaNetIncome = (y: YearIncome): number => round2(netIncome(y) / Math.max(1, y.size));

/** Monitoring income: last 12 months' net income minus eligible medical costs, per capita. */
export function monitoringPerCapitaOf(l: Last12Months): number {
  return round2((l.netIncome - l.eligibleMedicalCost) / Math.max(1, l.size));
}

export const previousYearPerCapita = (f: HouseholdFacts): number | null =>
  f.previousPerCapita.find((p) => p.year === f.income.year - 1)?.perCapita ?? null;

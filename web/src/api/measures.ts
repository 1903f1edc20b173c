import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { RegionRef } from './regions';

/** A measure: a number, "Infinity" (Watts or MLD with a zero income), or null when undefined. */
export type Num = number | 'Infinity' | null;
export type GroupBy = 'township' | 'village' | 'household_type' | 'cause';

export interface MeasureSet {
  households: number;
  persons: number;
  poverty: { headcount: Num; povertyGap: Num; squaredGap: Num; watts: Num; sen: Num };
  relative: {
    median: Num;
    lines: { p40: Num; p50: Num; p60: Num };
    arpr: { p40: Num; p50: Num; p60: Num };
    rmpg: Num;
  };
  inequality: { gini: Num; s80s20: Num; theil: Num; mld: Num };
  mpi: {
    k: number;
    H: Num;
    A: Num;
    M0: Num;
    indicators: {
      name: string;
      dimension: string;
      weight: number;
      uncensored: Num;
      censored: Num;
      contribution: Num;
    }[];
  };
  income: {
    households: number;
    total: number;
    wage: number;
    business: number;
    property: number;
    transfer: number;
    shares: { wage: Num; business: Num; property: Num; transfer: Num; endogenous: Num };
  };
  exits: { exits: number; passive: number };
}

export interface MeasureGroup {
  key: string;
  label: string;
  labelEn: string;
  population: number;
  populationShare: Num;
  headcount: Num;
  povertyGap: Num;
  squaredGap: Num;
  contribution: { headcount: Num; povertyGap: Num; squaredGap: Num };
  mpiM0: Num;
  mpiContribution: Num;
}

export interface Measures extends MeasureSet {
  region: RegionRef;
  year: number;
  line: number;
  lineSource: 'policy' | 'query';
  population: 'all' | 'registered';
  children: (RegionRef & MeasureSet)[];
  by: { by: GroupBy; groups: MeasureGroup[] } | null;
}

export interface MeasureSeries {
  region: RegionRef;
  years: (MeasureSet & { year: number; line: number })[];
}

export interface PassiveExit {
  id: string;
  householdNo: string;
  headName: string;
  villageCode: string;
  size: number;
  perCapitaIncome: number;
  perCapitaTransfer: number;
  perCapitaWithoutTransfer: number;
}

/** A finite number, or null (for charts and formatters). */
export const finite = (x: Num): number | null => (typeof x === 'number' ? x : null);

export function useMeasures(region: string, year: number | undefined, by?: GroupBy) {
  return useQuery({
    queryKey: ['measures', region, year ?? null, by ?? null],
    queryFn: ({ signal }) => api<Measures>('/api/measures', { query: { region, year, by }, signal }),
    enabled: year !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useMeasureSeries(region: string) {
  return useQuery({
    queryKey: ['measures', 'series', region],
    queryFn: ({ signal }) => api<MeasureSeries>('/api/measures/series', { query: { region }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePassiveExits(region: string, year: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['measures', 'passive', region, year ?? null],
    queryFn: ({ signal }) =>
      api<{ total: number; line: number; items: PassiveExit[] }>('/api/measures/passive-exits', {
        query: { region, year },
        signal,
      }),
    enabled: enabled && year !== undefined,
  });
}

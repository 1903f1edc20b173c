import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { RegionRef } from './regions';

export interface SubRegionStat extends RegionRef {
  households: number;
  persons: number;
  poorPersons: number;
  incidence: number;
}

export interface TrendPoint {
  year: number;
  poorHouseholds: number;
  poorPersons: number;
  persons: number;
  incidence: number;
  monitoredHouseholds: number;
}

export interface Summary {
  region: RegionRef;
  year: number;
  years: number[];
  povertyLine: number;
  households: number;
  persons: number;
  registeredHouseholds: number;
  poorHouseholds: number;
  poorPersons: number;
  monitoredHouseholds: number;
  /** poor persons / persons, a fraction 0–1. */
  incidence: number;
  byStatus: { status: string; households: number; persons: number }[];
  byCause: { cause: string; households: number }[];
  bySubRegion: SubRegionStat[];
  trend: TrendPoint[];
}

/** Key figures of a region ('' = the user's scope) in a year (undefined = the latest). */
export function useSummary(region: string, year: number | undefined) {
  return useQuery({
    queryKey: ['stats', 'summary', region, year ?? null],
    queryFn: ({ signal }) => api<Summary>('/api/stats/summary', { query: { region, year }, signal }),
    placeholderData: keepPreviousData,
  });
}

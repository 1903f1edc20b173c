import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { RegionRef } from './regions';

// the report's shapes are the server's own (type-only imports: nothing of the server is bundled)
import type { Num, RegistryGroup, RegistryMeasures } from '../../../src/domain/measurement/registry-report';
import type { GroupBy } from '../../../src/domain/measurement/registry';
import type { ApiResponse, Item } from './generated/helpers';

export type { GroupBy, Num };
/** Every measure of one region and year (a number, "Infinity" for Watts or MLD at a zero income, or null). */
export type MeasureSet = RegistryMeasures;
/** One subgroup of a decomposition, with its labels in both languages. */
export type MeasureGroup = RegistryGroup & { label: string; labelEn: string };

// the server's domain types: the response schema admits "Infinity" in income shares, the domain type does not
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

export type PassiveExit = Item<ApiResponse<'/api/measures/passive-exits'>['items']>;

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
      api<ApiResponse<'/api/measures/passive-exits'>>('/api/measures/passive-exits', {
        query: { region, year },
        signal,
      }),
    enabled: enabled && year !== undefined,
  });
}

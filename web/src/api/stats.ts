import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type SubRegionStat = Item<Summary['bySubRegion']>;

export type TrendPoint = Item<Summary['trend']>;

/** `incidence`: poor persons / persons, a fraction 0–1. */
export type Summary = ApiResponse<'/api/stats/summary'>;

/** Key figures of a region ('' = the user's scope) in a year (undefined = the latest). */
export function useSummary(region: string, year: number | undefined) {
  return useQuery({
    queryKey: ['stats', 'summary', region, year ?? null],
    queryFn: ({ signal }) => api<Summary>('/api/stats/summary', { query: { region, year }, signal }),
    placeholderData: keepPreviousData,
  });
}

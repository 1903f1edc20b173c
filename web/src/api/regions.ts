import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type RegionRef = Item<ApiResponse<'/api/regions/{code}/path'>['items']>;

export type RegionRow = Item<ApiResponse<'/api/regions'>['items']>;

export type RegionSearchHit = Item<ApiResponse<'/api/regions/search'>['items']>;

/** Children of a region; '' = the children of the user's scope (for an admin, the provinces). */
export function useRegionChildren(parent: string) {
  return useQuery({
    queryKey: ['regions', 'children', parent],
    queryFn: ({ signal }) => api<ApiResponse<'/api/regions'>>('/api/regions', { query: { parent }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Province down to the region itself; nothing for '' (the whole country). */
export function useRegionPath(code: string) {
  return useQuery({
    queryKey: ['regions', 'path', code],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/regions/{code}/path'>>(`/api/regions/${encodeURIComponent(code)}/path`, {
        signal,
      }),
    enabled: code !== '',
    staleTime: 10 * 60_000,
  });
}

export function useRegionSearch(q: string, limit = 20) {
  const text = q.trim();
  return useQuery({
    queryKey: ['regions', 'search', text, limit],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/regions/search'>>('/api/regions/search', { query: { q: text, limit }, signal }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
  });
}

/** Code lengths of the five levels: province 2, prefecture 4, county 6, township 9, village 12. */
const LEVEL_LENGTH = [0, 2, 4, 6, 9, 12] as const;

/** The parent's code ('' above a province). */
export function parentCode(code: string): string {
  const level = LEVEL_LENGTH.indexOf(code.length as (typeof LEVEL_LENGTH)[number]);
  return level > 1 ? code.slice(0, LEVEL_LENGTH[level - 1]) : '';
}

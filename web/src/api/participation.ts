import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { ApiResponse, Item } from './generated/helpers';

/** Social participation API: registration, organisations, the needs board, products and orders. */
export type Ref = BoardNeed['township'];
export interface Paged<T> {
  total: number;
  items: T[];
}
export type BoardNeed = Item<ApiResponse<'/api/needs/board'>['items']>;
export type OfficerNeed = Item<ApiResponse<'/api/needs'>['items']>;
export type Organisation = Item<ApiResponse<'/api/org/organisations'>['items']>;
export type Product = Item<ApiResponse<'/api/products'>['items']>;
export type Order = Item<ApiResponse<'/api/products/orders'>['items']>;
export type StatLine = ApiResponse<'/api/needs/stats'>['total'];
export type OrgMe = ApiResponse<'/api/org/me'>;

const get =
  <T>(path: string, query?: Query) =>
  ({ signal }: { signal: AbortSignal }) =>
    api<T>(path, { query, signal });

export const useList = <T>(key: string, path: string, query: Query = {}, enabled = true) =>
  useQuery({
    queryKey: ['participation', key, query],
    queryFn: get<Paged<T>>(path, query),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useOrgMe = () =>
  useQuery({ queryKey: ['participation', 'me'], queryFn: get<OrgMe>('/api/org/me') });
export const useNeedStats = (region?: string) =>
  useQuery({
    queryKey: ['participation', 'stats', region],
    queryFn: get<ApiResponse<'/api/needs/stats'>>('/api/needs/stats', { region }),
  });
export const useIncome = () =>
  useQuery({
    queryKey: ['participation', 'income'],
    queryFn: get<ApiResponse<'/api/products/income'>>('/api/products/income'),
  });

/** A POST that refreshes every participation query when it succeeds. */
export function usePost<B = Record<string, unknown>>() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body?: B }) =>
      api<unknown>(path, { method: 'POST', body: body ?? {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['participation'] }),
  });
}

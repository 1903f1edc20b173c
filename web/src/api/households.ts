import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type HouseholdSort = 'household_no' | 'head_name' | 'size' | 'per_capita_income' | 'status';
export type SortOrder = 'asc' | 'desc';

export interface HouseholdFilters {
  region?: string;
  status?: string;
  type?: string;
  cause?: string;
  q?: string;
  sort?: HouseholdSort;
  order?: SortOrder;
  page: number;
  pageSize: number;
}

export type HouseholdListItem = Item<HouseholdPage['items']>;

export type HouseholdPage = ApiResponse<'/api/households'>;

export type HouseholdDetail = HouseholdRecord['household'];

/** `health` is null when masked: health is sensitive. */
export type MemberRow = Item<HouseholdRecord['members']>;

export type YearRow = Item<HouseholdRecord['years']>;

export type StatusChange = Item<HouseholdRecord['statusHistory']>;

export type HouseholdRecord = ApiResponse<'/api/households/{id}'>;

export function useHouseholds(filters: HouseholdFilters) {
  return useQuery({
    queryKey: ['households', 'list', filters],
    queryFn: ({ signal }) => api<HouseholdPage>('/api/households', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const householdKey = (id: string, unmask: boolean) => ['households', 'detail', id, unmask] as const;

/**
 * One household. With `unmask` the server returns full ID numbers, phone, bank account and
 * health, and logs the viewing; such an answer is not kept once nothing shows it.
 */
export function useHousehold(id: string, unmask: boolean, enabled = true) {
  return useQuery({
    queryKey: householdKey(id, unmask),
    enabled,
    queryFn: ({ signal }) =>
      api<HouseholdRecord>(`/api/households/${encodeURIComponent(id)}`, { query: { unmask }, signal }),
    staleTime: unmask ? 0 : 30_000,
    gcTime: unmask ? 0 : 5 * 60_000,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiQuery, ApiResponse, Item } from './generated/helpers';

export type DuplicateKind = NonNullable<ApiQuery<'/api/duplicates'>['kind']>;
export const DUPLICATE_KINDS: readonly DuplicateKind[] = ['same_id', 'near_person', 'same_household'];

export interface DuplicateFilters {
  kind: DuplicateKind;
  region?: string;
  unmask?: boolean;
  page: number;
  pageSize: number;
}

export type DuplicatePerson = Item<DuplicateHousehold['members']>;

export type DuplicateHousehold = Item<DuplicateGroup['households']>;

export type DuplicateGroup = Item<DuplicatePage['items']>;

export type DuplicatePage = ApiResponse<'/api/duplicates'>;

export function useDuplicates(filters: DuplicateFilters) {
  return useQuery({
    queryKey: ['duplicates', filters],
    queryFn: ({ signal }) => api<DuplicatePage>('/api/duplicates', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    staleTime: filters.unmask ? 0 : 30_000,
    gcTime: filters.unmask ? 0 : 5 * 60_000,
  });
}

function useDuplicateMutation<V, R>(url: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<R>(url, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['duplicates'] });
      void qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

export const useDismissDuplicates = () =>
  useDuplicateMutation<
    ApiBody<'/api/duplicates/dismiss', 'post'>,
    ApiResponse<'/api/duplicates/dismiss', 'post'>
  >('/api/duplicates/dismiss');

export const useMergeHouseholds = () =>
  useDuplicateMutation<
    ApiBody<'/api/duplicates/merge', 'post'>,
    ApiResponse<'/api/duplicates/merge', 'post'>
  >('/api/duplicates/merge');

export const useMoveOutMember = () =>
  useDuplicateMutation<
    ApiBody<'/api/duplicates/move-out', 'post'>,
    ApiResponse<'/api/duplicates/move-out', 'post'>
  >('/api/duplicates/move-out');

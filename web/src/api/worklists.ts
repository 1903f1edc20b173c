import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseKind } from './cases';
import type { ApiResponse, Item, Override } from './generated/helpers';

export interface WorklistFilters {
  region?: string;
  rule?: string;
  decision?: string;
  open?: boolean;
  page: number;
  pageSize: number;
}

// the response schema has a plain string for the case kind
export type WorklistItem = Override<
  Item<ApiResponse<'/api/worklists'>['items']>,
  { caseKind: CaseKind | null }
>;

export type WorklistPage = Override<ApiResponse<'/api/worklists'>, { items: WorklistItem[] }>;

export function useWorklist(filters: WorklistFilters) {
  return useQuery({
    queryKey: ['worklists', filters],
    queryFn: ({ signal }) => api<WorklistPage>('/api/worklists', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

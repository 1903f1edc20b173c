import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Bulk work on selected rows (issue 20 item 8) and the full 一户一策 list. */

export function useBulkAssign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/households/cadre/bulk', 'post'>) =>
      api<ApiResponse<'/api/households/cadre/bulk', 'post'>>('/api/households/cadre/bulk', {
        method: 'POST',
        body,
      }),
    onSuccess: () => {
      for (const key of ['households', 'responsibility']) void qc.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function useReviewFindings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/quality/findings/review', 'post'>) =>
      api<ApiResponse<'/api/quality/findings/review', 'post'>>('/api/quality/findings/review', {
        method: 'POST',
        body,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['quality', 'findings'] }),
  });
}

export function useDismissWarningsBulk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/warnings/dismiss', 'post'>) =>
      api<ApiResponse<'/api/warnings/dismiss', 'post'>>('/api/warnings/dismiss', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['warnings'] }),
  });
}

export function useConfirmWarningsBulk() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/warnings/confirm', 'post'>) =>
      api<ApiResponse<'/api/warnings/confirm', 'post'>>('/api/warnings/confirm', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['warnings'] });
      void qc.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export interface PlanListFilters {
  region?: string;
  year?: number;
  status?: 'draft' | 'agreed' | 'declined' | 'none';
  cause?: string;
  measureType?: string;
  overdue?: boolean;
  page: number;
  pageSize: number;
}

export type PlanListPage = ApiResponse<'/api/plans'>;
export type PlanListItem = Item<PlanListPage['items']>;

export function usePlanList(f: PlanListFilters) {
  return useQuery({
    queryKey: ['plans', 'list', f],
    queryFn: ({ signal }) => api<PlanListPage>('/api/plans', { query: { ...f } as Query, signal }),
    placeholderData: keepPreviousData,
  });
}

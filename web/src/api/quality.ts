import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type Text = QualityCheck['title'];

export type QualityCheck = Item<ApiResponse<'/api/quality/checks'>['items']>;

export type QualitySummary = ApiResponse<'/api/quality/summary'>;

export type QualityFinding = Item<ApiResponse<'/api/quality/findings'>['items']>;

export function useQualityChecks() {
  return useQuery({
    queryKey: ['quality', 'checks'],
    queryFn: ({ signal }) => api<ApiResponse<'/api/quality/checks'>>('/api/quality/checks', { signal }),
    staleTime: Infinity,
  });
}

export function useQualitySummary(region: string) {
  return useQuery({
    queryKey: ['quality', 'summary', region],
    queryFn: ({ signal }) => api<QualitySummary>('/api/quality/summary', { query: { region }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useQualityFindings(q: { region: string; check?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: ['quality', 'findings', q],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/quality/findings'>>('/api/quality/findings', {
        query: { ...q },
        signal,
      }),
    enabled: q.check !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRunQuality() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (region: string) =>
      api<ApiResponse<'/api/quality/runs', 'post'>>('/api/quality/runs', {
        method: 'POST',
        body: { region },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['quality'] }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ParamVersion } from '../../../src/modules/policy/resolve';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

export type ParamSource = EffectiveParam['source'];

export type EffectiveParam = Item<EffectivePolicy['params']>;

export type EffectivePolicy = ApiResponse<'/api/policy'>;

/** One stored version of a parameter (the resolver's own type). */
export type { ParamVersion };

export type SetParamBody = ApiBody<'/api/policy/{key}', 'put'>;

/** Effective value of every parameter for a region and date, with provenance. */
export function usePolicy(region: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: ['policy', 'effective', region ?? '', date ?? ''],
    queryFn: ({ signal }) => api<EffectivePolicy>('/api/policy', { query: { region, date }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePolicyHistory(key: string | null, region: string) {
  return useQuery({
    queryKey: ['policy', 'history', key, region],
    enabled: key !== null,
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/policy/{key}/history'>>(`/api/policy/${encodeURIComponent(key ?? '')}/history`, {
        query: { region },
        signal,
      }),
  });
}

export function useSetPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: string; body: SetParamBody }) =>
      api<ParamVersion>(`/api/policy/${encodeURIComponent(key)}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['policy'] }),
  });
}

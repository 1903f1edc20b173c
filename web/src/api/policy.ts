import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ParamVersion } from '../../../src/modules/policy/resolve';

export interface ParamSource {
  level: 'national' | 'province' | 'prefecture' | 'county';
  regionCode: string;
  regionName: string;
  effectiveFrom: string;
  reason: string;
  setBy: string;
  setAt: string | null;
  synthetic: boolean;
  derived: string | null;
}

export interface EffectiveParam {
  key: string;
  label: { zh: string; en: string };
  unit: string;
  editable: boolean;
  value: unknown;
  source: ParamSource;
}

export interface EffectivePolicy {
  region: { code: string; name: string };
  date: string;
  year: number;
  western: boolean;
  params: EffectiveParam[];
}

/** One stored version of a parameter (the resolver's own type). */
export type { ParamVersion };

export interface SetParamBody {
  regionPrefix: string;
  effectiveFrom: string;
  value: unknown;
  reason: string;
}

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
      api<{ key: string; items: ParamVersion[] }>(`/api/policy/${encodeURIComponent(key ?? '')}/history`, {
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

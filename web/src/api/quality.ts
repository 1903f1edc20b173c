import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export interface Text {
  zh: string;
  en: string;
}

export interface QualityCheck {
  id: string;
  kind: 'rule' | 'signal';
  severity: 'high' | 'medium' | 'low';
  title: Text;
  description: Text;
  statistic: Text;
  fix: Text;
  implementation: 'sql' | 'statistic';
  params: Record<string, number>;
}

export interface QualitySummary {
  region: string;
  run: {
    id: string;
    regionCode: string;
    trigger: string;
    actorName: string;
    startedAt: string;
    finishedAt: string | null;
    findings: number;
  } | null;
  checks: { id: string; findings: number; households: number; tested: number | null }[];
  children: { code: string; name: string; counts: Record<string, number> }[];
}

export interface QualityFinding {
  id: string;
  checkId: string;
  householdId: string | null;
  householdNo: string | null;
  headName: string | null;
  regionCode: string;
  regionName: string | null;
  subject: string | null;
  detail: Record<string, unknown>;
  statistic: Record<string, unknown> | null;
}

export function useQualityChecks() {
  return useQuery({
    queryKey: ['quality', 'checks'],
    queryFn: ({ signal }) => api<{ items: QualityCheck[] }>('/api/quality/checks', { signal }),
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
      api<{ total: number; runId: string | null; items: QualityFinding[] }>('/api/quality/findings', {
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
      api<{ runId: string; findings: number }>('/api/quality/runs', { method: 'POST', body: { region } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['quality'] }),
  });
}

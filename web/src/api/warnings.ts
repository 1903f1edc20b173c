import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Channel, ReportKind, SignalStatus } from '../../../src/domain/warnings/kinds';
import type { Contribution } from '../../../src/domain/warnings/score';

// the channels, kinds and statuses are the server's own (a pure module, bundled as it is)
export { CHANNELS, REPORT_KINDS } from '../../../src/domain/warnings/kinds';
export type { Channel, ReportKind } from '../../../src/domain/warnings/kinds';
export type { Contribution } from '../../../src/domain/warnings/score';
export type WarningStatus = SignalStatus;

export interface WarningFilters {
  region?: string;
  channel?: Channel;
  minScore?: number;
  status?: WarningStatus;
  page: number;
  pageSize: number;
}

export interface WarningItem {
  householdId: string;
  householdNo: string;
  headName: string;
  villageCode: string;
  villageName: string;
  householdStatus: string;
  score: number;
  topReasons: Contribution[];
  channels: string[];
  kinds: string[];
  signals: number;
  latestObservedOn: string;
  status: string;
  caseId: string | null;
}

export interface WarningPage {
  total: number;
  page: number;
  pageSize: number;
  channelCounts: Record<string, number>;
  items: WarningItem[];
}

export interface Signal {
  id: string;
  channel: string;
  kind: string;
  observedOn: string;
  detail: Record<string, unknown>;
  source: string | null;
  status: string;
  resolvedReason: string | null;
  caseId: string | null;
  createdAt: string;
}

export interface HouseholdWarnings {
  householdId: string;
  score: number;
  contributions: Contribution[];
  signals: Signal[];
}

export function useWarnings(filters: WarningFilters) {
  return useQuery({
    queryKey: ['warnings', filters],
    queryFn: ({ signal }) => api<WarningPage>('/api/warnings', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHouseholdWarnings(id: string) {
  return useQuery({
    queryKey: ['warnings', 'household', id],
    queryFn: ({ signal }) =>
      api<HouseholdWarnings>(`/api/warnings/households/${encodeURIComponent(id)}`, { signal }),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['warnings'] });
}

export function useOpenWarningCase() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (householdId: string) =>
      api<{ caseId: string; signals: string[] }>(
        `/api/warnings/households/${encodeURIComponent(householdId)}/open-case`,
        { method: 'POST', body: {} },
      ),
    onSuccess: done,
  });
}

export function useDismissWarnings() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (v: { householdId: string; reason: string }) =>
      api<{ signals: string[] }>(`/api/warnings/households/${encodeURIComponent(v.householdId)}/dismiss`, {
        method: 'POST',
        body: { reason: v.reason },
      }),
    onSuccess: done,
  });
}

export interface ScreeningInput {
  householdId: string;
  kind: ReportKind;
  observedOn?: string;
  estimatedLoss?: number;
  note?: string;
}

export function useRecordScreening() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: ScreeningInput) =>
      api<{ id: string }>('/api/warnings/screenings', { method: 'POST', body }),
    onSuccess: done,
  });
}

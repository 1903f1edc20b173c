import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Channel, SignalStatus } from '../../../src/domain/warnings/kinds';
import type { Contribution } from '../../../src/domain/warnings/score';
import type { ApiBody, ApiResponse, Item, Override } from './generated/helpers';

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

// the response schema has a plain string for a contribution's channel
export type WarningItem = Override<Item<WarningsAnswer['items']>, { topReasons: Contribution[] }>;
type WarningsAnswer = ApiResponse<'/api/warnings'>;

export type WarningPage = Override<WarningsAnswer, { items: WarningItem[] }>;

export type Signal = Item<HouseholdWarnings['signals']>;

export type HouseholdWarnings = Override<
  ApiResponse<'/api/warnings/households/{id}'>,
  { contributions: Contribution[] }
>;

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
      api<ApiResponse<'/api/warnings/households/{id}/open-case', 'post'>>(
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
      api<ApiResponse<'/api/warnings/households/{id}/dismiss', 'post'>>(
        `/api/warnings/households/${encodeURIComponent(v.householdId)}/dismiss`,
        {
          method: 'POST',
          body: { reason: v.reason },
        },
      ),
    onSuccess: done,
  });
}

export type ScreeningInput = ApiBody<'/api/warnings/screenings', 'post'>;

export function useRecordScreening() {
  const done = useInvalidate();
  return useMutation({
    mutationFn: (body: ScreeningInput) =>
      api<ApiResponse<'/api/warnings/screenings', 'post'>>('/api/warnings/screenings', {
        method: 'POST',
        body,
      }),
    onSuccess: done,
  });
}

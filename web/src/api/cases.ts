import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item, Override } from './generated/helpers';
import type { Requirement } from '../../../src/domain/cases/types';

export type CaseKind = ApiBody<'/api/cases', 'post'>['kind'];
export const CASE_KINDS: readonly CaseKind[] = ['identification', 'exit', 'monitoring', 'dibao', 'tekun'];

export interface CaseFilters {
  region?: string;
  kind?: CaseKind;
  state?: string;
  overdue?: boolean;
  open?: boolean;
  householdId?: string;
  page: number;
  pageSize: number;
}

export type CaseListItem = Item<ApiResponse<'/api/cases'>['items']>;

export type Objection = Item<NonNullable<NonNullable<CasePayload['notice']>['objections']>>;

/** What a step records (the server's FirePayload plus the county's monitoring decision). */
export type CasePayload = NonNullable<ApiBody<'/api/cases/{id}/actions/{action}', 'post'>['payload']>;

/** What a step requires (the server's own type; type-only: nothing of the server is bundled). */
export type { Requirement };

type CaseAnswer = ApiResponse<'/api/cases/{id}'>;

// the response schema leaves the requirements, the payload and the return or lateness of a step untyped
export type CaseAction = Override<Item<CaseAnswer['actions']>, { requires: Requirement[] }>;

export type TimelineEntry = Override<
  Item<CaseAnswer['timeline']>,
  {
    payload: CasePayload;
    returned: { objections: Objection[] } | null;
    late: { days: number; reason: string } | null;
  }
>;

export type CaseDetail = Override<CaseAnswer, { timeline: TimelineEntry[]; actions: CaseAction[] }>;

export type Notice = ApiResponse<'/api/cases/{id}/notice'>;

export function useCases(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'list', filters],
    enabled,
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/cases'>>('/api/cases', {
        query: { ...filters },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const caseKey = (id: string) => ['cases', 'detail', id] as const;

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKey(id),
    queryFn: ({ signal }) => api<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useNotice(id: string) {
  return useQuery({
    queryKey: ['cases', 'notice', id],
    queryFn: ({ signal }) => api<Notice>(`/api/cases/${encodeURIComponent(id)}/notice`, { signal }),
  });
}

/** Open a case; on success the lists and the household's views refresh. */
export function useOpenCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/cases', 'post'>) =>
      api<CaseDetail>('/api/cases', { method: 'POST', body }),
    onSuccess: (c) => {
      qc.setQueryData(caseKey(c.id), c);
      void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
      void qc.invalidateQueries({ queryKey: ['worklists'] });
    },
  });
}

/** Fire a step; the answer is the case as it now stands. A final step changes the household. */
export function useCaseAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      payload,
      confirmIneligible,
    }: {
      action: string;
      payload: CasePayload;
      /** A vote on a household the rules find ineligible, confirmed (the server answers 409 without it). */
      confirmIneligible?: boolean;
    }) =>
      api<CaseDetail>(`/api/cases/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, {
        method: 'POST',
        body: { payload, ...(confirmIneligible && { confirmIneligible }) },
      }),
    onSuccess: (c) => {
      qc.setQueryData(caseKey(id), c);
      void qc.invalidateQueries({ queryKey: ['cases', 'list'] });
      void qc.invalidateQueries({ queryKey: ['cases', 'notice', id] });
      void qc.invalidateQueries({ queryKey: ['households'] });
      void qc.invalidateQueries({ queryKey: ['rules'] });
    },
  });
}

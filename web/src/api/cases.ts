import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type CaseKind = 'identification' | 'exit' | 'monitoring' | 'dibao';
export const CASE_KINDS: readonly CaseKind[] = ['identification', 'exit', 'monitoring', 'dibao'];

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

export interface CaseListItem {
  id: string;
  kind: CaseKind;
  state: string;
  closed: boolean;
  householdId: string;
  householdNo: string;
  headName: string;
  villageCode: string;
  villageName: string;
  openedAt: string;
  updatedAt: string;
  dueOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  outcomeReason: string | null;
}

export interface Objection {
  text: string;
  resolved: boolean;
  resolution?: string;
}

/** What a step records (the server's FirePayload plus the county's monitoring decision). */
export interface CasePayload {
  vote?: { total: number; present: number; for: number; against: number };
  notice?: { start: string; end: string; objections: Objection[] };
  signatures?: { who: 'household' | 'collector' | 'reviewer'; name: string }[];
  dataConsent?: { by: string; signedOn: string };
  note?: string;
  staff?: string[];
  homeVisit?: { date: string; visitors: string[] };
  lateReason?: string;
  decision?: { category?: 'unstable' | 'marginal' | 'sudden'; risks?: string[] };
}

export type Requirement =
  | { kind: 'vote'; quorum: number; approval: number; approvalRule: 'at_least' | 'more_than' }
  | { kind: 'notice'; minDays: number; onObjection: string }
  | { kind: 'signature'; who: 'household' | 'collector' | 'reviewer' }
  | { kind: 'dataConsent' }
  | { kind: 'evidence'; note: string }
  | { kind: 'staff'; min: number }
  | { kind: 'homeVisitIfStaffRelative' }
  | { kind: 'deadline'; days: number };

export interface CaseAction {
  action: string;
  to: string;
  roles: string[];
  level: string;
  requires: Requirement[];
  extra: string[];
  allowed: boolean;
}

export interface TimelineEntry {
  seq: number;
  at: string;
  action: string;
  from: string | null;
  to: string;
  actor: { name: string; role: string; scopeLevel: string };
  payload: CasePayload;
  returned: { objections: Objection[] } | null;
  late: { days: number; reason: string } | null;
}

export interface CaseDetail extends CaseListItem {
  household: {
    id: string;
    householdNo: string;
    headName: string;
    status: string;
    householdType: string;
    villageCode: string;
    villageName: string;
  };
  closedAt: string | null;
  data: Record<string, unknown>;
  states: string[];
  finalStates: string[];
  initial: string;
  deadline: { due: string; daysLeft: number; overdue: boolean } | null;
  timeline: TimelineEntry[];
  actions: CaseAction[];
  noticeDefaults: { start: string; end: string; minDays: number } | null;
  hasNotice: boolean;
}

export interface Notice {
  caseId: string;
  kind: CaseKind;
  stage: string;
  title: { zh: string; en: string };
  decision: { zh: string; en: string };
  place: { villageCode: string; village: string; township: string; county: string };
  households: { householdNo: string; headName: string; size: number; memberNames: string[] }[];
  period: { start: string; end: string; days: number; minDays: number };
  objection: { zh: string; en: string };
  issuer: { zh: string; en: string };
  current: boolean;
}

export function useCases(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'list', filters],
    enabled,
    queryFn: ({ signal }) =>
      api<{ total: number; page: number; pageSize: number; items: CaseListItem[] }>('/api/cases', {
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
    mutationFn: (body: {
      kind: CaseKind;
      householdId: string;
      payload?: CasePayload;
      data?: { channel?: string; worklistItemId?: string; staffRelative?: boolean };
    }) => api<CaseDetail>('/api/cases', { method: 'POST', body }),
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
    mutationFn: ({ action, payload }: { action: string; payload: CasePayload }) =>
      api<CaseDetail>(`/api/cases/${encodeURIComponent(id)}/actions/${encodeURIComponent(action)}`, {
        method: 'POST',
        body: { payload },
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

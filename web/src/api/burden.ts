import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';

export type Level = 'village' | 'township' | 'county' | 'national' | 'household' | 'system';
export const LEVELS: readonly Level[] = ['village', 'township', 'county', 'national', 'household', 'system'];
export type RequesterLevel = 'national' | 'province' | 'prefecture' | 'county' | 'township' | 'other';
export const REQUESTER_LEVELS: readonly RequesterLevel[] = [
  'national',
  'province',
  'prefecture',
  'county',
  'township',
  'other',
];
export type ReportKind = 'roster' | 'statistics' | 'targets' | 'funds';

export interface Meter {
  region: string;
  year: number;
  forms: {
    id: string;
    zh: string;
    en: string;
    fieldsPerFilling: number;
    byLevel: Record<Level, number>;
    fillings: number;
    fields: number;
  }[];
  asked: Record<Level, { fillings: number; fields: number }>;
  derived: {
    reports: { kind: ReportKind; zh: string; en: string; generated: number; cells: number }[];
    reportCells: number;
    evaluationRuns: number;
    ruleDecisions: number;
    figures: number;
  };
  grassrootsFields: number;
  derivedPerField: number | null;
}

export interface Assessment {
  held: { item: string; report: string }[];
  notHeld: string[];
  discouraged: string[];
  unknown: string[];
  reports: string[];
  answerableFromSystem: boolean;
}

export interface DataRequest {
  id: string;
  region: string;
  requester: string;
  requesterLevel: RequesterLevel;
  title: string;
  items: string[];
  receivedOn: string;
  dueOn: string | null;
  status: 'open' | 'answered_by_report' | 'answered_by_villages' | 'declined';
  responseNote: string | null;
  version: number;
  assessment: Assessment;
}

export interface Inspection {
  id: string;
  region: string;
  inspector: string;
  inspectorLevel: RequesterLevel;
  purpose: string;
  startOn: string;
  days: number;
  note: string | null;
  nth: number;
  daysSoFar: number;
  overCount: boolean;
  overDays: boolean;
}

export interface Catalogue {
  items: { id: string; zh: string; en: string; report: string | null }[];
  reports: { kind: ReportKind; zh: string; en: string }[];
}

export interface ReportTable {
  kind: ReportKind;
  title: { zh: string; en: string };
  region: string;
  regionName: string;
  year: number;
  columns: { key: string; zh: string; en: string; numeric?: boolean }[];
  rows: Record<string, string | number | null>[];
  totals: Record<string, string | number | null> | null;
  generatedAt: string;
  generatedBy: string;
  headHash: string;
}

export const useMeter = (region: string | undefined, year: number) =>
  useQuery({
    queryKey: ['burden', 'meter', region, year],
    queryFn: ({ signal }) => api<Meter>('/api/burden', { query: { region, year }, signal }),
  });

export const useCatalogue = () =>
  useQuery({
    queryKey: ['burden', 'catalogue'],
    queryFn: ({ signal }) => api<Catalogue>('/api/burden/catalogue', { signal }),
    staleTime: Infinity,
  });

export const useRequests = (region: string | undefined, year: number) =>
  useQuery({
    queryKey: ['burden', 'requests', region, year],
    queryFn: ({ signal }) => api<DataRequest[]>('/api/burden/requests', { query: { region, year }, signal }),
  });

export const useInspections = (region: string | undefined, year: number) =>
  useQuery({
    queryKey: ['burden', 'inspections', region, year],
    queryFn: ({ signal }) =>
      api<{ limits: { perYear: number; daysPerYear: number }; items: Inspection[] }>(
        '/api/burden/inspections',
        {
          query: { region, year },
          signal,
        },
      ),
  });

/**
 * A standard report. Generating one is logged (the burden meter counts it), so the request is not
 * tied to an abort signal: a page that mounts, unmounts and mounts again while it loads (lazy chunks,
 * the sign-in check) shares the request in flight instead of cancelling it and generating twice.
 */
export const useReport = (kind: string, region: string | undefined, year: number) =>
  useQuery({
    queryKey: ['reports', kind, region, year],
    queryFn: () => api<ReportTable>(`/api/reports/${kind}`, { query: { region, year } }),
    staleTime: Infinity,
  });

export const reportXlsxUrl = (kind: ReportKind, region: string, year: number) =>
  kind === 'roster'
    ? withQuery('/api/households/export', { layout: 'roster', format: 'xlsx', region })
    : withQuery(`/api/reports/${kind}/xlsx`, { region, year });

function useBurdenMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['burden'] }),
  });
}

export const useAddRequest = () =>
  useBurdenMutation(
    (
      body: Omit<DataRequest, 'id' | 'status' | 'responseNote' | 'version' | 'assessment' | 'dueOn'> & {
        dueOn?: string;
      },
    ) => api<{ id: string; assessment: Assessment }>('/api/burden/requests', { method: 'POST', body }),
  );

export const useAnswerRequest = () =>
  useBurdenMutation(
    ({ id, ...body }: { id: string; version: number; status: DataRequest['status']; note: string }) =>
      api(`/api/burden/requests/${id}/answer`, { method: 'POST', body }),
  );

export const useAddInspection = () =>
  useBurdenMutation(
    (
      body: Omit<Inspection, 'id' | 'nth' | 'daysSoFar' | 'overCount' | 'overDays' | 'note'> & {
        note?: string;
      },
    ) => api<{ id: string }>('/api/burden/inspections', { method: 'POST', body }),
  );

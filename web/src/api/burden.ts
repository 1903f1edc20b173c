import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { ApiBody, ApiResponse, Item, Override } from './generated/helpers';
import type { ReportKind } from '../../../src/domain/burden/catalogue';

export type Level = keyof Meter['asked'];
export const LEVELS: readonly Level[] = ['village', 'township', 'county', 'national', 'household', 'system'];
export type RequesterLevel = ApiBody<'/api/burden/requests', 'post'>['requesterLevel'];
export const REQUESTER_LEVELS: readonly RequesterLevel[] = [
  'national',
  'province',
  'prefecture',
  'county',
  'township',
  'other',
];
// the standard reports' kinds, from the catalogue the server reads
export type { ReportKind };

export type Meter = ApiResponse<'/api/burden'>;

export type Assessment = DataRequest['assessment'];

export type RequestStatus = 'open' | ApiBody<'/api/burden/requests/{id}/answer', 'post'>['status'];
// the response schema has plain strings for the level and the status
export type DataRequest = Override<
  Item<ApiResponse<'/api/burden/requests'>>,
  { requesterLevel: RequesterLevel; status: RequestStatus }
>;

export type Inspection = Override<
  Item<ApiResponse<'/api/burden/inspections'>['items']>,
  { inspectorLevel: RequesterLevel }
>;

type CatalogueAnswer = ApiResponse<'/api/burden/catalogue'>;
// the response schema has a plain string for a report's kind
export type Catalogue = Override<
  CatalogueAnswer,
  { reports: Override<Item<CatalogueAnswer['reports']>, { kind: ReportKind }>[] }
>;

export type ReportTable = ApiResponse<'/api/reports/{kind}'>;

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
      api<Override<ApiResponse<'/api/burden/inspections'>, { items: Inspection[] }>>(
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
  useBurdenMutation((body: ApiBody<'/api/burden/requests', 'post'>) =>
    api<ApiResponse<'/api/burden/requests', 'post'>>('/api/burden/requests', { method: 'POST', body }),
  );

export const useAnswerRequest = () =>
  useBurdenMutation(({ id, ...body }: { id: string } & ApiBody<'/api/burden/requests/{id}/answer', 'post'>) =>
    api(`/api/burden/requests/${id}/answer`, { method: 'POST', body }),
  );

export const useAddInspection = () =>
  useBurdenMutation((body: ApiBody<'/api/burden/inspections', 'post'>) =>
    api<ApiResponse<'/api/burden/inspections', 'post'>>('/api/burden/inspections', { method: 'POST', body }),
  );

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Paired assistance, decomposed targets and the project library (GET/PUT/POST /api/pairs, /api/targets, /api/projects). */

export type CategoryYear = Item<Item<Pair['years']>['categories']>;
export type Pair = Item<ApiResponse<'/api/pairs'>['items']>;

export type IndicatorProgress = Item<TargetNode['indicators']>;
export type TargetNode = TargetTree['node'];
export type TargetTree = ApiResponse<'/api/targets'>;

export type ProjectItem = Item<ProjectList['items']>;
export type ProjectList = ApiResponse<'/api/projects'>;
export type ProjectDetail = ApiResponse<'/api/projects/{id}'>;
export type NewProject = ApiBody<'/api/projects', 'post'>;
export type FollowUp = ApiBody<'/api/projects/{id}/followups', 'post'>;
export type AssistanceSummary = ApiResponse<'/api/projects/summary'>;

export const usePairs = (region?: string) =>
  useQuery({
    queryKey: ['pairs', region],
    queryFn: ({ signal }) => api<ApiResponse<'/api/pairs'>>('/api/pairs', { query: { region }, signal }),
  });

export const useTargets = (region: string | undefined, year: number) =>
  useQuery({
    queryKey: ['targets', region, year],
    queryFn: ({ signal }) => api<TargetTree>('/api/targets', { query: { region, year }, signal }),
    placeholderData: keepPreviousData,
  });

export const useProjects = (region?: string, filter?: string) =>
  useQuery({
    queryKey: ['projects', 'list', region, filter],
    queryFn: ({ signal }) => api<ProjectList>('/api/projects', { query: { region, filter }, signal }),
    placeholderData: keepPreviousData,
  });

export const useProject = (id: string) =>
  useQuery({
    queryKey: ['projects', 'one', id],
    queryFn: ({ signal }) => api<ProjectDetail>(`/api/projects/${id}`, { signal }),
  });

export const useAssistanceSummary = (region?: string, year?: number) =>
  useQuery({
    queryKey: ['projects', 'summary', region, year],
    queryFn: ({ signal }) =>
      api<AssistanceSummary>('/api/projects/summary', { query: { region, year }, signal }),
  });

function useWrite<V>(
  method: 'POST' | 'PUT',
  url: (v: V) => string,
  keys: string[][],
  body: (v: V) => unknown = (v) => v,
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: V) => api<unknown>(url(v), { method, body: body(v) }),
    onSuccess: () => keys.forEach((k) => void qc.invalidateQueries({ queryKey: k })),
  });
}

export const useSplitTargets = () => useWrite<TargetSplit>('PUT', () => '/api/targets/split', [['targets']]);

export const useCreateProject = () => useWrite<NewProject>('POST', () => '/api/projects', [['projects']]);

export const useFollowUp = (id: string) =>
  useWrite<FollowUp>('POST', () => `/api/projects/${id}/followups`, [['projects'], ['audit']]);

export type NewPair = ApiBody<'/api/pairs', 'post'>;
export type PairEntry = { pairId: string } & ApiBody<'/api/pairs/{id}/commitments', 'put'>;
export type Fund = ApiBody<'/api/projects/{id}/funds', 'put'>;
export type TargetSplit = ApiBody<'/api/targets/split', 'put'>;
export type Beneficiary = ApiBody<'/api/projects/{id}/beneficiaries', 'post'>;

export const useCreatePair = () => useWrite<NewPair>('POST', () => '/api/pairs', [['pairs'], ['audit']]);

export const useSetCommitment = () =>
  useWrite<PairEntry>(
    'PUT',
    (v) => `/api/pairs/${v.pairId}/commitments`,
    [['pairs'], ['audit']],
    ({ pairId: _p, ...rest }) => rest,
  );

export const useRecordDelivery = () =>
  useWrite<{ pairId: string } & ApiBody<'/api/pairs/{id}/deliveries', 'post'>>(
    'POST',
    (v) => `/api/pairs/${v.pairId}/deliveries`,
    [['pairs'], ['audit']],
    ({ pairId: _p, ...rest }) => rest,
  );

/** Project writes refresh the library, the detail, the dashboard summary (all under 'projects') and the audit log. */
const projectKeys = [['projects'], ['audit']];

export const useSetFund = (id: string) =>
  useWrite<Fund>('PUT', () => `/api/projects/${id}/funds`, projectKeys);

export const useAddBeneficiary = (id: string) =>
  useWrite<Beneficiary>('POST', () => `/api/projects/${id}/beneficiaries`, projectKeys);

export const useRecordBenefit = (id: string) =>
  useWrite<ApiBody<'/api/projects/{id}/benefits', 'put'>>(
    'PUT',
    () => `/api/projects/${id}/benefits`,
    projectKeys,
  );

export const useCompleteProject = (id: string) =>
  useWrite<ApiBody<'/api/projects/{id}/complete', 'post'>>(
    'POST',
    () => `/api/projects/${id}/complete`,
    projectKeys,
  );

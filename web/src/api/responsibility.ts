import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Responsible cadres, work teams, visits, the visit plan and the gap lists (/api/cadres, …). */

export type Cadre = CadreDetail['cadre'];
export type VisitDue = CadreHousehold['visit'];
export type CadreHousehold = Item<CadreDetail['households']>;
export type CadreDetail = ApiResponse<'/api/cadres/{id}'>;
export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
export type Visit = Item<ApiResponse<'/api/visits'>['items']>;
/** The fields every gap list of households shares. */
export type GapHousehold = Omit<
  Item<ApiResponse<'/api/responsibility/gaps/no-cadre'>['items']>,
  'lastAssignmentEnd'
>;
export type OverdueItem = Item<ApiResponse<'/api/responsibility/gaps/overdue-visits'>['items']>;
export type NoTeamItem = Item<ApiResponse<'/api/responsibility/gaps/no-team'>['items']>;
export type ResponsibilitySummary = ApiResponse<'/api/responsibility/summary'>;
export type Plan = ApiResponse<'/api/visit-plan'>;

const KEY = 'responsibility';

export const useMyHouseholds = () =>
  useQuery({
    queryKey: [KEY, 'me'],
    queryFn: ({ signal }) => api<CadreDetail>('/api/cadres/me', { signal }),
    retry: false,
  });

export const useCadre = (id: string) =>
  useQuery({
    queryKey: [KEY, 'cadre', id],
    queryFn: ({ signal }) => api<CadreDetail>(`/api/cadres/${id}`, { signal }),
  });

export const useCadres = (region: string, page: number, q?: string, pageSize = 20) =>
  useQuery({
    queryKey: [KEY, 'cadres', region, page, q, pageSize],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/cadres'>>('/api/cadres', { query: { region, page, q, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

export const useVisits = (
  query: { region?: string; householdId?: string; cadreId?: string; pageSize?: number },
  enabled = true,
) =>
  useQuery({
    queryKey: [KEY, 'visits', query],
    queryFn: ({ signal }) => api<ApiResponse<'/api/visits'>>('/api/visits', { query, signal }),
    enabled,
  });

/** `year`: the dashboard's year (a past one is read as of its last day); absent: today. */
export const useSummary = (region: string, year?: number) =>
  useQuery({
    queryKey: [KEY, 'summary', region, year],
    queryFn: ({ signal }) =>
      api<ResponsibilitySummary>('/api/responsibility/summary', { query: { region, year }, signal }),
  });

export type GapKind = 'no-cadre' | 'overdue-visits' | 'no-team';
export function useGap<T>(kind: GapKind, region: string, page: number) {
  return useQuery({
    queryKey: [KEY, 'gap', kind, region, page],
    queryFn: ({ signal }) =>
      api<Paged<T>>(`/api/responsibility/gaps/${kind}`, { query: { region, page, pageSize: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export const usePlan = (region: string) =>
  useQuery({
    queryKey: [KEY, 'plan', region],
    queryFn: ({ signal }) => api<Plan>('/api/visit-plan', { query: { region }, signal }),
  });

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: [KEY] }) });
}

export type VisitInput = ApiBody<'/api/visits', 'post'>;
export const useRecordVisit = () =>
  useInvalidating((body: VisitInput) => api<Visit>('/api/visits', { method: 'POST', body }));

export const useAssignCadre = () =>
  useInvalidating(
    ({ householdId, ...body }: { householdId: string } & ApiBody<'/api/households/{id}/cadre', 'post'>) =>
      api<unknown>(`/api/households/${householdId}/cadre`, { method: 'POST', body }),
  );

export type TeamInput = ApiBody<'/api/work-teams', 'post'>;
export const useCreateTeam = () =>
  useInvalidating((body: TeamInput) => api<unknown>('/api/work-teams', { method: 'POST', body }));

export const useSetPlanRule = () =>
  useInvalidating((body: ApiBody<'/api/visit-plan', 'put'>) =>
    api<Plan>('/api/visit-plan', { method: 'PUT', body }),
  );

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Household plans (一户一策), the measure catalogue, the fit gap list and household cards (明白卡). */
export type MeasureStatus = NonNullable<ApiBody<'/api/plans/measures/{id}', 'patch'>['status']>;
export const MEASURE_STATUSES: readonly MeasureStatus[] = [
  'planned',
  'in_progress',
  'completed',
  'cancelled',
];
export type AgreementMethod = NonNullable<ApiBody<'/api/plans/{id}/agreement', 'post'>['method']>;
export const AGREEMENT_METHODS: readonly AgreementMethod[] = [
  'signature',
  'thumbprint',
  'portal',
  'on_behalf',
];
export type FitProblemKind = FitProblem['kind'];

export type Bilingual = FitProblem['message'];

export type FitProblem = Item<GapItem['problems']>;

export type CatalogueEntry = Item<ApiResponse<'/api/plans/catalogue'>>;

export type Measure = Item<Plan['measures']>;

export type Plan = NonNullable<PlanView['plan']>;

export type PlanView = ApiResponse<'/api/households/{id}/plan'>;

export type GapItem = Item<GapPage['items']>;

export type GapPage = ApiResponse<'/api/plans/gaps'>;

export type CardPolicy = Item<HouseholdCard['policies']>;

export type HouseholdCard = Item<Cards['cards']>;

export type Cards = ApiResponse<'/api/villages/{code}/cards'>;

export const planKey = (householdId: string, year?: number) => [
  'plans',
  'household',
  householdId,
  year ?? null,
];

export function usePlan(householdId: string, year?: number) {
  return useQuery({
    queryKey: planKey(householdId, year),
    queryFn: () =>
      api<PlanView>(`/api/households/${encodeURIComponent(householdId)}/plan`, { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

export function useCatalogue(enabled = true) {
  return useQuery({
    queryKey: ['plans', 'catalogue'],
    queryFn: () => api<CatalogueEntry[]>('/api/plans/catalogue'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function usePlanGaps(f: {
  region?: string;
  year?: number;
  problem?: string;
  page: number;
  pageSize: number;
}) {
  return useQuery({
    queryKey: ['plans', 'gaps', f],
    queryFn: () => api<GapPage>('/api/plans/gaps', { query: { ...f } }),
    placeholderData: keepPreviousData,
  });
}

export function useCards(kind: 'household' | 'village', id: string, year?: number) {
  const path =
    kind === 'household'
      ? `/api/households/${encodeURIComponent(id)}/card`
      : `/api/villages/${encodeURIComponent(id)}/cards`;
  return useQuery({
    queryKey: ['plans', 'cards', kind, id, year ?? null],
    queryFn: () => api<Cards>(path, { query: { year } }),
  });
}

/** Plan writes; on success the plan query is replaced and lists and the audit log reloaded. */
export function usePlanMutation(householdId: string, year?: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: { method: 'POST' | 'PATCH'; path: string; body: Record<string, unknown> }) =>
      api<PlanView>(r.path, { method: r.method, body: r.body }),
    onError: (e) => {
      // a 409 carries the plan as it now is: show it, so the user applies the change again
      const current =
        isApiError(e) && e.status === 409
          ? (e.details as { current?: PlanView } | undefined)?.current
          : undefined;
      if (current && 'plan' in current) qc.setQueryData(planKey(householdId, year), current);
      else void qc.invalidateQueries({ queryKey: planKey(householdId, year) });
    },
    onSuccess: (v) => {
      qc.setQueryData(planKey(householdId, year), v);
      void qc.invalidateQueries({
        predicate: (q) =>
          (q.queryKey[0] === 'plans' && q.queryKey[1] !== 'household') ||
          ['audit', 'households'].includes(String(q.queryKey[0])),
      });
    },
  });
}

export const planRequests = {
  generate: (householdId: string, year: number) => ({
    method: 'POST' as const,
    path: `/api/households/${encodeURIComponent(householdId)}/plan`,
    body: { year },
  }),
  addMeasure: (planId: string, body: Record<string, unknown>) => ({
    method: 'POST' as const,
    path: `/api/plans/${planId}/measures`,
    body,
  }),
  updateMeasure: (measureId: string, body: Record<string, unknown>) => ({
    method: 'PATCH' as const,
    path: `/api/plans/measures/${measureId}`,
    body,
  }),
  agreement: (planId: string, body: Record<string, unknown>) => ({
    method: 'POST' as const,
    path: `/api/plans/${planId}/agreement`,
    body,
  }),
};

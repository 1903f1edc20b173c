import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** The household's own effort (内生动力, issue 21 item 5): records, ledger, shop, work relief, commitments. */
export type Effort = ApiResponse<'/api/effort/households/{id}'>;
export type ShopItem = Item<ApiResponse<'/api/effort/shop'>>;
export type IncentiveRules = ApiResponse<'/api/effort/rules'>;
export type WorkReliefProject = Item<ApiResponse<'/api/effort/work-relief'>>;
export type Wage = Item<ApiResponse<'/api/effort/projects/{id}/wages'>>;
export type NewWage = ApiBody<'/api/effort/projects/{id}/wages', 'post'>;

const hh = (id: string) => `/api/effort/households/${encodeURIComponent(id)}`;

export function useEffort(householdId: string) {
  return useQuery({
    queryKey: ['effort', 'household', householdId],
    queryFn: ({ signal }) => api<Effort>(hh(householdId), { signal }),
  });
}

export function useShop() {
  return useQuery({
    queryKey: ['effort', 'shop'],
    queryFn: ({ signal }) => api<ShopItem[]>('/api/effort/shop', { signal }),
  });
}

export function useIncentiveRules() {
  return useQuery({
    queryKey: ['effort', 'rules'],
    queryFn: ({ signal }) => api<IncentiveRules>('/api/effort/rules', { signal }),
  });
}

export function useWorkRelief() {
  return useQuery({
    queryKey: ['effort', 'work-relief'],
    queryFn: ({ signal }) => api<WorkReliefProject[]>('/api/effort/work-relief', { signal }),
  });
}

export function useWages(projectId: string | null) {
  return useQuery({
    queryKey: ['effort', 'wages', projectId],
    queryFn: ({ signal }) =>
      api<Wage[]>(`/api/effort/projects/${encodeURIComponent(projectId ?? '')}/wages`, { signal }),
    enabled: projectId !== null,
  });
}

/** A write under /api/effort; every effort query is refreshed after it. */
export function useEffortWrite<B>(path: (b: B) => string, method: 'POST' | 'PUT' = 'POST') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: B & { body: unknown }) => api<unknown>(path(b), { method, body: b.body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['effort'] }),
  });
}

export const effortPaths = {
  household: hh,
  wages: (projectId: string) => `/api/effort/projects/${encodeURIComponent(projectId)}/wages`,
  flag: (projectId: string) => `/api/effort/projects/${encodeURIComponent(projectId)}/work-relief`,
};

/** Reported progress awaiting its cadre's confirmation, in scope (the confirmation screen). */
export type PendingProgress = ApiResponse<'/api/effort/commitments/pending'>;
export function usePendingProgress() {
  return useQuery({
    queryKey: ['effort', 'pending'],
    queryFn: ({ signal }) => api<PendingProgress>('/api/effort/commitments/pending', { signal }),
  });
}

// ---- the household portal (its own session): commitments, progress, points, the points shop
export type PortalCommitment = Item<ApiResponse<'/api/portal/commitments'>>;
export type PortalPoints = ApiResponse<'/api/portal/points'>;

export const usePortalCommitments = () =>
  useQuery({
    queryKey: ['portal', 'commitments'],
    queryFn: ({ signal }) => api<PortalCommitment[]>('/api/portal/commitments', { signal }),
  });
export const usePortalPoints = () =>
  useQuery({
    queryKey: ['portal', 'points'],
    queryFn: ({ signal }) => api<PortalPoints>('/api/portal/points', { signal }),
  });

function usePortalEffortPost<B>(path: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: B) => api<unknown>(path, { method: 'POST', body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal'] }),
  });
}
export const usePortalReportProgress = () =>
  usePortalEffortPost<ApiBody<'/api/portal/commitments/progress', 'post'>>(
    '/api/portal/commitments/progress',
  );
export const usePortalRedeem = () =>
  usePortalEffortPost<ApiBody<'/api/portal/points/redeem', 'post'>>('/api/portal/points/redeem');

/** The passive-exit flag of a household's latest income year (the exit decision step reads it). */
export type PassiveExitFlag = NonNullable<ApiResponse<'/api/effort/households/{id}/passive-exit'>>;
export function usePassiveExit(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['effort', 'passive-exit', householdId],
    queryFn: ({ signal }) => api<PassiveExitFlag | null>(`${hh(householdId)}/passive-exit`, { signal }),
    enabled,
  });
}

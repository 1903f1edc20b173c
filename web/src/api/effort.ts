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

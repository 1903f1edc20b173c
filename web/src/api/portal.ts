import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** The household portal (/api/portal/*, its own cookie) and grievances (public and officers'). */
export type PortalMember = Item<PortalMe['card']['members']>;
export type PortalMe = ApiResponse<'/api/portal/me'>;
export type PortalNeed = Item<ApiResponse<'/api/portal/needs'>>;
export type PortalDecisions = ApiResponse<'/api/portal/decisions'>;
export type GrievanceView = ApiResponse<'/api/public/grievances/{code}'>;
export type DifficultyReport = ApiBody<'/api/portal/difficulties', 'post'>;
export type NewPortalGrievance = ApiBody<'/api/portal/grievances', 'post'>;
export type GrievanceKind = ApiBody<'/api/public/grievances', 'post'>['kind'];
export type FeedbackBody = ApiBody<'/api/public/grievances/{code}/feedback', 'post'>;

const meKey = ['portal', 'me'] as const;

export const usePortalMe = () =>
  useQuery({ queryKey: meKey, queryFn: () => api<PortalMe>('/api/portal/me'), retry: false });
export const usePortalDecisions = () =>
  useQuery({
    queryKey: ['portal', 'decisions'],
    queryFn: () => api<PortalDecisions>('/api/portal/decisions'),
  });
export const usePortalNeeds = (enabled: boolean) =>
  useQuery({ queryKey: ['portal', 'needs'], queryFn: () => api<PortalNeed[]>('/api/portal/needs'), enabled });
export const usePortalGrievances = (enabled: boolean) =>
  useQuery({
    queryKey: ['portal', 'grievances'],
    queryFn: () => api<GrievanceView[]>('/api/portal/grievances'),
    enabled,
  });

/** A portal mutation that refreshes the portal's data afterwards. */
function usePortalPost<B>(path: (b: B) => string, body: (b: B) => unknown = (b) => b) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: B) => api<unknown>(path(b), { method: 'POST', body: body(b) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal'] }),
  });
}

export const usePortalLogin = () =>
  usePortalPost<ApiBody<'/api/portal/login', 'post'>>(() => '/api/portal/login');
export const usePortalLogout = () =>
  usePortalPost<void>(
    () => '/api/portal/logout',
    () => ({}),
  );
export const usePortalAgree = () =>
  usePortalPost<ApiBody<'/api/portal/plan/agreement', 'post'>>(() => '/api/portal/plan/agreement');
export const usePortalConfirmNeed = () =>
  usePortalPost<{ id: string } & ApiBody<'/api/portal/needs/{id}/confirm', 'post'>>(
    (b) => `/api/portal/needs/${b.id}/confirm`,
    ({ note, rating }) => ({ note, rating }),
  );
export const usePortalRate = () =>
  usePortalPost<ApiBody<'/api/portal/ratings', 'post'>>(() => '/api/portal/ratings');
export const usePortalDifficulty = () => usePortalPost<DifficultyReport>(() => '/api/portal/difficulties');
export const usePortalFileGrievance = () => usePortalPost<NewPortalGrievance>(() => '/api/portal/grievances');
export const usePortalGrievanceFeedback = () =>
  usePortalPost<FeedbackBody & { id: string }>(
    (b) => `/api/portal/grievances/${b.id}/feedback`,
    ({ id: _id, ...rest }) => rest,
  );

// ---- public
export const usePublicRegions = (parent: string) =>
  useQuery({
    queryKey: ['public', 'regions', parent],
    queryFn: () =>
      api<ApiResponse<'/api/public/grievance-regions'>>('/api/public/grievance-regions', {
        query: { parent },
      }),
    enabled: /^(\d{6}|\d{9})$/.test(parent),
  });
export const usePublicFile = () =>
  useMutation({
    mutationFn: (b: ApiBody<'/api/public/grievances', 'post'>) =>
      api<ApiResponse<'/api/public/grievances', 'post'>>('/api/public/grievances', {
        method: 'POST',
        body: b,
      }),
  });
export const useTrack = (code: string) =>
  useQuery({
    queryKey: ['public', 'track', code],
    queryFn: () => api<GrievanceView>(`/api/public/grievances/${encodeURIComponent(code)}`),
    enabled: code.length >= 8,
    retry: false,
  });
export function usePublicFeedback(code: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: FeedbackBody) =>
      api<GrievanceView>(`/api/public/grievances/${encodeURIComponent(code)}/feedback`, {
        method: 'POST',
        body: b,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['public', 'track', code] }),
  });
}

// ---- officers
export type GrievanceItem = Item<ApiResponse<'/api/grievances'>['items']>;
export type GrievanceDetail = ApiResponse<'/api/grievances/{id}'>;
export const useGrievances = (q: Query) =>
  useQuery({
    queryKey: ['grievances', q],
    queryFn: () => api<ApiResponse<'/api/grievances'>>('/api/grievances', { query: q }),
  });
export const useGrievance = (id: string | null, unmask: boolean) =>
  useQuery({
    queryKey: ['grievances', 'one', id, unmask],
    queryFn: () => api<GrievanceDetail>(`/api/grievances/${id}`, { query: { unmask: unmask || undefined } }),
    enabled: !!id,
  });
export function useGrievanceAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: { id: string; action: 'acknowledge' | 'resolve'; text: string }) =>
      api<GrievanceDetail>(`/api/grievances/${b.id}/${b.action}`, {
        method: 'POST',
        body: b.action === 'acknowledge' ? { note: b.text } : { outcome: b.text },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['grievances'] }),
  });
}

// ---- staff: portal access codes (POST /api/portal-codes)
export type IssuedAccessCode = Item<ApiResponse<'/api/portal-codes', 'post'>['codes']>;
/**
 * Issue fresh access codes for households or every card household of a village. The codes live only
 * in the caller's component state (never a query cache, never browser storage): shown or printed once.
 */
export function useIssuePortalCodes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: ApiBody<'/api/portal-codes', 'post'>) =>
      api<ApiResponse<'/api/portal-codes', 'post'>>('/api/portal-codes', { method: 'POST', body: b }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['portal-access'] }),
    gcTime: 0,
  });
}

/** A household's portal access for its cadre: code issued when, wrong sign-ins since, any wait now. */
export type PortalAccessStatus = ApiResponse<'/api/portal-codes/{householdId}'>;
export const usePortalAccessStatus = (householdId: string) =>
  useQuery({
    queryKey: ['portal-access', householdId],
    queryFn: () => api<PortalAccessStatus>(`/api/portal-codes/${householdId}`),
  });

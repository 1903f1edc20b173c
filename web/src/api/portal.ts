import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';

/** The household portal (/api/portal/*, its own cookie) and grievances (public and officers'). */
export interface PortalMember {
  name: string;
  relation: string;
  sex: string;
  age: number;
  idNumber: string;
}
export interface PortalMe {
  year: number;
  village: { code: string; name: string; path: string };
  card: {
    householdId: string;
    householdNo: string;
    headName: string | null;
    status: string;
    members: PortalMember[];
    plan: {
      year: number;
      status: 'draft' | 'agreed' | 'declined';
      agreedBy: string | null;
      agreedAt: string | null;
      declineReason: string | null;
    } | null;
    measures: {
      nameZh: string;
      nameEn: string;
      status: string;
      deadline: string | null;
      amount: number | null;
    }[];
    cadres: { name: string; workUnit: string; phone: string | null }[];
    policies: { code: string; zh: string; en: string; who: string[] }[];
  };
  measures: { id: string; nameZh: string; nameEn: string; status: string }[];
  ratings: { year: number; measureId: string | null; rating: number; comment: string | null }[];
}
export interface PortalNeed {
  id: string;
  kind: string;
  title: string;
  status: string;
  organisation: string | null;
  deliveryNote: string | null;
  rating: number | null;
}
export interface GrievanceView {
  id: string;
  trackingCode: string;
  kind: string;
  state: 'received' | 'acknowledged' | 'resolved' | 'closed';
  region: { code: string; name: string };
  description: string;
  filedAt: string;
  ackDueAt: string;
  resolveDueAt: string;
  outcome: string | null;
  feedback: 'satisfied' | 'not_satisfied' | null;
  escalated: boolean;
  overdue: 'ack_overdue' | 'resolve_overdue' | null;
  canGiveFeedback: boolean;
  canReopen: boolean;
  events: { action: string; at: string }[];
}
export interface FeedbackBody {
  satisfied: boolean;
  reopen?: boolean;
  comment?: string;
}

const meKey = ['portal', 'me'] as const;

export const usePortalMe = () =>
  useQuery({ queryKey: meKey, queryFn: () => api<PortalMe>('/api/portal/me'), retry: false });
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
  usePortalPost<{ householdNo: string; code: string }>(() => '/api/portal/login');
export const usePortalLogout = () =>
  usePortalPost<void>(
    () => '/api/portal/logout',
    () => ({}),
  );
export const usePortalAgree = () =>
  usePortalPost<{ agreed: boolean; by: string; declineReason?: string }>(() => '/api/portal/plan/agreement');
export const usePortalConfirmNeed = () =>
  usePortalPost<{ id: string; note: string; rating?: number }>(
    (b) => `/api/portal/needs/${b.id}/confirm`,
    ({ note, rating }) => ({ note, rating }),
  );
export const usePortalRate = () =>
  usePortalPost<{ year: number; rating: number; comment?: string }>(() => '/api/portal/ratings');
export const usePortalDifficulty = () =>
  usePortalPost<{ kind: string; description: string; observedOn: string }>(() => '/api/portal/difficulties');
export const usePortalFileGrievance = () =>
  usePortalPost<{ kind: string; description: string }>(() => '/api/portal/grievances');
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
      api<{ code: string; name: string }[]>('/api/public/grievance-regions', { query: { parent } }),
    enabled: /^(\d{6}|\d{9})$/.test(parent),
  });
export const usePublicFile = () =>
  useMutation({
    mutationFn: (b: Record<string, unknown>) =>
      api<{ trackingCode: string }>('/api/public/grievances', { method: 'POST', body: b }),
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
export interface GrievanceItem {
  id: string;
  trackingCode: string;
  channel: string;
  kind: string;
  state: string;
  region: { code: string; name: string };
  township: { code: string; name: string };
  householdNo: string | null;
  summary: string;
  filedAt: string;
  escalated: boolean;
  overdue: string | null;
  feedback: string | null;
}
export interface GrievanceDetail extends Omit<GrievanceItem, 'summary' | 'householdNo'> {
  description: string;
  household: { id: string; householdNo: string } | null;
  anonymous: boolean;
  contactName: string | null;
  contactPhone: string | null;
  ackDueAt: string;
  resolveDueAt: string;
  outcome: string | null;
  feedbackComment: string | null;
  escalationReason: string | null;
  events: { action: string; at: string; actor: string; note: string | null }[];
}
export const useGrievances = (q: Query) =>
  useQuery({
    queryKey: ['grievances', q],
    queryFn: () => api<{ total: number; items: GrievanceItem[] }>('/api/grievances', { query: q }),
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
export interface IssuedAccessCode {
  householdId: string;
  householdNo: string;
  headName: string | null;
  code: string;
}
/**
 * Issue fresh access codes for households or every card household of a village. The codes live only
 * in the caller's component state (never a query cache, never browser storage): shown or printed once.
 */
export const useIssuePortalCodes = () =>
  useMutation({
    mutationFn: (b: { householdIds: string[] } | { villageCode: string }) =>
      api<{ codes: IssuedAccessCode[] }>('/api/portal-codes', { method: 'POST', body: b }),
    gcTime: 0,
  });

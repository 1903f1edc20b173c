import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** Responsible cadres, work teams, visits, the visit plan and the gap lists (/api/cadres, …). */

export interface Cadre {
  id: string;
  name: string;
  workUnit: string;
  unitLevel: string;
  phone: string | null;
  regionCode: string;
  regionName: string;
  userId: string | null;
  username: string | null;
  active: boolean;
  caseload: number;
}
export interface VisitDue {
  visitsPerYear: number | null;
  lastVisit: string | null;
  visitsThisYear: number;
  dueOn: string | null;
  overdue: boolean;
}
export interface CadreHousehold {
  householdId: string;
  householdNo: string;
  headName: string | null;
  villageCode: string;
  villageName: string;
  status: string;
  since: string;
  visit: VisitDue;
  measures: { open: number; overdue: number; nextDeadline: string | null } | null;
  openCases: number;
  next: string[];
}
export interface CadreDetail {
  cadre: Cadre;
  households: CadreHousehold[];
}
export interface Paged<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
export interface Visit {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  cadreId: string | null;
  cadreName: string | null;
  visitDate: string;
  purpose: string;
  findings: string;
  followUp: string | null;
  recordedBy: string | null;
}
export interface GapHousehold {
  householdId: string;
  householdNo: string;
  headName: string | null;
  villageCode: string;
  villageName: string;
  status: string;
}
export interface OverdueItem extends GapHousehold {
  kind: string;
  visitsPerYear: number;
  lastVisit: string | null;
  dueOn: string | null;
  cadreId: string | null;
  cadreName: string | null;
}
export interface NoTeamItem {
  villageCode: string;
  villageName: string;
  townshipName: string | null;
  lastTeamEnd: string | null;
}
export interface ResponsibilitySummary {
  region: string;
  asOf: string;
  cadres: { active: number; householdsNeeding: number; householdsWithout: number };
  visits: { planned: number; overdue: number; neverVisited: number };
  teams: { poorVillages: number; villagesWithout: number };
  /** Plan fit of the current year (plans module). */
  plans: { year: number; plans: number; notFitting: number; withoutPlan: number; overdueMeasures: number };
}
export interface Plan {
  region: string;
  effective: { kind: string; visitsPerYear: number | null; regionPrefix: string | null }[];
  rules: {
    regionPrefix: string;
    kind: string;
    visitsPerYear: number;
    setBy: string;
    setAt: string;
    reason: string;
  }[];
}

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
      api<Paged<Cadre>>('/api/cadres', { query: { region, page, q, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });

export const useVisits = (
  query: { region?: string; householdId?: string; cadreId?: string; pageSize?: number },
  enabled = true,
) =>
  useQuery({
    queryKey: [KEY, 'visits', query],
    queryFn: ({ signal }) => api<Paged<Visit>>('/api/visits', { query, signal }),
    enabled,
  });

export const useSummary = (region: string) =>
  useQuery({
    queryKey: [KEY, 'summary', region],
    queryFn: ({ signal }) =>
      api<ResponsibilitySummary>('/api/responsibility/summary', { query: { region }, signal }),
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

export interface VisitInput {
  householdId: string;
  visitDate?: string;
  purpose: string;
  findings: string;
  followUp?: string | null;
}
export const useRecordVisit = () =>
  useInvalidating((body: VisitInput) => api<Visit>('/api/visits', { method: 'POST', body }));

export const useAssignCadre = () =>
  useInvalidating(({ householdId, ...body }: { householdId: string; cadreId: string; reason: string }) =>
    api<unknown>(`/api/households/${householdId}/cadre`, { method: 'POST', body }),
  );

export interface TeamInput {
  villageCode: string;
  sendingUnit: string;
  startDate: string;
  members: { name: string; role: string; workUnit?: string | null; phone?: string | null }[];
  reason: string;
}
export const useCreateTeam = () =>
  useInvalidating((body: TeamInput) => api<unknown>('/api/work-teams', { method: 'POST', body }));

export const useSetPlanRule = () =>
  useInvalidating((body: { regionPrefix: string; kind: string; visitsPerYear: number; reason: string }) =>
    api<Plan>('/api/visit-plan', { method: 'PUT', body }),
  );

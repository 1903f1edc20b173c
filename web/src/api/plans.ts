import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from './client';

/** Household plans (一户一策), the measure catalogue, the fit gap list and household cards (明白卡). */
export type MeasureStatus = 'planned' | 'in_progress' | 'completed' | 'cancelled';
export const MEASURE_STATUSES: readonly MeasureStatus[] = [
  'planned',
  'in_progress',
  'completed',
  'cancelled',
];
export type AgreementMethod = 'signature' | 'thumbprint' | 'portal' | 'on_behalf';
export const AGREEMENT_METHODS: readonly AgreementMethod[] = [
  'signature',
  'thumbprint',
  'portal',
  'on_behalf',
];
export type FitProblemKind = 'cause_unanswered' | 'no_development' | 'no_social_security' | 'no_measures';

export interface Bilingual {
  zh: string;
  en: string;
}

export interface FitProblem {
  kind: FitProblemKind;
  cause?: string;
  message: Bilingual;
}

export interface CatalogueEntry {
  code: string;
  nameZh: string;
  nameEn: string;
  batch: string;
  measureType: string;
  causes: string[];
  conditions: string[];
  labour: 'any' | 'able' | 'unable';
  fundingSource: string | null;
  defaultAmount: number | null;
  responsibleUnit: string | null;
  months: number;
  sort: number;
  active: boolean;
  version: number;
}

export interface Measure {
  id: string;
  catalogueCode: string;
  nameZh: string;
  nameEn: string;
  measureType: string;
  batch: string;
  fundingSource: string | null;
  amount: number | null;
  responsibleUnit: string | null;
  startDate: string | null;
  deadline: string | null;
  status: MeasureStatus;
  outcome: string | null;
  version: number;
  overdue: boolean;
}

export interface Plan {
  id: string;
  householdId: string;
  year: number;
  status: 'draft' | 'agreed' | 'declined';
  agreedBy: string | null;
  agreedAt: string | null;
  agreementMethod: AgreementMethod | null;
  declineReason: string | null;
  version: number;
  measures: Measure[];
  fit: { fits: boolean; problems: FitProblem[]; answered: { cause: string; main: boolean; by: string[] }[] };
}

export interface PlanView {
  year: number;
  years: number[];
  canEdit: boolean;
  household: {
    id: string;
    householdNo: string;
    headName: string | null;
    villageCode: string;
    status: string;
    mainCause: string | null;
    otherCauses: string[];
    ableToWork: number;
    planned: boolean;
    presentMembers: string[];
  };
  plan: Plan | null;
}

export interface GapItem {
  planId: string;
  householdId: string;
  householdNo: string;
  headName: string | null;
  villageCode: string;
  villageName: string | null;
  householdStatus: string;
  mainCause: string | null;
  planStatus: string;
  problems: FitProblem[];
}

export interface GapPage {
  year: number;
  region: string;
  plans: number;
  fitting: number;
  withoutPlan: number;
  byProblem: Partial<Record<FitProblemKind, number>>;
  total: number;
  page: number;
  pageSize: number;
  items: GapItem[];
}

export interface CardPolicy {
  code: string;
  zh: string;
  en: string;
  who: string[];
}

export interface HouseholdCard {
  householdId: string;
  householdNo: string;
  headName: string | null;
  address: string | null;
  phone: string | null;
  status: string;
  householdType: string;
  monitoringCategory: string | null;
  mainCause: string | null;
  otherCauses: string[];
  size: number;
  members: {
    name: string;
    relation: string;
    sex: string;
    age: number;
    idNumber: string;
    education: string | null;
    studentStatus: string | null;
    labourCapacity: string | null;
  }[];
  plan: {
    year: number;
    status: string;
    agreedBy: string | null;
    agreedAt: string | null;
    agreementMethod: string | null;
    declineReason: string | null;
    fits: boolean;
  } | null;
  measures: {
    nameZh: string;
    nameEn: string;
    batch: string;
    amount: number | null;
    responsibleUnit: string | null;
    startDate: string | null;
    deadline: string | null;
    status: string;
  }[];
  cadres: { name: string; workUnit: string; phone: string | null }[];
  policies: CardPolicy[];
}

export interface Cards {
  year: number;
  village: { code: string; name: string; path: string };
  generatedAt: string;
  generatedBy: string;
  headHash: string;
  cards: HouseholdCard[];
}

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

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

/** Paired assistance, decomposed targets and the project library (GET/PUT/POST /api/pairs, /api/targets, /api/projects). */

export interface CategoryYear {
  category: string;
  committed: number;
  delivered: number;
  pct: number | null;
}
export interface Pair {
  id: string;
  kind: string;
  helperName: string;
  helperLevel: string;
  recipientCode: string;
  recipientName: string;
  startYear: number;
  endYear: number | null;
  note: string | null;
  years: { year: number; categories: CategoryYear[] }[];
}

export interface IndicatorProgress {
  indicator: string;
  target: number | null;
  actual: number | null;
  pct: number | null;
}
export interface TargetNode {
  code: string;
  name: string;
  indicators: IndicatorProgress[];
  quality: {
    exits: number;
    heaping: { share: number | null; reference: number | null; ratio: number | null; flagged: boolean };
    exitsWithoutMeasures: number | null;
    withoutMeasuresShare: number | null;
  };
}
export interface TargetTree {
  year: number;
  povertyLine: number;
  heapBand: number;
  measuresAvailable: boolean;
  reference: { share: number | null; households: number };
  node: TargetNode;
  children: TargetNode[];
  splitProblems: {
    indicator: string;
    kind: string;
    regionCode: string;
    parentValue: number;
    childSum: number;
    difference: number;
  }[];
  years: number[];
}

export interface ProjectItem {
  id: string;
  name: string;
  projectType: string;
  villageCode: string;
  villageName: string;
  startYear: number;
  completedOn: string | null;
  operator: string | null;
  linkages: string[];
  allocated: number;
  disbursed: number;
  beneficiaries: number;
  benefitLastYear: number;
  latestStatus: string | null;
  latestCheckedOn: string | null;
  costPerBeneficiary: number | null;
  peerMedian: number | null;
  costRatio: number | null;
  bonsai: boolean;
  idle: string[];
}
export interface ProjectList {
  items: ProjectItem[];
  counts: { all: number; idle: number; bonsai: number };
  funds: { allocated: number; disbursed: number };
  concentration: {
    hhi: number;
    villages: number;
    top: { villageCode: string; villageName: string; funds: number; share: number }[];
  };
}
export interface ProjectDetail extends ProjectItem {
  linkageNote: string;
  version: number;
  indicators: { id: string; name: string; targetValue: number; unit: string }[];
  funds: { id: string; source: string; year: number; allocated: number; disbursed: number }[];
  beneficiaryList: {
    householdId: string;
    householdNo: string;
    headName: string;
    status: string;
    linkageType: string;
    benefits: Record<string, number>;
  }[];
  followups: {
    id: string;
    checkedOn: string;
    operatingStatus: string;
    assetStatus: string;
    incomePersists: boolean;
    revivalPlan: string | null;
    note: string | null;
    recordedBy: string;
  }[];
}
export interface NewProject {
  name: string;
  projectType: string;
  villageCode: string;
  startYear: number;
  operator?: string;
  indicators: { name: string; targetValue: number | null; unit: string }[];
  linkages: string[];
  linkageNote: string;
}
export interface FollowUp {
  checkedOn: string;
  operatingStatus: string;
  assetStatus: string;
  incomePersists: boolean;
  revivalPlan?: string;
  newOperator?: string;
  note?: string;
}
export interface AssistanceSummary {
  year: number;
  targets: IndicatorProgress[];
  funds: { allocated: number; disbursed: number; pct: number | null };
  projects: { all: number; idle: number; bonsai: number };
}

export const usePairs = (region?: string) =>
  useQuery({
    queryKey: ['pairs', region],
    queryFn: ({ signal }) => api<{ items: Pair[] }>('/api/pairs', { query: { region }, signal }),
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

export const useAssistanceSummary = (region?: string) =>
  useQuery({
    queryKey: ['projects', 'summary', region],
    queryFn: ({ signal }) => api<AssistanceSummary>('/api/projects/summary', { query: { region }, signal }),
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

export const useSplitTargets = () =>
  useWrite<{
    year: number;
    indicator: string;
    regionCode: string;
    value?: number;
    children: { regionCode: string; value: number }[];
  }>('PUT', () => '/api/targets/split', [['targets']]);

export const useCreateProject = () => useWrite<NewProject>('POST', () => '/api/projects', [['projects']]);

export const useFollowUp = (id: string) =>
  useWrite<FollowUp>('POST', () => `/api/projects/${id}/followups`, [['projects'], ['audit']]);

export interface NewPair {
  kind: string;
  helperName: string;
  helperLevel: string;
  recipientCode: string;
  startYear: number;
  endYear?: number | null;
  note?: string | null;
}
export interface PairEntry {
  pairId: string;
  year: number;
  category: string;
  amount: number;
}
export interface Fund {
  source: string;
  year: number;
  allocated: number;
  disbursed: number;
}

export const useCreatePair = () => useWrite<NewPair>('POST', () => '/api/pairs', [['pairs'], ['audit']]);

export const useSetCommitment = () =>
  useWrite<PairEntry>(
    'PUT',
    (v) => `/api/pairs/${v.pairId}/commitments`,
    [['pairs'], ['audit']],
    ({ pairId: _p, ...rest }) => rest,
  );

export const useRecordDelivery = () =>
  useWrite<PairEntry & { deliveredOn: string; note?: string }>(
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
  useWrite<{ householdId: string; linkageType: string }>(
    'POST',
    () => `/api/projects/${id}/beneficiaries`,
    projectKeys,
  );

export const useRecordBenefit = (id: string) =>
  useWrite<{ householdId: string; year: number; amount: number }>(
    'PUT',
    () => `/api/projects/${id}/benefits`,
    projectKeys,
  );

export const useCompleteProject = (id: string) =>
  useWrite<{ completedOn: string }>('POST', () => `/api/projects/${id}/complete`, projectKeys);

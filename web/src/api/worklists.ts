import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { CaseKind } from './cases';
import type { Reason } from './rules';

export interface WorklistFilters {
  region?: string;
  rule?: string;
  decision?: string;
  open?: boolean;
  page: number;
  pageSize: number;
}

export interface WorklistItem {
  id: string;
  householdId: string;
  householdNo: string;
  headName: string;
  householdStatus: string;
  villageCode: string;
  villageName: string;
  rule: string;
  decision: string;
  reasons: Reason[];
  caseKind: CaseKind | null;
  caseId: string | null;
  caseState: string | null;
}

export interface WorklistPage {
  run: {
    id: string;
    year: number;
    regionPrefix: string;
    asOf: string;
    finishedAt: string | null;
    households: number;
    items: number;
    startedBy: string;
  } | null;
  total: number;
  page: number;
  pageSize: number;
  counts: { rule: string; decision: string; n: number }[];
  items: WorklistItem[];
}

export function useWorklist(filters: WorklistFilters) {
  return useQuery({
    queryKey: ['worklists', filters],
    queryFn: ({ signal }) => api<WorklistPage>('/api/worklists', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

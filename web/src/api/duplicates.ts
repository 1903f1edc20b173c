import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type DuplicateKind = 'same_id' | 'near_person' | 'same_household';
export const DUPLICATE_KINDS: readonly DuplicateKind[] = ['same_id', 'near_person', 'same_household'];

export interface DuplicateFilters {
  kind: DuplicateKind;
  region?: string;
  unmask?: boolean;
  page: number;
  pageSize: number;
}

export interface DuplicatePerson {
  id: string;
  name: string;
  sex: string;
  idNumber: string;
  birthDate: string;
  relation: string;
  memberStatus: string;
  version: number;
}

export interface DuplicateHousehold {
  id: string;
  householdNo: string;
  villageCode: string;
  villageName: string;
  headName: string;
  size: number;
  status: string;
  version: number;
  members: DuplicatePerson[];
}

export interface DuplicateGroup {
  kind: DuplicateKind;
  key: string;
  villageCode: string;
  villageName: string;
  detail: {
    idDistance: number | null;
    idDiffPositions: number[];
    shared: number | null;
    overlap: number | null;
    sameComposition: boolean | null;
  };
  households: DuplicateHousehold[];
  elsewhere: { villageCode: string; villageName: string }[];
}

export interface DuplicatePage {
  total: number;
  page: number;
  pageSize: number;
  counts: Record<DuplicateKind, number>;
  masked: boolean;
  items: DuplicateGroup[];
}

export function useDuplicates(filters: DuplicateFilters) {
  return useQuery({
    queryKey: ['duplicates', filters],
    queryFn: ({ signal }) => api<DuplicatePage>('/api/duplicates', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    staleTime: filters.unmask ? 0 : 30_000,
    gcTime: filters.unmask ? 0 : 5 * 60_000,
  });
}

function useDuplicateMutation<V, R>(url: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: V) => api<R>(url, { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['duplicates'] });
      void qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

export const useDismissDuplicates = () =>
  useDuplicateMutation<{ kind: DuplicateKind; keys: string[]; reason: string }, { dismissed: number }>(
    '/api/duplicates/dismiss',
  );

export const useMergeHouseholds = () =>
  useDuplicateMutation<
    {
      keepHouseholdId: string;
      removeHouseholdId: string;
      keepVersion: number;
      removeVersion: number;
      reason: string;
    },
    { keptHouseholdId: string; size: number; movedMemberIds: string[] }
  >('/api/duplicates/merge');

export const useMoveOutMember = () =>
  useDuplicateMutation<{ memberId: string; version: number; reason: string }, { memberId: string }>(
    '/api/duplicates/move-out',
  );

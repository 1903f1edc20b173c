import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Reason } from './rules';
import type { Stratum } from '../../../src/domain/evaluation/design';
import type { ProportionEstimate } from '../../../src/domain/evaluation/estimate';

export type { Stratum };
export const STRATA: readonly Stratum[] = ['exited', 'outside_vulnerable', 'outside_other'];
export type CheckStatus = 'pending' | 'checked' | 'unreachable';

export interface SampleSummary {
  id: string;
  region: string;
  regionName: string;
  year: number;
  seed: string;
  villagesPerTownship: number;
  exitedPerVillage: number;
  otherPerVillage: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
  households: number;
  done: number;
}

export interface DrawInput {
  region: string;
  year: number;
  villagesPerTownship: number;
  exitedPerVillage: number;
  otherPerVillage: number;
  seed?: string;
  note?: string;
}

export interface SampledHousehold {
  householdId: string;
  householdNo: string;
  headName: string;
  householdStatus: string;
  householdType: string;
  villageCode: string;
  villageName: string;
  stratum: Stratum;
  weight: number;
  checkStatus: CheckStatus;
  wronglyExited: boolean | null;
  eligibleUnregistered: boolean | null;
  approves: boolean | null;
  note: string | null;
  checkedAt: string | null;
  version: number;
}

/** A design-based proportion with its 95 % interval (the estimator's own type). */
export type { ProportionEstimate };

export interface Estimates {
  wrongExit: ProportionEstimate;
  omission: ProportionEstimate;
  approval: ProportionEstimate;
}

export interface EstimatesResponse {
  overall: Estimates;
  townships: (Estimates & { code: string; name: string })[];
  verdict: {
    rule: string;
    decision: 'may_exit' | 'not_yet' | 'vetoed';
    reasons: (Reason & { conclusive: boolean | null })[];
  };
  incidence: { poorPersons: number; ruralPopulation: number };
  progress: { total: number; checked: number; unreachable: number };
  feedback: {
    grievances: number;
    withFeedback: number;
    shareSatisfied: number | null;
    ratings: number;
    meanRating: number | null;
  };
  thresholds: { wrongExitRate: number; omissionRate: number; minApproval: number };
}

export interface CheckInput {
  version: number;
  checkStatus: 'checked' | 'unreachable';
  wronglyExited?: boolean | null;
  eligibleUnregistered?: boolean | null;
  approves?: boolean | null;
  note?: string | null;
}

export function useSamples() {
  return useQuery({
    queryKey: ['evaluation', 'samples'],
    queryFn: ({ signal }) => api<SampleSummary[]>('/api/evaluation/samples', { signal }),
  });
}

export function useDrawSample() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DrawInput) =>
      api<{ id: string; villages: number; households: number; seed: string }>('/api/evaluation/samples', {
        method: 'POST',
        body,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
}

export function useSampledHouseholds(
  id: string | undefined,
  q: { stratum?: Stratum; status?: CheckStatus; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: ['evaluation', 'households', id, q],
    queryFn: ({ signal }) =>
      api<{ total: number; page: number; pageSize: number; items: SampledHousehold[] }>(
        `/api/evaluation/samples/${id}/households`,
        { query: { ...q }, signal },
      ),
    enabled: !!id,
    placeholderData: keepPreviousData,
  });
}

export function useEstimates(id: string | undefined) {
  return useQuery({
    queryKey: ['evaluation', 'estimates', id],
    queryFn: ({ signal }) => api<EstimatesResponse>(`/api/evaluation/samples/${id}/estimates`, { signal }),
    enabled: !!id,
  });
}

export function useRecordCheck(sampleId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ householdId, body }: { householdId: string; body: CheckInput }) =>
      api<{ version: number; checkStatus: string }>(
        `/api/evaluation/samples/${sampleId}/households/${householdId}`,
        {
          method: 'PUT',
          body,
        },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
}

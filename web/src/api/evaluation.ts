import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Stratum } from '../../../src/domain/evaluation/design';
import type { ProportionEstimate } from '../../../src/domain/evaluation/estimate';
import type { ApiBody, ApiQuery, ApiResponse, Item, Override } from './generated/helpers';

export type { Stratum };
export const STRATA: readonly Stratum[] = ['exited', 'outside_vulnerable', 'outside_other'];
export type CheckStatus = NonNullable<ApiQuery<'/api/evaluation/samples/{id}/households'>['status']>;

export type SampleSummary = Item<ApiResponse<'/api/evaluation/samples'>>;

export type DrawInput = ApiBody<'/api/evaluation/samples', 'post'>;

// the response schema has plain strings for the stratum and the check status
export type SampledHousehold = Override<
  Item<ApiResponse<'/api/evaluation/samples/{id}/households'>['items']>,
  { stratum: Stratum; checkStatus: CheckStatus }
>;

/** A design-based proportion with its 95 % interval (the estimator's own type). */
export type { ProportionEstimate };

export type Estimates = EstimatesResponse['overall'];

type EstimatesAnswer = ApiResponse<'/api/evaluation/samples/{id}/estimates'>;
// the response schema has a plain string for the decision
export type EstimatesResponse = Override<
  EstimatesAnswer,
  { verdict: Override<EstimatesAnswer['verdict'], { decision: 'may_exit' | 'not_yet' | 'vetoed' }> }
>;

export type CheckInput = ApiBody<'/api/evaluation/samples/{id}/households/{householdId}', 'put'>;

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
      api<ApiResponse<'/api/evaluation/samples', 'post'>>('/api/evaluation/samples', {
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
      api<Override<ApiResponse<'/api/evaluation/samples/{id}/households'>, { items: SampledHousehold[] }>>(
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
      api<ApiResponse<'/api/evaluation/samples/{id}/households/{householdId}', 'put'>>(
        `/api/evaluation/samples/${sampleId}/households/${householdId}`,
        {
          method: 'PUT',
          body,
        },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['evaluation'] }),
  });
}

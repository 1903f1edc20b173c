import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Knowledge (issue 21): the policy library, the explained regional catalogue, a household's eligible measures. */
export type PolicyDocumentSummary = Item<ApiResponse<'/api/policy-library/documents'>>;
export type PolicyDocumentDetail = ApiResponse<'/api/policy-library/documents/{id}'>;
export type NewPolicyDocument = ApiBody<'/api/policy-library/documents', 'post'>;
export type ExplainedEntry = Item<ApiResponse<'/api/plans/catalogue'>>;
export type NewCatalogueEntry = ApiBody<'/api/plans/catalogue', 'post'>;
export type EligibleMeasures = ApiResponse<'/api/households/{id}/eligible-measures'>;
export type EligibleMeasure = Item<EligibleMeasures['measures']>;
export type Decision = EligibleMeasure['decision'];

export function usePolicyDocuments(q: string) {
  return useQuery({
    queryKey: ['knowledge', 'documents', q],
    queryFn: ({ signal }) =>
      api<PolicyDocumentSummary[]>('/api/policy-library/documents', { query: { q: q || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePolicyDocument(id: string | null) {
  return useQuery({
    queryKey: ['knowledge', 'document', id],
    queryFn: ({ signal }) =>
      api<PolicyDocumentDetail>(`/api/policy-library/documents/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPolicyDocument) =>
      api<PolicyDocumentDetail>('/api/policy-library/documents', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['knowledge', 'documents'] }),
  });
}

export function useRegionalCatalogue() {
  return useQuery({
    queryKey: ['knowledge', 'catalogue'],
    queryFn: ({ signal }) => api<ExplainedEntry[]>('/api/plans/catalogue', { signal }),
  });
}

export function useCreateCatalogueEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCatalogueEntry) =>
      api<ExplainedEntry>('/api/plans/catalogue', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['knowledge', 'catalogue'] });
      void qc.invalidateQueries({ queryKey: ['plans'] });
    },
  });
}

export function useEligibleMeasures(householdId: string) {
  return useQuery({
    queryKey: ['knowledge', 'eligible', householdId],
    queryFn: ({ signal }) =>
      api<EligibleMeasures>(`/api/households/${encodeURIComponent(householdId)}/eligible-measures`, {
        signal,
      }),
  });
}

export type BasisLink = Item<ApiResponse<'/api/policy-library/basis'>>;

/** The policy basis of every rule and parameter (small: read once per session). */
export function usePolicyBasis() {
  return useQuery({
    queryKey: ['knowledge', 'basis'],
    queryFn: ({ signal }) => api<BasisLink[]>('/api/policy-library/basis', { signal }),
    staleTime: 10 * 60_000,
  });
}

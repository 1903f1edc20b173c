import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiQuery, ApiResponse, Item } from './generated/helpers';

/** The practice library (案例库, issue 21 item 3) and cadres' training records (item 8). */
export type Practice = ApiResponse<'/api/practices/{id}'>;
export type PracticeFilter = ApiQuery<'/api/practices'>;
export type NewPractice = ApiBody<'/api/practices', 'post'>;
export type PracticeReview = ApiBody<'/api/practices/{id}/review', 'post'>;
export type RelevantPractice = Item<ApiResponse<'/api/practices/relevant'>>;
export type Training = Item<ApiResponse<'/api/cadres/{id}/training'>>;
export type NewTraining = ApiBody<'/api/cadres/{id}/training', 'post'>;
export type TrainingSummary = ApiResponse<'/api/training/summary'>;

export function usePractices(filter: PracticeFilter) {
  return useQuery({
    queryKey: ['practices', 'list', filter],
    queryFn: ({ signal }) => api<Practice[]>('/api/practices', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePractice(id: string | null) {
  return useQuery({
    queryKey: ['practices', 'one', id],
    queryFn: ({ signal }) => api<Practice>(`/api/practices/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== null,
  });
}

/** Practices relevant to a household (plan drafting) or a project (the project library). */
export function useRelevantPractices(subject: { householdId?: string; projectId?: string }) {
  return useQuery({
    queryKey: ['practices', 'relevant', subject.householdId ?? null, subject.projectId ?? null],
    queryFn: ({ signal }) =>
      api<RelevantPractice[]>('/api/practices/relevant', { query: { ...subject }, signal }),
    enabled: !!(subject.householdId || subject.projectId),
  });
}

export function useCreatePractice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPractice) => api<Practice>('/api/practices', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['practices'] }),
  });
}

export function useReviewPractice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: PracticeReview & { id: string }) =>
      api<Practice>(`/api/practices/${encodeURIComponent(id)}/review`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['practices'] }),
  });
}

export function useTrainings(cadreId: string | null) {
  return useQuery({
    queryKey: ['training', cadreId],
    queryFn: ({ signal }) =>
      api<Training[]>(`/api/cadres/${encodeURIComponent(cadreId ?? '')}/training`, { signal }),
    enabled: cadreId !== null,
  });
}

export function useRecordTraining(cadreId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTraining) =>
      api<Training>(`/api/cadres/${encodeURIComponent(cadreId)}/training`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['training'] }),
  });
}

export function useTrainingSummary(region?: string) {
  return useQuery({
    queryKey: ['training', 'summary', region ?? null],
    queryFn: ({ signal }) => api<TrainingSummary>('/api/training/summary', { query: { region }, signal }),
  });
}

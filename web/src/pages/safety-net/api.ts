import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiBody, ApiQuery, ApiResponse, Item } from '../../api/generated/helpers';

/** The safety net's API (src/modules/safety-net, src/modules/linkage-board) for the civil-affairs pages. */
export type RollQuery = ApiQuery<'/api/safety-net/rolls'>;
export type RollList = ApiResponse<'/api/safety-net/rolls'>;
export type RollItem = Item<RollList['items']>;
export type RollDetail = ApiResponse<'/api/safety-net/rolls/{id}'>;
export type ReviewResult = ApiResponse<'/api/safety-net/rolls/{id}/review', 'post'>;
export type ReviewBody = ApiBody<'/api/safety-net/rolls/{id}/review', 'post'>;
export type CeaseBody = ApiBody<'/api/safety-net/rolls/{id}/cease', 'post'>;
export type TemporaryQuery = ApiQuery<'/api/safety-net/temporary'>;
export type TemporaryItem = Item<ApiResponse<'/api/safety-net/temporary'>['items']>;
export type TemporaryDecide = ApiBody<'/api/safety-net/temporary/{id}/decide', 'post'>;
export type SectoralItem = Item<ApiResponse<'/api/safety-net/sectoral'>['items']>;
export type PaymentList = Item<ApiResponse<'/api/safety-net/payments'>['items']>;
export type PaymentLine = Item<ApiResponse<'/api/safety-net/payments/{id}/lines'>['items']>;
export type Board = ApiResponse<'/api/linkage-board'>;
export type BoardQuery = ApiQuery<'/api/linkage-board'>;
export type Drill = ApiResponse<'/api/linkage-board/households'>;
export type DrillQuery = ApiQuery<'/api/linkage-board/households'>;

const SN = ['safety-net'] as const;

export const useRolls = (q: RollQuery, enabled = true) =>
  useQuery({
    queryKey: [...SN, 'rolls', q],
    queryFn: ({ signal }) => api<RollList>('/api/safety-net/rolls', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useReviewsDue = (q: ApiQuery<'/api/safety-net/reviews-due'>) =>
  useQuery({
    queryKey: [...SN, 'reviews-due', q],
    queryFn: ({ signal }) => api<RollList>('/api/safety-net/reviews-due', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const useRollEntry = (id: string) =>
  useQuery({
    queryKey: [...SN, 'roll', id],
    queryFn: ({ signal }) => api<RollDetail>(`/api/safety-net/rolls/${id}`, { signal }),
  });

/** Review or cease an entry; every safety-net list is refetched (rolls, reviews due, payments). */
export function useRollDecision(id: string) {
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: SN });
  return {
    review: useMutation({
      mutationFn: (body: ReviewBody) =>
        api<ReviewResult>(`/api/safety-net/rolls/${id}/review`, { method: 'POST', body }),
      onSuccess: done,
    }),
    cease: useMutation({
      mutationFn: (body: CeaseBody) =>
        api<RollDetail>(`/api/safety-net/rolls/${id}/cease`, { method: 'POST', body }),
      onSuccess: done,
    }),
  };
}

export const useTemporary = (q: TemporaryQuery, enabled = true) =>
  useQuery({
    queryKey: [...SN, 'temporary', q],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/safety-net/temporary'>>('/api/safety-net/temporary', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });

export function useTemporaryDecide() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TemporaryDecide }) =>
      api<TemporaryItem>(`/api/safety-net/temporary/${id}/decide`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SN }),
  });
}

export const useSectoral = (q: ApiQuery<'/api/safety-net/sectoral'>, enabled = true) =>
  useQuery({
    queryKey: [...SN, 'sectoral', q],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/safety-net/sectoral'>>('/api/safety-net/sectoral', { query: { ...q }, signal }),
    enabled,
  });

export const usePaymentLists = (q: ApiQuery<'/api/safety-net/payments'>) =>
  useQuery({
    queryKey: [...SN, 'payments', q],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/safety-net/payments'>>('/api/safety-net/payments', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const usePaymentLines = (id: string | undefined, q: ApiQuery<'/api/safety-net/payments/{id}/lines'>) =>
  useQuery({
    queryKey: [...SN, 'payment-lines', id, q],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/safety-net/payments/{id}/lines'>>(`/api/safety-net/payments/${id}/lines`, {
        query: { ...q },
        signal,
      }),
    enabled: id !== undefined,
    placeholderData: keepPreviousData,
  });

export const useReconcile = (id: string | undefined) =>
  useQuery({
    queryKey: [...SN, 'reconcile', id],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/safety-net/payments/{id}/reconcile'>>(
        `/api/safety-net/payments/${id}/reconcile`,
        {
          signal,
        },
      ),
    enabled: id !== undefined,
  });

export function useMakePaymentList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/safety-net/payments', 'post'>) =>
      api<PaymentList>('/api/safety-net/payments', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: SN }),
  });
}

export const useBoard = (q: BoardQuery) =>
  useQuery({
    queryKey: ['linkage-board', q],
    queryFn: ({ signal }) => api<Board>('/api/linkage-board', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const useDrill = (q: DrillQuery | null) =>
  useQuery({
    queryKey: ['linkage-board', 'drill', q],
    queryFn: ({ signal }) => api<Drill>('/api/linkage-board/households', { query: { ...q! }, signal }),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });

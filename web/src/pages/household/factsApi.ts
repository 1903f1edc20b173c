import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ApiBody, ApiResponse, Item } from '../../api/generated/helpers';

/** The recorded facts' API (src/modules/household-facts, docs/facts.md). */
export type HouseholdFacts = ApiResponse<'/api/households/{id}/facts'>;
export type Fact = Item<HouseholdFacts['facts']>;
export type FactBody = ApiBody<'/api/households/{id}/facts', 'post'>;
export type CorrectionBody = ApiBody<'/api/households/{id}/facts/{factId}/correct', 'post'>;
export type Queue = ApiResponse<'/api/facts/queue'>;
export type QueueItem = Item<Queue['items']>;

const FACTS = ['facts'] as const;

export const useHouseholdFacts = (householdId: string) =>
  useQuery({
    queryKey: [...FACTS, 'household', householdId],
    queryFn: ({ signal }) => api<HouseholdFacts>(`/api/households/${householdId}/facts`, { signal }),
  });

export const useFactQueue = (region?: string) =>
  useQuery({
    queryKey: [...FACTS, 'queue', region ?? ''],
    queryFn: ({ signal }) => api<Queue>('/api/facts/queue', { query: region ? { region } : {}, signal }),
  });

/** Record a fact, or correct one (`correcting`); every facts list and the household's rules refetch. */
export function useRecordFact(householdId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, correcting }: { body: FactBody; correcting: string | null }) =>
      correcting === null
        ? api<Fact>(`/api/households/${householdId}/facts`, { method: 'POST', body })
        : api<Fact>(`/api/households/${householdId}/facts/${correcting}/correct`, {
            method: 'POST',
            body: { ...body, kind: undefined, memberId: undefined } as CorrectionBody,
          }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: FACTS });
      void qc.invalidateQueries({ queryKey: ['rules'] });
    },
  });
}

/** Confirm or reject a proposal from the queue. */
export function useDecideFact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, confirm, note }: { id: string; confirm: boolean; note?: string }) =>
      api<Fact>(`/api/facts/${id}/${confirm ? 'confirm' : 'reject'}`, {
        method: 'POST',
        body: note ? { note } : {},
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: FACTS }),
  });
}

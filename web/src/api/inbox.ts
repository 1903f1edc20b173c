import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse } from './generated/helpers';

/** The signed-in user's inbox (待办) and "what to do next" per household (docs/inbox.md). */
export type InboxPage = ApiResponse<'/api/inbox'>;
export type InboxItem = InboxPage['items'][number];
export type InboxCounts = ApiResponse<'/api/inbox/counts'>;
export type NextStep = ApiResponse<'/api/households/{id}/next'>['steps'][number];

/** Refreshed every five minutes while the app is open (reminders come nearer as the day turns). */
const REFRESH_MS = 300_000;

export function useInbox(enabled = true) {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: ({ signal }) => api<InboxPage>('/api/inbox', { signal }),
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

export function useInboxCounts(enabled = true) {
  return useQuery({
    queryKey: ['inbox', 'counts'],
    queryFn: ({ signal }) => api<InboxCounts>('/api/inbox/counts', { signal }),
    refetchInterval: REFRESH_MS,
    enabled,
  });
}

export function useHouseholdNext(householdId: string) {
  return useQuery({
    queryKey: ['inbox', 'next', householdId],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/households/{id}/next'>>(`/api/households/${householdId}/next`, { signal }),
  });
}

/** The next steps of several households at once (a page of 我的帮扶户, at most 200). */
export function useNextFor(householdIds: readonly string[]) {
  const ids = householdIds.slice(0, 200);
  return useQuery({
    queryKey: ['inbox', 'next', ids.join(',')],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/inbox/next'>>('/api/inbox/next', {
        query: { households: ids.join(',') },
        signal,
      }),
    enabled: ids.length > 0,
  });
}

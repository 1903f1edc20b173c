import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { User } from './auth';
import type { ApiQuery, ApiResponse, Item } from './generated/helpers';

/** What worked (issue 21 item 4; docs/what-worked.md). */
export type OutcomesResult = ApiResponse<'/api/outcomes'>;
export type OutcomeCell = Item<OutcomesResult['cells']>;
export type OutcomeEstimate = OutcomeCell['outcomes']['incomeChange'];
export type OutcomesQuery = ApiQuery<'/api/outcomes'>;

/** Who is shown the page in the menu and the catalogue's link to it: township and county offices. */
export const mayReadOutcomes = (user: Pick<User, 'role'>): boolean =>
  user.role === 'township_officer' || user.role === 'county_officer' || user.role === 'admin';

/** `enabled`: false until the region is a county or smaller (the server refuses wider ones). */
export function useOutcomes(query: OutcomesQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['outcomes', query],
    queryFn: ({ signal }) => api<OutcomesResult>('/api/outcomes', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type Reason = Item<RuleResult['reasons']>;

export type RuleResult = Item<HouseholdEvaluation['results']>;

export type HouseholdEvaluation = ApiResponse<'/api/households/{id}/evaluation'>;

/** Every policy rule on one household, with reasons (zh and en) and notes on missing facts. */
export function useHouseholdEvaluation(id: string) {
  return useQuery({
    queryKey: ['rules', 'household', id],
    queryFn: ({ signal }) =>
      api<HouseholdEvaluation>(`/api/households/${encodeURIComponent(id)}/evaluation`, { signal }),
  });
}

/** A rule's decision as one key: a string decision, a status, or the linkage gaps. */
export function decisionKey(d: unknown): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && 'status' in d) return String((d as { status: unknown }).status);
  if (d && typeof d === 'object' && 'gaps' in d) {
    const gaps = (d as { gaps: string[] }).gaps;
    return gaps.length ? gaps.join(',') : 'none';
  }
  return '';
}

import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError, withQuery } from './client';
import { useCodeLists } from './codeLists';
import { useLang } from '../i18n';
import type { ApiBody, ApiQuery, ApiResponse, Item, Override } from './generated/helpers';

export type FlagStatus = NonNullable<ApiQuery<'/api/matching/flags'>['status']>;
export type MatchType = NonNullable<ApiQuery<'/api/matching/flags'>['matchType']>;

export interface FlagFilters {
  region?: string;
  status?: FlagStatus;
  kind?: string;
  matchType?: MatchType;
  listId?: string;
  page: number;
  pageSize: number;
}

type FlagsAnswer = ApiResponse<'/api/matching/flags'>;
// the response schema has plain strings for the match type and the status
export type Flag = Override<Item<FlagsAnswer['items']>, { matchType: MatchType; status: FlagStatus }>;

export type FlagPage = Override<FlagsAnswer, { items: Flag[] }>;

// the response schema has plain strings for the match type and the status
export type SummaryRow = Override<
  Item<ApiResponse<'/api/matching/summary'>['items']>,
  { matchType: MatchType; status: FlagStatus }
>;

export type DepartmentList = Item<ApiResponse<'/api/matching/lists'>['items']>;

export type ImportReport = ApiResponse<'/api/matching/lists', 'post'>;

/** The kinds of department lists, in the order of the code list (the server's own list). */
export { LIST_KINDS } from '../../../src/domain/matching/kinds';

type MatchList = 'match_list_kind' | 'match_flag_kind' | 'match_effect' | 'match_type' | 'match_status';

/** Labels of the matching code lists (served with the others by /api/code-lists). */
export function useMatchLabel() {
  const { data } = useCodeLists();
  const lang = useLang();
  return useCallback(
    (list: MatchList, code: string | null | undefined) => {
      if (!code) return '—';
      const e = data?.[list]?.find((x) => x.code === code);
      return e ? (lang === 'en' ? e.en : e.zh) : code;
    },
    [data, lang],
  );
}

export function useFlags(filters: FlagFilters) {
  return useQuery({
    queryKey: ['matching', 'flags', filters],
    queryFn: ({ signal }) => api<FlagPage>('/api/matching/flags', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMatchingSummary(region?: string) {
  return useQuery({
    queryKey: ['matching', 'summary', region ?? ''],
    queryFn: ({ signal }) =>
      api<Override<ApiResponse<'/api/matching/summary'>, { items: SummaryRow[] }>>('/api/matching/summary', {
        query: { region },
        signal,
      }),
  });
}

export function useDepartmentLists(page: number, pageSize = 10) {
  return useQuery({
    queryKey: ['matching', 'lists', page, pageSize],
    queryFn: ({ signal }) =>
      api<ApiResponse<'/api/matching/lists'>>('/api/matching/lists', {
        query: { page, pageSize },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useHouseholdFlags(householdId: string) {
  return useQuery({
    queryKey: ['matching', 'household', householdId],
    queryFn: ({ signal }) =>
      api<Override<ApiResponse<'/api/households/{id}/flags'>, { items: Flag[] }>>(
        `/api/households/${encodeURIComponent(householdId)}/flags`,
        { signal },
      ),
  });
}

export function useReviewFlag() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string } & ApiBody<'/api/matching/flags/{id}/review', 'post'>) =>
      api<Flag>(`/api/matching/flags/${encodeURIComponent(v.id)}/review`, {
        method: 'POST',
        body: { decision: v.decision, reason: v.reason },
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['matching'] }),
  });
}

/** Send a list file as the request body (the API takes application/octet-stream, not multipart). */
async function uploadList(v: {
  file: File;
  kind: string;
  department?: string;
  region?: string;
}): Promise<ImportReport> {
  const url = withQuery('/api/matching/lists', {
    kind: v.kind,
    department: v.department,
    filename: v.file.name,
    region: v.region,
  });
  const res = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
    body: v.file,
  });
  const body = (await res.json().catch(() => null)) as
    (ImportReport & { code?: undefined }) | { code: string; message: string; details?: unknown } | null;
  if (!res.ok) {
    if (body && typeof body.code === 'string')
      throw new ApiError(res.status, body.code, body.message, body.details);
    throw new ApiError(res.status, `HTTP_${res.status}`, res.statusText);
  }
  return body as ImportReport;
}

export function useUploadList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: uploadList,
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['matching'] }),
  });
}

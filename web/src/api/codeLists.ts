import { useCallback, useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { useLang } from '../i18n';
import type { ApiResponse, Item } from './generated/helpers';

export type CodeEntry = Item<CodeLists[string]>;

export type CodeListName =
  | 'household_status'
  | 'household_type'
  | 'poverty_cause'
  | 'sex'
  | 'relation'
  | 'ethnicity'
  | 'education'
  | 'student_status'
  | 'health'
  | 'labour_capacity'
  | 'member_status'
  | 'house_structure'
  | 'house_grade'
  | 'fuel'
  | 'industry_type'
  | 'monitoring_category'
  | 'id_standard';

export type CodeLists = ApiResponse<'/api/code-lists'>;

export function useCodeLists() {
  return useQuery({
    queryKey: ['code-lists'],
    queryFn: ({ signal }) => api<CodeLists>('/api/code-lists', { signal }),
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export type CodeLabel = (list: CodeListName, code: string | null | undefined) => string;

/** Labels of codes in the current language; an unknown code shows as itself, null as '—'. */
export function useCodeLabel(): CodeLabel {
  const { data } = useCodeLists();
  const lang = useLang();
  return useCallback(
    (list, code) => {
      if (code === null || code === undefined || code === '') return '—';
      const entry = data?.[list]?.find((e) => e.code === code);
      if (!entry) return code;
      return lang === 'en' ? entry.en : entry.zh;
    },
    [data, lang],
  );
}

/** `{ value, label }` options of a code list for a Select. */
export function useCodeOptions(list: CodeListName): { value: string; label: string }[] {
  const { data } = useCodeLists();
  const lang = useLang();
  return useMemo(
    () => (data?.[list] ?? []).map((e) => ({ value: e.code, label: lang === 'en' ? e.en : e.zh })),
    [data, list, lang],
  );
}

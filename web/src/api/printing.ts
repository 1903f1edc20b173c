import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from './client';
import type { ApiResponse } from './generated/helpers';

/** Official printouts (docs/printing.md): notices' supervision lines, batch notices, report PDFs. */
export type Supervision = ApiResponse<'/api/notices/supervision'>;
export type BatchNotices = ApiResponse<'/api/notices/batch'>;
export type BatchRound = BatchNotices['rounds'][number];
export type NoticeKind = 'identification' | 'exit' | 'monitoring' | 'dibao' | 'tekun';

export const useSupervision = (region: string | undefined) =>
  useQuery({
    queryKey: ['notices', 'supervision', region ?? ''],
    queryFn: ({ signal }) => api<Supervision>('/api/notices/supervision', { query: { region }, signal }),
    staleTime: 5 * 60_000,
  });

export const useBatchNotices = (region: string, kind: NoticeKind) =>
  useQuery({
    queryKey: ['notices', 'batch', region, kind],
    queryFn: ({ signal }) => api<BatchNotices>('/api/notices/batch', { query: { region, kind }, signal }),
    enabled: region.length === 9 || region.length === 12,
  });

/** The report's PDF in the paper's language (the server renders it with a CJK font of its own). */
export const reportPdfUrl = (kind: string, region: string | undefined, year: number, lang: 'zh' | 'en') =>
  withQuery(`/api/reports/${kind}/pdf`, { region, year, lang });

/** The batch notices of a round as one PDF in the paper's language. */
export const batchNoticePdfUrl = (region: string, kind: NoticeKind, lang: 'zh' | 'en') =>
  withQuery('/api/notices/batch/pdf', { region, kind, lang });

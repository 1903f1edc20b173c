import { useMutation, useQuery } from '@tanstack/react-query';
import { api, ApiError, NETWORK_ERROR, withQuery } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export type ImportErrorItem = Item<ImportReportView['errors']>;

export type Facet = Item<ImportReportView['codes']>;

export type ImportReportView = NonNullable<ImportJob['report']>;

export type ImportJob = ApiResponse<'/api/imports/{id}'>;

export interface ErrorFilters {
  code?: string;
  column?: string;
  errorsPage: number;
  errorsPageSize: number;
}

export interface StartImport {
  file: File;
  acceptValid: boolean;
  dryRun: boolean;
  /** Upload progress, 0–1. */
  onProgress?: (fraction: number) => void;
}

export const importTemplateUrl = '/api/imports/template.xlsx';
export const reportXlsxUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report.xlsx`;
export const reportJsonUrl = (id: string) => `/api/imports/${encodeURIComponent(id)}/report.json`;

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const body = JSON.parse(xhr.responseText) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string')
      return new ApiError(xhr.status, body.code, String(body.message ?? ''), body.details);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(xhr.status, `HTTP_${xhr.status}`, xhr.statusText || `HTTP ${xhr.status}`);
}

/**
 * Upload the file as the request body (the API takes application/octet-stream, not multipart)
 * with XMLHttpRequest, whose upload events give the progress that fetch does not.
 */
function startImport(v: StartImport): Promise<{ id: string }> {
  const url = withQuery('/api/imports', {
    filename: v.file.name,
    acceptValid: v.acceptValid,
    dryRun: v.dryRun,
  });
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) v.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 202) resolve(JSON.parse(xhr.responseText) as { id: string });
      else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Network error'));
    xhr.send(v.file);
  });
}

export function useStartImport() {
  return useMutation({ mutationFn: startImport });
}

/** An import job, polled every second while it runs; its report with one page of errors. */
export function useImportJob(id: string | undefined, filters: ErrorFilters) {
  return useQuery({
    queryKey: ['imports', id, filters],
    queryFn: ({ signal }) =>
      api<ImportJob>(`/api/imports/${encodeURIComponent(id!)}`, { query: { ...filters }, signal }),
    enabled: !!id,
    // keep the table while another page or filter loads, but never show another job's data
    placeholderData: (prev, prevQuery) => (prevQuery?.queryKey[1] === id ? prev : undefined),
    staleTime: Infinity, // a finished job does not change
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
}

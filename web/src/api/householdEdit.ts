import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, withQuery } from './client';
import type { HouseholdFilters, HouseholdRecord } from './households';

/** What every edit answers (and what a 409 carries in `details.current`): the household as it now is. */
export type EditResult = Pick<HouseholdRecord, 'household' | 'members' | 'years' | 'statusHistory'>;

export type Body = Record<string, unknown> & { version: number; reason?: string };

/** One edit: the method, the path below `/api/households/:id`, and the body. */
export interface EditRequest {
  method: 'PATCH' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body: Body;
}

export const editRequests = {
  household: (body: Body): EditRequest => ({ method: 'PATCH', path: '', body }),
  member: (memberId: string, body: Body): EditRequest => ({
    method: 'PATCH',
    path: `/members/${memberId}`,
    body,
  }),
  addMember: (body: Body): EditRequest => ({ method: 'POST', path: '/members', body }),
  removeMember: (memberId: string, body: Body): EditRequest => ({
    method: 'DELETE',
    path: `/members/${memberId}`,
    body,
  }),
  year: (year: number, body: Body): EditRequest => ({ method: 'PUT', path: `/years/${year}`, body }),
  status: (body: Body): EditRequest => ({ method: 'POST', path: '/status', body }),
};

/** Send an edit of one household; on success the household, the lists and the audit log are reloaded. */
export function useEditHousehold(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (r: EditRequest) =>
      api<EditResult>(`/api/households/${encodeURIComponent(id)}${r.path}`, {
        method: r.method,
        body: r.body,
      }),
    onSuccess: () =>
      qc.invalidateQueries({ predicate: (q) => ['households', 'audit'].includes(String(q.queryKey[0])) }),
  });
}

/** The current record sent with a 409 E_CONFLICT, or null for any other error. */
export function conflictOf(e: unknown): EditResult | null {
  if (!isApiError(e) || e.status !== 409) return null;
  const current = (e.details as { current?: EditResult } | undefined)?.current;
  return current ?? null;
}

/** Field errors of a 400: `[{ field: 'body.x', code, message }]` → `{ x: message }`. */
export function fieldErrorsOf(e: unknown): { field: string; message: string }[] {
  if (!isApiError(e) || e.status !== 400 || !Array.isArray(e.details)) return [];
  return (e.details as { field?: string; message?: string }[])
    .filter((d) => typeof d.field === 'string')
    .map((d) => ({ field: d.field!.replace(/^body\./, ''), message: d.message ?? '' }));
}

export interface ExportChoice {
  format: 'csv' | 'xlsx';
  layout: 'list' | 'roster';
  unmask?: boolean;
}

/** The download address of an export of the list as filtered (no paging). */
export function exportUrl(f: HouseholdFilters, c: ExportChoice): string {
  return withQuery('/api/households/export', {
    region: f.region,
    status: f.status,
    type: f.type,
    cause: f.cause,
    q: f.q,
    format: c.format,
    layout: c.layout,
    unmask: c.unmask ? 'true' : undefined,
  });
}

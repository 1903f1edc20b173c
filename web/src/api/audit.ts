import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

export interface AuditEvent {
  id: string;
  at: string;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  hash: string;
}

export interface AuditPage {
  total: number;
  page: number;
  pageSize: number;
  headHash: string;
  items: AuditEvent[];
}

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api<AuditPage>('/api/audit', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

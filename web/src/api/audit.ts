import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ApiResponse, Item } from './generated/helpers';

export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  action?: string;
  page: number;
  pageSize: number;
}

export type AuditEvent = Item<AuditPage['items']>;

export type AuditPage = ApiResponse<'/api/audit'>;

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => api<AuditPage>('/api/audit', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

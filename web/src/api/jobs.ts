import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

export type Job = Item<ApiResponse<'/api/jobs'>['items']>;
export type JobKind = Job['kind'];

/**
 * The latest background jobs of a region and kind, read from the server (so a reload finds a running
 * job again); polled every second while one runs.
 */
export function useJobs(region: string, kind: JobKind) {
  return useQuery({
    queryKey: ['jobs', region, kind],
    queryFn: ({ signal }) => api<ApiResponse<'/api/jobs'>>('/api/jobs', { query: { region, kind }, signal }),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.status === 'running') ? 1000 : false),
  });
}

export function useStartJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/jobs', 'post'>) =>
      api<ApiResponse<'/api/jobs', 'post'>>('/api/jobs', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';
import { meKey } from './auth';

/** User administration (admins and county officers) and one's own password. */
export type UserPage = ApiResponse<'/api/users'>;
export type UserRow = Item<UserPage['items']>;
export type NewUser = ApiBody<'/api/users', 'post'>;
export type UserChange = ApiBody<'/api/users/{id}', 'patch'>;
export type WithPassword = ApiResponse<'/api/users', 'post'>;

export interface UserFilters {
  q?: string;
  role?: string;
  page: number;
  pageSize: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', filters],
    queryFn: ({ signal }) => api<UserPage>('/api/users', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: ['users'] }) });
}

export const useCreateUser = () =>
  useUserMutation((body: NewUser) => api<WithPassword>('/api/users', { method: 'POST', body }));

export const useChangeUser = () =>
  useUserMutation(({ id, ...body }: UserChange & { id: string }) =>
    api<UserRow>(`/api/users/${id}`, { method: 'PATCH', body }),
  );

export const useSetDisabled = () =>
  useUserMutation(({ id, disabled }: { id: string; disabled: boolean }) =>
    api<UserRow>(`/api/users/${id}/disabled`, { method: 'PUT', body: { disabled } }),
  );

export const useResetPassword = () =>
  useUserMutation(({ id, password }: { id: string; password?: string }) =>
    api<WithPassword>(`/api/users/${id}/password-reset`, {
      method: 'POST',
      body: password ? { password } : {},
    }),
  );

/** Change one's own password; afterwards the session is no longer limited (auth/me is read again). */
export function useChangeOwnPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/auth/password', 'post'>) =>
      api<{ ok: true }>('/api/auth/password', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permissions, Role } from '../../../src/domain/roles';
import { api, isUnauthenticated } from './client';
import { clearOfflineData } from '../offline/store';
import type { ApiBody, ApiResponse } from './generated/helpers';

// the server's own types (type-only: nothing of the server is bundled)
export type { Permissions, Role };

export type RegionScope = User['scope'];

export type User = Omit<ApiResponse<'/api/auth/me'>['user'], 'role' | 'permissions'> & {
  role: Role;
  /** What this role may do (the server's src/domain/roles.ts; it checks again on every request). */
  permissions: Permissions;
};

export const meKey = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session. */
export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }): Promise<User | null> => {
      try {
        return (await api<{ user: User }>('/api/auth/me', { signal })).user;
      } catch (e) {
        if (isUnauthenticated(e)) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** The signed-in user where a layout guarantees one (inside RequireAuth). */
export function useUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useUser outside an authenticated page');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ApiBody<'/api/auth/login', 'post'>) =>
      api<{ user: User }>('/api/auth/login', { method: 'POST', body }),
    onSuccess: ({ user }) => {
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'code-lists' });
      qc.setQueryData(meKey, user);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<ApiResponse<'/api/auth/logout', 'post'>>('/api/auth/logout', { method: 'POST', body: {} }),
    onSettled: () => {
      // the households and code lists kept on the device for offline work (docs/offline.md)
      void clearOfflineData();
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'code-lists' && q.queryKey[0] !== 'auth' });
      qc.setQueryData(meKey, null);
    },
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiBody, ApiResponse, Item } from './generated/helpers';

/** Regional settings (issue 21): inspection limits, grievance deadlines, warning weights. */
export type SettingsView = ApiResponse<'/api/settings'>;
export type Setting = Item<SettingsView['settings']>;
export type SettingValue = Item<Setting['values']>;
export type SettingKey = Setting['key'];
export type SetSetting = ApiBody<'/api/settings/{key}', 'put'>;

export function useSettings(region: string | undefined) {
  return useQuery({
    queryKey: ['settings', region ?? ''],
    queryFn: ({ signal }) => api<SettingsView>('/api/settings', { query: { region }, signal }),
  });
}

export function useSetSetting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ key, body }: { key: SettingKey; body: SetSetting }) =>
      api<SettingsView>(`/api/settings/${key}`, { method: 'PUT', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['settings'] }),
  });
}

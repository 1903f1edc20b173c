import { useTranslation } from 'react-i18next';
import { todayChina } from '../../i18n/format';

/**
 * A code from the API (a plain string in the response schema) as its label under an i18n path
 * (`safetyNet.state` + `active` → 在保); an unknown code shows as itself, a missing one as a dash.
 */
export function useCodeLabel() {
  const { t, i18n } = useTranslation();
  const tr = t as unknown as (key: string) => string;
  return (path: string, code: string | null | undefined): string => {
    if (code === null || code === undefined || code === '') return '—';
    const key = `${path}.${code}`;
    return i18n.exists(key) ? tr(key) : code;
  };
}

/** `2026-03-01` → `2026-03`. */
export const monthOf = (iso: string | null | undefined): string => (iso ? iso.slice(0, 7) : '—');

/** The first day of the month `n` months after the month of an ISO day. */
export function monthAfter(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** Today in China as ISO (for default months; the server decides with its own clock). */
export const todayIso = (): string => todayChina();

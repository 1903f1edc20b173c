import { useMemo } from 'react';
import { useLang } from './index';

export interface Formatters {
  /** Integer or decimal with grouping: 12,345. */
  number: (n: number | null | undefined, maxFractionDigits?: number) => string;
  /** A fraction 0–1 as a percentage: 0.0345 → 3.45%. */
  percent: (fraction: number | null | undefined, fractionDigits?: number) => string;
  /** Yuan: ¥4,200. */
  money: (n: number | null | undefined) => string;
  /** A calendar date 'YYYY-MM-DD' (no time zone shift). */
  date: (iso: string | null | undefined) => string;
  /** An instant (ISO timestamp) in the browser's time zone. */
  dateTime: (iso: string | null | undefined) => string;
}

const EMPTY = '—';

/** Number and date formatting through Intl for the current language. */
export function useFormat(): Formatters {
  const lang = useLang();
  return useMemo(() => makeFormatters(lang), [lang]);
}

export function makeFormatters(locale: string): Formatters {
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'CNY',
    maximumFractionDigits: 0,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const isNum = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
  return {
    number: (n, maxFractionDigits = 2) =>
      isNum(n)
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(n)
        : EMPTY,
    percent: (f, fractionDigits = 2) =>
      isNum(f)
        ? new Intl.NumberFormat(locale, {
            style: 'percent',
            minimumFractionDigits: fractionDigits,
            maximumFractionDigits: fractionDigits,
          }).format(f)
        : EMPTY,
    money: (n) => (isNum(n) ? money.format(n) : EMPTY),
    date: (iso) => {
      if (!iso) return EMPTY;
      const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : date.format(d);
    },
    dateTime: (iso) => {
      if (!iso) return EMPTY;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
  };
}

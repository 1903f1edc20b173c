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
  /** An instant (ISO timestamp) in China time (Asia/Shanghai), whatever the browser's zone. */
  dateTime: (iso: string | null | undefined) => string;
}

/**
 * China time (docs/ui.md "Local time"): every date and time the web app shows or defaults is in
 * Asia/Shanghai, whatever the browser's zone; the server decides with its own clock.
 */
export const CHINA_TZ = 'Asia/Shanghai';
const isoDay = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TZ });
const isoMinute = new Intl.DateTimeFormat('en-CA', {
  timeZone: CHINA_TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Today's date in China, 'YYYY-MM-DD' (`now`: milliseconds since the epoch, the browser's clock). */
export const todayChina = (now: number = Date.now()): string => isoDay.format(now);

/** This year in China. */
export const thisYearChina = (now: number = Date.now()): number => Number(todayChina(now).slice(0, 4));

/** The China date of an instant (ISO timestamp) or a date 'YYYY-MM-DD' as it is; '' when unreadable. */
export function chinaDay(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : isoDay.format(d);
}

/** An instant as 'YYYY-MM-DD HH:mm' in China time (for tables and timelines). */
export function chinaMinute(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(isoMinute.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
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
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: CHINA_TZ,
  });
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
      // an instant is first taken to its China date; a calendar date stays as it is
      const d = new Date(`${chinaDay(iso)}T00:00:00Z`);
      return Number.isNaN(d.getTime()) ? iso : date.format(d);
    },
    dateTime: (iso) => {
      if (!iso) return EMPTY;
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
  };
}

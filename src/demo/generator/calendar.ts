import type { Rng } from '../../domain/random.js';

/** Calendar dates as 'YYYY-MM-DD' strings, computed in UTC (no time zone, no clock). */

const DAY_MS = 86_400_000;

export function formatDate(ms: number): string {
  const d = new Date(ms);
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${d.getUTCFullYear()}-${m}-${day}`;
}

export function parseDate(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** A uniformly drawn date between two months of a year (months 1–12, both included). */
export function randomDate(rng: Rng, year: number, fromMonth = 1, toMonth = 12): string {
  const start = Date.UTC(year, fromMonth - 1, 1);
  const end = Date.UTC(year, toMonth, 1); // first day after the range
  const days = Math.round((end - start) / DAY_MS);
  return formatDate(start + rng.int(0, days - 1) * DAY_MS);
}

export { addDays } from '../../domain/calendar.js';

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Calendar arithmetic on ISO dates (`YYYY-MM-DD`), and today's date in China (UTC+8). */
const DAY_MS = 86_400_000;

function parts(iso: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`Not an ISO date: ${iso}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether `iso` is a real calendar date 'YYYY-MM-DD' (no 30 February, no month 13). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === mo - 1 && at.getUTCDate() === d;
}

/** Day number since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = parts(iso);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** Calendar days from `from` to `to` (same day = 0). */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** ISO date `days` after `iso`. */
export const addDays = (iso: string, days: number): string =>
  new Date((dayNumber(iso) + days) * DAY_MS).toISOString().slice(0, 10);

/** Whole months from `from` to `to` (2024-01-31 → 2024-02-29 is 0; → 2024-03-31 is 2). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** The date in China (UTC+8) of an instant. */
export const chinaDate = (at: Date): string =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Months as ISO dates of their first day ('2026-03-01'). Pure. */
export const monthOf = (iso: string): string => `${iso.slice(0, 7)}-01`;

export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}-01`;
}

/** Same day `n` months later, clipped to the month's end (2026-01-31 + 1 → 2026-02-28). */
export function addMonthsToDate(iso: string, n: number): string {
  const first = addMonths(monthOf(iso), n);
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(iso.slice(8, 10)), last);
  return `${first.slice(0, 8)}${String(d).padStart(2, '0')}`;
}

export const isMonth = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])-01$/.test(s);

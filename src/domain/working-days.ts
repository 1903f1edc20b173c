import { addDays, dayNumber } from './calendar.js';

/**
 * Working days in China: Monday to Friday, less the public holidays, plus the weekend days that are
 * worked instead (调休). The holidays are data (table `public_holiday`, migration 036: the State
 * Council's notices by date, national rows with region_code '' and local additions by region); this
 * file only does the arithmetic over a calendar built from those rows.
 */

/** One row of the holiday table: a day off on a weekday, or a weekend day that is worked. */
export interface HolidayRow {
  day: string;
  kind: 'off' | 'work';
  /** The region the row holds for ('' = the whole country); a longer (more local) code wins. */
  regionCode?: string;
}

export interface HolidayCalendar {
  readonly off: ReadonlySet<string>;
  readonly work: ReadonlySet<string>;
}

/** The calendar of rows; where two rows name the same day, the more local one (longer code) wins. */
export function holidayCalendar(rows: readonly HolidayRow[]): HolidayCalendar {
  const byDay = new Map<string, HolidayRow>();
  for (const r of rows) {
    const had = byDay.get(r.day);
    if (!had || (r.regionCode ?? '').length >= (had.regionCode ?? '').length) byDay.set(r.day, r);
  }
  const off = new Set<string>();
  const work = new Set<string>();
  for (const r of byDay.values()) (r.kind === 'off' ? off : work).add(r.day);
  return { off, work };
}

/** A calendar without holidays: weekdays only. */
export const WEEKDAYS_ONLY: HolidayCalendar = { off: new Set(), work: new Set() };

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
const weekday = (iso: string): number => (((dayNumber(iso) + 4) % 7) + 7) % 7;

export function isWorkingDay(cal: HolidayCalendar, iso: string): boolean {
  if (cal.work.has(iso)) return true;
  if (cal.off.has(iso)) return false;
  const d = weekday(iso);
  return d !== 0 && d !== 6;
}

/**
 * The `n`-th working day after `iso` (n ≥ 1): "within 2 working days" of a report made on `iso` is
 * `addWorkingDays(cal, iso, 2)`. n = 0 gives `iso` itself when it is a working day, else the next one.
 * Negative n counts back.
 */
export function addWorkingDays(cal: HolidayCalendar, iso: string, n: number): string {
  if (!Number.isInteger(n)) throw new Error(`addWorkingDays: not a whole number of days: ${n}`);
  let day = iso;
  if (n === 0) {
    while (!isWorkingDay(cal, day)) day = addDays(day, 1);
    return day;
  }
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    day = addDays(day, step);
    if (isWorkingDay(cal, day)) left--;
  }
  return day;
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`; negative (the
 * working days after `to` up to and including `from`) when `to` is earlier. A deadline's "working
 * days left" is `workingDaysBetween(cal, today, due)`: 0 on the day itself, -1 one working day late.
 */
export function workingDaysBetween(cal: HolidayCalendar, from: string, to: string): number {
  if (to === from) return 0;
  if (to < from) return -workingDaysBetween(cal, to, from);
  let n = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (isWorkingDay(cal, day)) n++;
  return n;
}

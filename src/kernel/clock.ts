import { chinaDate } from '../domain/calendar.js';

/**
 * The one clock. "Today" is the calendar day in China (Asia/Shanghai, UTC+8, no daylight saving):
 * policy dates, deadlines, notice periods, visit dues and "not in the future" checks all use it.
 * Services receive a Clock from the composition root; nothing else reads the system time for a
 * business date. Tests pass a fixed or movable clock.
 */
export interface Clock {
  /** The current instant (timestamps of events and sessions). */
  now(): Date;
  /** Today's date in China, 'YYYY-MM-DD'. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => chinaDate(new Date()),
};

/** A clock that reads an instant from a function (e.g. a test's movable time). */
export function clockOf(now: () => Date): Clock {
  return { now, today: () => chinaDate(now()) };
}

/** A clock standing still at `at` (an ISO instant or Date), movable by `set` and `advance`. */
export function fixedClock(
  at: Date | string,
): Clock & { set(at: Date | string): void; advance(ms: number): void } {
  let t = new Date(at).getTime();
  if (Number.isNaN(t)) throw new Error(`fixedClock: not an instant: ${String(at)}`);
  return {
    now: () => new Date(t),
    today: () => chinaDate(new Date(t)),
    set(next) {
      t = new Date(next).getTime();
    },
    advance(ms) {
      t += ms;
    },
  };
}

import type { Clock } from '../../kernel/clock.js';

/**
 * Per-account sign-in throttle, kept in memory (one server process; a restart forgets it, and each
 * process of a multi-process deployment counts on its own). After `freeFailures` wrong passwords for
 * one username within `windowMs`, each further attempt must wait a delay that doubles with every
 * further failure (`baseDelayMs`, 2×, 4×, … at most `maxDelayMs`), whatever address it comes from.
 * Nothing locks an account: the wait is short and bounded, failures are forgotten `windowMs` after
 * the last one, and a successful sign-in clears them. Attempts refused while waiting are not
 * counted (so an attacker cannot push the delay further by hammering).
 */
export interface LoginThrottleOptions {
  freeFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Most usernames remembered; the stalest are dropped beyond. */
  maxEntries: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  freeFailures: 5,
  windowMs: 15 * 60_000,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  maxEntries: 50_000,
};

interface Entry {
  failures: number;
  last: number;
}

export function createLoginThrottle(clock: Clock, o: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
  const entries = new Map<string, Entry>();
  const delayOf = (failures: number) =>
    failures < o.freeFailures ? 0 : Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (failures - o.freeFailures));
  const key = (username: string) => username.trim().toLowerCase();
  const current = (k: string, now: number): Entry | undefined => {
    const e = entries.get(k);
    if (e && now - e.last >= o.windowMs + delayOf(e.failures)) {
      entries.delete(k);
      return undefined;
    }
    return e;
  };

  return {
    /** Milliseconds the next attempt for this username must still wait (0 = may try now). */
    waitMs(username: string): number {
      const now = clock.now().getTime();
      const e = current(key(username), now);
      return e ? Math.max(0, e.last + delayOf(e.failures) - now) : 0;
    },
    failed(username: string): void {
      const k = key(username);
      const now = clock.now().getTime();
      const e = current(k, now);
      entries.delete(k); // re-insert: the map's order is the order of last failure
      entries.set(k, { failures: (e?.failures ?? 0) + 1, last: now });
      if (entries.size > o.maxEntries) entries.delete(entries.keys().next().value as string);
    },
    succeeded(username: string): void {
      entries.delete(key(username));
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

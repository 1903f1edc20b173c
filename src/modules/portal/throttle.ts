/**
 * Portal sign-in throttling: no lockout. A few wrong codes are free; after that every further wrong
 * code makes the next try wait twice as long (1 s, 2 s, 4 s, … capped), per household and per source
 * address. A try during the wait is answered 429 without checking the code and without counting, so
 * hammering gains an attacker nothing and the household's right code is accepted once the wait is
 * over. A quiet hour since the last wrong code starts the count afresh.
 */
export interface ThrottleRule {
  /** Wrong codes in a row without any wait. */
  freeFailures: number;
  /** The longest wait, in seconds. */
  maxDelaySeconds: number;
}

export const HOUSEHOLD_THROTTLE: ThrottleRule = { freeFailures: 3, maxDelaySeconds: 300 };
/**
 * A source (address) trying many households: more free failures and a shorter longest wait, as one
 * address may be many households' (a village's mobile network, a proxy without X-Forwarded-For).
 */
export const SOURCE_THROTTLE: ThrottleRule = { freeFailures: 10, maxDelaySeconds: 60 };
export const QUIET_MS = 60 * 60_000;

export interface FailureState {
  failedCount: number;
  lastFailedAt: Date | null;
}

/** After one more wrong code at `now`: the count in a row and the instant before which no try is taken. */
export function afterWrongCode(
  prev: FailureState | null | undefined,
  now: Date,
  rule: ThrottleRule,
): { failedCount: number; retryAt: Date | null } {
  const fresh = !prev?.lastFailedAt || now.getTime() - prev.lastFailedAt.getTime() >= QUIET_MS;
  const failedCount = (fresh ? 0 : prev.failedCount) + 1;
  const over = failedCount - rule.freeFailures;
  if (over < 0) return { failedCount, retryAt: null };
  const seconds = Math.min(2 ** Math.min(over, 30), rule.maxDelaySeconds);
  return { failedCount, retryAt: new Date(now.getTime() + seconds * 1000) };
}

/** Whole seconds still to wait at `now` (0: a try may be taken). */
export const waitSeconds = (retryAt: Date | null | undefined, now: Date): number =>
  retryAt && retryAt > now ? Math.ceil((retryAt.getTime() - now.getTime()) / 1000) : 0;

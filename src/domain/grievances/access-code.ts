/**
 * Household portal access codes: random, from an alphabet without look-alikes (no 0/O, 1/I/L), so a
 * code read off a printed card is typed right. Codes are compared after normalisation (case,
 * spaces and dashes ignored) and stored only as a hash.
 */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACCESS_CODE_LENGTH = 8;
export const TRACKING_CODE_LENGTH = 12;

/** A random code of `length` characters of the alphabet; `bytes` gives random bytes (crypto). */
export function randomCode(bytes: (n: number) => Uint8Array, length = ACCESS_CODE_LENGTH): string {
  const n = CODE_ALPHABET.length;
  const limit = 256 - (256 % n); // reject bytes above the last full multiple: no modulo bias
  let out = '';
  while (out.length < length) {
    for (const b of bytes(length * 2)) {
      if (b < limit) out += CODE_ALPHABET[b % n];
      if (out.length === length) break;
    }
  }
  return out;
}

/** What is hashed and compared: upper case, without spaces and dashes. */
export const normalizeCode = (code: string): string =>
  code.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

/** 'ABCD2345' → 'ABCD-2345' for printing. */
export const formatCode = (code: string): string =>
  code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;

/** Sign-in lockout: after `maxFailures` wrong codes in a row the household is locked for `lockMinutes`. */
export const LOCKOUT = { maxFailures: 5, lockMinutes: 15 } as const;

export function afterFailure(
  failedCount: number,
  now: Date,
): { failedCount: number; lockedUntil: Date | null } {
  const n = failedCount + 1;
  return n >= LOCKOUT.maxFailures
    ? { failedCount: 0, lockedUntil: new Date(now.getTime() + LOCKOUT.lockMinutes * 60_000) }
    : { failedCount: n, lockedUntil: null };
}

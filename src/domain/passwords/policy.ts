import { COMMON_PASSWORDS } from './common.js';

/** Shortest password accepted (code points, after NFKC). */
export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/**
 * Why a password must not be set, or null when it may: shorter than MIN_PASSWORD_LENGTH,
 * whitespace only, one character repeated, the username (or the username with digits or punctuation around it),
 * or a common password (common.ts, compared case-insensitively, also with a trailing run of digits, `!` and `.`
 * removed). Pure; the message is English and names the rule.
 */
export function passwordProblem(pw: string, ctx: { username?: string } = {}): string | null {
  const p = pw.normalize('NFKC');
  if (p.trim() === '') return 'password must not be blank';
  const chars = [...p];
  if (chars.length < MIN_PASSWORD_LENGTH)
    return `password must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (new Set(chars).size === 1) return 'password must not be one character repeated';
  const lower = p.toLowerCase();
  const user = ctx.username?.trim().toLowerCase();
  if (user && lower.replace(/^[\d\p{P}\p{S}\s]+|[\d\p{P}\p{S}\s]+$/gu, '') === user)
    return 'password must not be the username';
  const stem = lower.replace(/[!.\d]+$/, '');
  if (COMMON.has(lower) || (stem !== lower && COMMON.has(stem) && [...stem].length >= 6))
    return 'password is too common; choose one that is not on lists of common passwords';
  return null;
}

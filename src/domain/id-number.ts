/**
 * Citizen identity numbers, GB 11643-1999: 6-digit address code, 8-digit birth date (YYYYMMDD),
 * 3-digit sequence (odd = male, even = female), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type Sex = '1' | '2'; // GB/T 2261.1: 1 male, 2 female

export type IdNumberProblem =
  | { code: 'E_ID_FORMAT'; message: string }
  | { code: 'E_ID_CHECK_DIGIT'; message: string; expected: string }
  | { code: 'E_ID_BIRTH_DATE'; message: string }
  | { code: 'E_ID_BIRTH_MISMATCH'; message: string; encoded: string }
  | { code: 'E_ID_SEX_MISMATCH'; message: string; encoded: Sex };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export interface ParsedIdNumber {
  addressCode: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
}

/**
 * Parse and check an 18-digit number; returns the problem found, or the encoded facts. `today` (China
 * date, YYYY-MM-DD, from the clock) bounds the encoded birth date.
 */
export function parseIdNumber(raw: string, today: string): ParsedIdNumber | IdNumberProblem {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { code: 'E_ID_FORMAT', message: 'must be 17 digits followed by a digit or X' };
  }
  const expected = checkCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    return {
      code: 'E_ID_CHECK_DIGIT',
      message: `check character is ${id[17]}, expected ${expected}`,
      expected,
    };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!isRealDate(y, m, d) || y < 1880 || id.slice(6, 14) > today.replace(/-/g, '')) {
    return {
      code: 'E_ID_BIRTH_DATE',
      message: `encoded birth date ${id.slice(6, 14)} is not a valid past date`,
    };
  }
  return {
    addressCode: id.slice(0, 6),
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? '1' : '2',
  };
}

export const isIdProblem = (r: ParsedIdNumber | IdNumberProblem): r is IdNumberProblem => 'code' in r;

/** Check a number against the birth date and sex recorded beside it. */
export function validateIdNumber(
  raw: string,
  today: string,
  facts: { birthDate?: string; sex?: Sex } = {},
): IdNumberProblem | null {
  const parsed = parseIdNumber(raw, today);
  if (isIdProblem(parsed)) return parsed;
  if (facts.birthDate && facts.birthDate !== parsed.birthDate) {
    return {
      code: 'E_ID_BIRTH_MISMATCH',
      message: `birth date ${facts.birthDate} does not match ${parsed.birthDate} encoded in the ID number`,
      encoded: parsed.birthDate,
    };
  }
  if (facts.sex && facts.sex !== parsed.sex) {
    return {
      code: 'E_ID_SEX_MISMATCH',
      message: `sex ${facts.sex === '1' ? 'male' : 'female'} does not match the ID number (${parsed.sex === '1' ? 'male' : 'female'})`,
      encoded: parsed.sex,
    };
  }
  return null;
}

/** Build a valid number (used by the synthetic demo generator). `seq` is 0–999; parity is forced by sex. */
export function makeIdNumber(addressCode: string, birthDate: string, sex: Sex, seq: number): string {
  let s = seq % 1000;
  if ((s % 2 === 1) !== (sex === '1')) s = (s + 1) % 1000;
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

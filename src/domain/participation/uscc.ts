/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the 31-character
 * set 0-9 A-H J-N P-R T U W-Y (no I, O, S, V, Z). Position 1 registration authority, 2 organisation
 * type, 3–8 the administrative division code, 9–17 the organisation code, 18 a check character:
 * C18 = 31 − (Σ Ci·Wi mod 31), with weights 3^(i−1) mod 31, and 31 → 0.
 */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccProblem =
  | { code: 'length'; message: string }
  | { code: 'character'; message: string; position: number }
  | { code: 'division'; message: string }
  | { code: 'check'; message: string; expected: string };

/** The check character of the first 17 characters (which must be from the alphabet). */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new Error(`not a USCC character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return USCC_ALPHABET[c]!;
}

/** Normalise (trim, upper-case) and validate; returns the code or the first problem found. */
export function validateUscc(raw: string): { ok: true; code: string } | { ok: false; problem: UsccProblem } {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18)
    return { ok: false, problem: { code: 'length', message: `must have 18 characters, has ${code.length}` } };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!))
      return {
        ok: false,
        problem: {
          code: 'character',
          message: `character ${i + 1} '${code[i]}' is not allowed (digits and A–Y without I, O, S, V, Z)`,
          position: i + 1,
        },
      };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8)))
    return { ok: false, problem: { code: 'division', message: 'characters 3–8 must be a division code' } };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected)
    return {
      ok: false,
      problem: { code: 'check', message: `check character should be ${expected}, is ${code[17]}`, expected },
    };
  return { ok: true, code };
}

/** A valid code for tests and the demo: authority + type + division + 9-character body + check. */
export function makeUscc(prefix2: string, division6: string, body9: string): string {
  const first = `${prefix2}${division6}${body9}`.toUpperCase();
  return first + usccCheckCharacter(first);
}

import { describe, expect, it } from 'vitest';
import { makeUscc, usccCheckCharacter, validateUscc } from './uscc.js';

describe('unified social credit code (GB 32100)', () => {
  it.each([
    // codes as printed on business licences (public registry data)
    '91110108551385082Q',
    '91440300708461136T',
  ])('computes the check character of %s', (code) => {
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it('accepts a valid code, upper-casing and trimming it', () => {
    const code = makeUscc('91', '433124', 'MA4L0X2Y1');
    expect(validateUscc(` ${code.toLowerCase()} `)).toEqual({ ok: true, code });
  });

  it.each([
    ['91433124MA4L0X2Y', 'length'],
    ['91433124MA4L0X2Y1I', 'character'],
    ['91433124MA4L0O2Y10', 'character'],
    ['91A33124MA4L0X2Y10', 'division'],
  ])('rejects %s (%s)', (code, problem) => {
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.code).toBe(problem);
  });

  it('rejects every wrong check character', () => {
    const good = makeUscc('52', '433124', '0123456AB');
    let rejected = 0;
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      const r = validateUscc(good.slice(0, 17) + c);
      if (c === good[17]) expect(r.ok).toBe(true);
      else if (!r.ok && r.problem.code === 'check') rejected++;
    }
    expect(rejected).toBe(30);
  });

  it('detects a single changed character', () => {
    const good = makeUscc('91', '433124', 'MA4L0X2Y1');
    const bad = good.slice(0, 10) + (good[10] === '5' ? '6' : '5') + good.slice(11);
    expect(validateUscc(bad).ok).toBe(false);
  });
});

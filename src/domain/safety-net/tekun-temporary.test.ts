import { describe, expect, it } from 'vitest';
import { reconcile } from './reconcile.js';
import { tekunSupport } from './tekun.js';
import { temporaryCheck } from './temporary.js';
import { testParams } from './test-params.js';

const p = testParams(); // 特困 basic 780; care 80 / 420 / 850; temporary: case 3600, township 1200, year 7200

describe('特困 support: (basic + care of the level) × persons', () => {
  it.each([
    ['dispersed', 'self_care', 1, 860],
    ['dispersed', 'partly_dependent', 1, 1200],
    ['centralised', 'fully_dependent', 1, 1630],
    ['dispersed', 'self_care', 2, 1720],
    ['dispersed', 'self_care', 0, 860], // at least one person
  ] as const)('%s, %s, %s person(s) → %s a month', (mode, level, n, monthly) => {
    expect(tekunSupport(p, mode, level, n)).toMatchObject({ mode, careLevel: level, monthly });
  });
});

describe('temporary assistance: case limit, yearly ceiling, approval level, fast track', () => {
  it.each([
    // type, amount, fast track, granted this year → allowed, level
    ['emergency', 1200, true, 0, true, 'township'], // at the township limit
    ['emergency', 1200.01, false, 0, true, 'county'],
    ['expenditure', 3600, false, 0, true, 'county'], // at the case limit
    ['expenditure', 3600.01, false, 0, false, 'county'], // over it
    ['expenditure', 3600, false, 3600, true, 'county'], // reaches the ceiling exactly
    ['expenditure', 100, false, 7200, false, 'township'], // ceiling reached before
    ['expenditure', 500, true, 0, false, 'township'], // expenditure cannot be fast-tracked
    ['emergency', 0, false, 0, false, 'township'],
  ] as const)(
    '%s %s (fast %s, %s granted) → allowed %s, %s',
    (type, amount, fastTrack, granted, allowed, level) => {
      const c = temporaryCheck({ type, amount, fastTrack, grantedThisYear: granted }, p);
      expect(c.allowed).toBe(allowed);
      expect(c.level).toBe(level);
    },
  );

  it('room left in the year', () => {
    expect(
      temporaryCheck({ type: 'emergency', amount: 100, fastTrack: false, grantedThisYear: 7000 }, p)
        .roomThisYear,
    ).toBe(200);
  });
});

describe('reconciliation of a payment list with the rolls', () => {
  const due = [
    { key: 'roll:1', programme: 'dibao' as const, amount: 600 },
    { key: 'roll:2', programme: 'tekun' as const, amount: 860 },
    { key: 'temporary:5', programme: 'temporary' as const, amount: 1000 },
  ];
  it('a list made from the rolls reconciles; a return does not break it; totals per programme', () => {
    const lines = due.map((d) => ({ ...d, state: 'due' as const }));
    lines[0] = { ...lines[0]!, state: 'returned' as never };
    const r = reconcile(due, lines);
    expect(r.ok).toBe(true);
    expect(r.totals.find((t) => t.programme === 'dibao')).toMatchObject({
      expected: 600,
      listed: 600,
      returned: 600,
      paid: 0,
    });
  });
  it('a roll changed after the list: mismatch until a correction', () => {
    const lines = due.map((d) => ({ ...d, state: 'due' as const }));
    const changed = [{ ...due[0]!, amount: 400 }, due[1]!, due[2]!];
    const r = reconcile(changed, lines);
    expect(r.mismatches).toEqual([{ key: 'roll:1', programme: 'dibao', expected: 400, listed: 600 }]);
    const fixed = reconcile(changed, [
      ...lines,
      { key: 'roll:1', programme: 'dibao', amount: -200, state: 'correction' },
    ]);
    expect(fixed.ok).toBe(true);
    expect(fixed.totals[0]).toMatchObject({ corrections: -200, paid: 400 });
  });
  it('an entry missing from the list is a mismatch', () => {
    expect(reconcile(due, []).mismatches).toHaveLength(3);
  });
});

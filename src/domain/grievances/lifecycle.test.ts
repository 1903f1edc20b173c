import { describe, expect, it } from 'vitest';
import {
  dueDates,
  nextGrievanceState,
  overdueReason,
  routeToTownship,
  type GrievanceAction,
  type GrievanceState,
} from './lifecycle.js';
import {
  afterFailure,
  CODE_ALPHABET,
  formatCode,
  LOCKOUT,
  normalizeCode,
  randomCode,
} from './access-code.js';
import { randomBytes } from 'node:crypto';

describe('grievance state machine', () => {
  const cases: [GrievanceState, GrievanceAction, number, GrievanceState | null][] = [
    ['received', 'acknowledge', 0, 'acknowledged'],
    ['received', 'resolve', 0, null],
    ['acknowledged', 'resolve', 0, 'resolved'],
    ['acknowledged', 'acknowledge', 0, null],
    ['resolved', 'feedback_satisfied', 0, 'closed'],
    ['resolved', 'feedback_close', 1, 'closed'],
    ['resolved', 'reopen', 0, 'acknowledged'],
    ['resolved', 'reopen', 1, null], // reopens once only
    ['closed', 'reopen', 0, null],
    ['closed', 'acknowledge', 0, null],
  ];
  it.each(cases)('%s --%s (reopened %i×) → %s', (s, a, n, to) =>
    expect(nextGrievanceState(s, a, n)).toBe(to),
  );
});

describe('deadlines and overdue', () => {
  const filed = new Date('2026-03-01T00:00:00Z');
  const { ackDueAt, resolveDueAt } = dueDates(filed, { ackDays: 3, resolveDays: 15 });
  it('computes due dates in days', () => {
    expect(ackDueAt.toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(resolveDueAt.toISOString()).toBe('2026-03-16T00:00:00.000Z');
  });
  const at = (iso: string) => new Date(iso);
  it.each([
    ['received', '2026-03-03T23:59:59Z', null],
    ['received', '2026-03-04T00:00:01Z', 'ack_overdue'],
    ['acknowledged', '2026-03-10T00:00:00Z', null],
    ['acknowledged', '2026-03-16T00:00:01Z', 'resolve_overdue'],
    ['resolved', '2026-04-30T00:00:00Z', null],
    ['closed', '2026-04-30T00:00:00Z', null],
  ] as const)('%s at %s → %s', (state, now, why) =>
    expect(overdueReason({ state, ackDueAt, resolveDueAt }, at(now))).toBe(why),
  );
});

describe('routing', () => {
  it.each([
    ['433124110226', '433124110'],
    ['433124110', '433124110'],
    ['433124', null],
  ])('%s → %s', (r, t) => expect(routeToTownship(r)).toBe(t));
});

describe('access codes', () => {
  it('draws 8 characters of the unambiguous alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const c = randomCode(randomBytes);
      expect(c).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
      expect(c).not.toMatch(/[01OIL]/);
    }
  });
  it('rejects biased bytes (≥ 248) instead of wrapping them', () => {
    const bytes = () => Uint8Array.from([255, 250, 248, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(randomCode(bytes)).toBe('ABCDEFGH');
  });
  it('normalises case, spaces and dashes', () => {
    expect(normalizeCode(' abcd-2345 ')).toBe('ABCD2345');
    expect(formatCode('ABCD2345')).toBe('ABCD-2345');
  });
  it('locks after the maximum of failures in a row', () => {
    const now = new Date('2026-03-01T00:00:00Z');
    let s = { failedCount: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < LOCKOUT.maxFailures; i++) {
      s = afterFailure(s.failedCount, now);
      expect(s.lockedUntil).toBeNull();
    }
    s = afterFailure(s.failedCount, now);
    expect(s.lockedUntil?.toISOString()).toBe('2026-03-01T00:15:00.000Z');
  });
});

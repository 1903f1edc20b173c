import { describe, expect, it } from 'vitest';
import { addDays } from '../calendar.js';
import {
  householdKind,
  needsCadre,
  nextVisitDue,
  ruleFor,
  visitDateProblem,
  visitIntervalDays,
  type PlanRule,
} from './rules.js';

describe('needsCadre', () => {
  it('is required for poor, returned and monitored households only', () => {
    expect(['poor', 'returned', 'monitored'].map(needsCadre)).toEqual([true, true, true]);
    expect(['none', 'exited', 'risk_removed'].map(needsCadre)).toEqual([false, false, false]);
  });
});

describe('householdKind', () => {
  it('maps statuses to plan kinds', () => {
    expect(householdKind('poor')).toBe('poor');
    expect(householdKind('returned')).toBe('poor');
    expect(householdKind('monitored')).toBe('monitored');
    expect(householdKind('risk_removed')).toBe('exited');
    expect(householdKind('none')).toBeNull();
  });
});

describe('ruleFor', () => {
  const rules: PlanRule[] = [
    { regionPrefix: '', kind: 'poor', visitsPerYear: 4 },
    { regionPrefix: '433124', kind: 'poor', visitsPerYear: 6 },
    { regionPrefix: '433124110', kind: 'poor', visitsPerYear: 12 },
    { regionPrefix: '433124110', kind: 'exited', visitsPerYear: 1 },
  ];
  it('takes the longest containing prefix of the kind', () => {
    expect(ruleFor(rules, '433124110226', 'poor')?.visitsPerYear).toBe(12);
    expect(ruleFor(rules, '433124100201', 'poor')?.visitsPerYear).toBe(6);
    expect(ruleFor(rules, '522727100201', 'poor')?.visitsPerYear).toBe(4);
    expect(ruleFor(rules, '433124100201', 'exited')).toBeNull();
  });
});

describe('nextVisitDue', () => {
  it('adds ceil(365/N) days to the last visit', () => {
    expect(visitIntervalDays(4)).toBe(92);
    expect(visitIntervalDays(6)).toBe(61);
    expect(nextVisitDue('2025-01-01', 4, '2025-03-01')).toEqual({
      dueOn: '2025-04-03',
      overdue: false,
      overdueDays: 0,
    });
    expect(nextVisitDue('2025-01-01', 4, '2025-04-03').overdue).toBe(false);
    expect(nextVisitDue('2025-01-01', 4, '2025-04-13')).toEqual({
      dueOn: '2025-04-03',
      overdue: true,
      overdueDays: 10,
    });
  });
  it('treats a household never visited as overdue, and a 0-visit plan as never overdue', () => {
    expect(nextVisitDue(null, 2, '2025-06-30')).toEqual({ dueOn: null, overdue: true, overdueDays: null });
    expect(nextVisitDue(null, 0, '2025-06-30').overdue).toBe(false);
  });
  it('crosses month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe('visitDateProblem', () => {
  it('refuses future and very old visit dates', () => {
    expect(visitDateProblem('2025-07-01', '2025-06-30')).toMatch(/future/);
    expect(visitDateProblem('2024-01-01', '2025-06-30')).toMatch(/year/);
    expect(visitDateProblem('2025-06-30', '2025-06-30')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, daysBetween, monthsBetween } from '../calendar.js';
import { CODE_LISTS } from '../code-lists.js';
import { HEALTH_CODES, HOUSE_GRADES, LABOUR_CAPACITIES, STUDENT_STATUSES } from './facts.js';
import { percent, yuan } from './reason.js';

describe('reason formatting', () => {
  it.each([
    [4000, '4,000'],
    [12345.6, '12,345.6'],
    [3999.75, '3,999.75'],
    [0.5, '0.5'],
    [-1234, '-1,234'],
    [1_000_000, '1,000,000'],
  ])('yuan(%d) = %s', (n, s) => expect(yuan(n)).toBe(s));
  it.each([
    [0.02, '2%'],
    [0.021, '2.1%'],
    [0.9, '90%'],
  ])('percent(%d) = %s', (x, s) => expect(percent(x)).toBe(s));
});

describe('calendar', () => {
  it.each([
    ['2022-01-01', '2022-07-01', 6],
    ['2022-01-01', '2022-06-30', 5],
    ['2024-01-31', '2024-02-29', 0],
    ['2021-12-15', '2022-12-15', 12],
  ])('months from %s to %s: %d', (a, b, n) => expect(monthsBetween(a, b)).toBe(n));

  it('counts days and dates in China', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
    expect(chinaDate(new Date('2024-03-01T16:30:00Z'))).toBe('2024-03-02');
    expect(chinaDate(new Date('2024-03-01T15:59:59Z'))).toBe('2024-03-01');
  });
});

describe('fact vocabularies', () => {
  it.each([
    ['labour_capacity', LABOUR_CAPACITIES],
    ['health', HEALTH_CODES],
    ['student_status', STUDENT_STATUSES],
    ['house_grade', HOUSE_GRADES],
  ] as const)('%s matches the code list', (list, codes) => {
    expect([...codes].sort()).toEqual(CODE_LISTS[list].map((c) => c.code).sort());
  });
});

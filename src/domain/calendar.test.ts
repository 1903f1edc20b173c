import { describe, expect, it } from 'vitest';
import { addDays, chinaDate, daysBetween, isRealDate } from './calendar.js';

describe('calendar', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2025-13-01', false],
    ['2025-04-31', false],
    ['2025-12-31', true],
    ['2025-1-01', false],
    ['', false],
  ])('isRealDate(%s) = %s', (iso, real) => expect(isRealDate(iso)).toBe(real));

  it("gives China's date of an instant: 16:00 UTC is already the next day in Beijing", () => {
    expect(chinaDate(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
    expect(chinaDate(new Date('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-12-25', '2026-01-04')).toBe(10);
  });
});

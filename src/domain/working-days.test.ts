import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.js';
import {
  addWorkingDays,
  holidayCalendar,
  isWorkingDay,
  WEEKDAYS_ONLY,
  workingDaysBetween,
  type HolidayRow,
} from './working-days.js';

/** Days from..to inclusive as rows of one kind. */
function span(from: string, to: string, kind: 'off' | 'work'): HolidayRow[] {
  const rows: HolidayRow[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) rows.push({ day: d, kind });
  return rows;
}

// The State Council's notices (国务院办公厅关于2025年/2026年部分节假日安排的通知), typed from the text.
const CHINA_2025_2026: HolidayRow[] = [
  ...span('2025-01-01', '2025-01-01', 'off'), // 元旦
  ...span('2025-01-28', '2025-02-04', 'off'), // 春节 1月28日至2月4日
  { day: '2025-01-26', kind: 'work' }, // 1月26日（周日）上班
  { day: '2025-02-08', kind: 'work' }, // 2月8日（周六）上班
  ...span('2025-04-04', '2025-04-06', 'off'), // 清明
  ...span('2025-05-01', '2025-05-05', 'off'), // 劳动节
  { day: '2025-04-27', kind: 'work' }, // 4月27日（周日）上班
  ...span('2025-05-31', '2025-06-02', 'off'), // 端午
  ...span('2025-10-01', '2025-10-08', 'off'), // 国庆节、中秋节
  { day: '2025-09-28', kind: 'work' }, // 9月28日（周日）上班
  { day: '2025-10-11', kind: 'work' }, // 10月11日（周六）上班
  ...span('2026-01-01', '2026-01-03', 'off'), // 元旦
  { day: '2026-01-04', kind: 'work' }, // 1月4日（周日）上班
  ...span('2026-02-15', '2026-02-23', 'off'), // 春节 2月15日至23日
  { day: '2026-02-14', kind: 'work' }, // 2月14日（周六）上班
  { day: '2026-02-28', kind: 'work' }, // 2月28日（周六）上班
  ...span('2026-04-04', '2026-04-06', 'off'), // 清明
  ...span('2026-05-01', '2026-05-05', 'off'), // 劳动节
  { day: '2026-05-09', kind: 'work' }, // 5月9日（周六）上班
  ...span('2026-06-19', '2026-06-21', 'off'), // 端午
  ...span('2026-09-25', '2026-09-27', 'off'), // 中秋
  ...span('2026-10-01', '2026-10-07', 'off'), // 国庆
  { day: '2026-09-20', kind: 'work' }, // 9月20日（周日）上班
  { day: '2026-10-10', kind: 'work' }, // 10月10日（周六）上班
];
const cal = holidayCalendar(CHINA_2025_2026);

describe('working days (China 2025/2026)', () => {
  it.each([
    ['2025-01-01', false], // 元旦, a Wednesday
    ['2025-01-26', true], // a Sunday worked before 春节
    ['2025-01-27', true], // Monday before the holiday
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-02-05', true],
    ['2025-02-08', true], // a Saturday worked
    ['2025-02-09', false], // an ordinary Sunday
    ['2025-10-08', false], // the eighth day of the October holiday (a Wednesday)
    ['2025-10-11', true],
    ['2026-01-04', true],
    ['2026-02-23', false], // Monday, still 春节
    ['2026-02-24', true],
    ['2026-06-19', false], // 端午, a Friday
    ['2026-09-20', true], // a Sunday worked
    ['2026-10-10', true],
    ['2026-12-07', true], // an ordinary Monday
  ])('isWorkingDay(%s) = %s', (day, working) => expect(isWorkingDay(cal, day)).toBe(working));

  it.each([
    // a self-report made on the day: checked within 2 working days
    ['2026-12-07', 2, '2026-12-09'], // Monday → Wednesday
    ['2026-12-10', 2, '2026-12-14'], // Thursday → over the weekend → Monday
    ['2026-09-30', 1, '2026-10-08'], // the October holiday: Wednesday → the Thursday after
    ['2026-09-30', 2, '2026-10-09'],
    ['2026-09-30', 3, '2026-10-10'], // the Saturday worked
    ['2026-02-13', 1, '2026-02-14'], // Friday → the Saturday worked before 春节
    ['2026-02-14', 1, '2026-02-24'], // then nine days off
    ['2025-01-24', 2, '2025-01-27'], // Friday → Sunday 26 (worked) → Monday 27
    ['2025-09-30', 1, '2025-10-09'],
    ['2026-12-05', 0, '2026-12-07'], // a Saturday: the next working day itself
    ['2026-12-07', 0, '2026-12-07'],
    ['2026-10-08', -1, '2026-09-30'], // counting back over the holiday
  ])('addWorkingDays(%s, %i) = %s', (from, n, to) => expect(addWorkingDays(cal, from, n)).toBe(to));

  it.each([
    ['2026-12-07', '2026-12-07', 0],
    ['2026-12-07', '2026-12-09', 2],
    ['2026-12-09', '2026-12-07', -2], // two working days late
    ['2026-09-30', '2026-10-08', 1], // eight calendar days, one working day
    ['2026-02-13', '2026-02-28', 6], // 14 (Sat, worked), 24–27, 28 (Sat, worked)
    ['2025-12-31', '2026-01-05', 2], // 4 January (Sunday) worked, 5 January
    ['2026-12-11', '2026-12-13', 0], // Friday → Sunday: nothing left to work
  ])('workingDaysBetween(%s, %s) = %i', (from, to, n) => expect(workingDaysBetween(cal, from, to)).toBe(n));

  it('keeps addWorkingDays and workingDaysBetween consistent over two years', () => {
    for (let d = '2025-01-01'; d <= '2026-12-31'; d = addDays(d, 1))
      for (const n of [1, 2, 5])
        expect(workingDaysBetween(cal, d, addWorkingDays(cal, d, n)), `${d} + ${n}`).toBe(n);
  });

  it('without holidays counts weekdays only', () => {
    expect(addWorkingDays(WEEKDAYS_ONLY, '2026-10-01', 1)).toBe('2026-10-02');
    expect(isWorkingDay(WEEKDAYS_ONLY, '2026-10-01')).toBe(true);
  });

  it('lets a local row override the national one (the more local region wins)', () => {
    const local = holidayCalendar([
      { day: '2026-04-20', kind: 'off', regionCode: '4331' }, // a prefecture's own holiday, a Monday
      { day: '2026-10-01', kind: 'work', regionCode: '433124' },
      { day: '2026-10-01', kind: 'off', regionCode: '' },
    ]);
    expect(isWorkingDay(local, '2026-04-20')).toBe(false);
    expect(isWorkingDay(local, '2026-10-01')).toBe(true);
  });
});

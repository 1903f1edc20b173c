import { describe, expect, it } from 'vitest';
import { assessRequest, flagInspections, formOf, levelOfRole } from './catalogue.js';

describe('assessRequest', () => {
  it('finds the items the registry already holds and the reports that answer them', () => {
    const a = assessRequest(['poverty_counts', 'household_roster', 'fund_use', 'exit_counts']);
    expect(a.held.map((h) => h.item).sort()).toEqual(
      ['exit_counts', 'fund_use', 'household_roster', 'poverty_counts'].sort(),
    );
    expect(a.reports.sort()).toEqual(['funds', 'roster', 'statistics']);
    expect(a.answerableFromSystem).toBe(true);
  });

  it('a request with items the system does not hold must go to villages; photos are discouraged', () => {
    const a = assessRequest(['poverty_counts', 'village_conditions', 'work_photos']);
    expect(a.notHeld).toEqual(['village_conditions']);
    expect(a.discouraged).toEqual(['work_photos']);
    expect(a.answerableFromSystem).toBe(false);
    expect(assessRequest(['work_photos']).answerableFromSystem).toBe(false);
    expect(assessRequest(['no_such_item']).unknown).toEqual(['no_such_item']);
  });
});

describe('flagInspections', () => {
  const limits = { perYear: 2, daysPerYear: 5 };
  it('flags the inspections of a region beyond the yearly count and days, in date order', () => {
    const flags = flagInspections(
      [
        { id: '3', regionCode: 'V', startOn: '2025-09-01', days: 1 },
        { id: '1', regionCode: 'V', startOn: '2025-03-01', days: 2 },
        { id: '2', regionCode: 'V', startOn: '2025-05-01', days: 4 },
        { id: '4', regionCode: 'W', startOn: '2025-05-01', days: 1 },
        { id: '5', regionCode: 'V', startOn: '2026-01-10', days: 1 },
      ],
      limits,
    );
    expect(flags.get('1')).toEqual({ nth: 1, daysSoFar: 2, overCount: false, overDays: false });
    expect(flags.get('2')).toEqual({ nth: 2, daysSoFar: 6, overCount: false, overDays: true });
    expect(flags.get('3')).toEqual({ nth: 3, daysSoFar: 7, overCount: true, overDays: true });
    expect(flags.get('4')!.overCount).toBe(false); // another region
    expect(flags.get('5')!.nth).toBe(1); // a new year
  });
});

describe('forms and levels', () => {
  it('maps audit actions to the forms they fill and roles to levels', () => {
    expect(formOf('household.member.add')?.id).toBe('member');
    expect(formOf('household.income')?.id).toBe('income');
    expect(formOf('visit.create')?.id).toBe('visit');
    expect(formOf('case.review_vote')?.id).toBe('case');
    expect(formOf('login')).toBeUndefined();
    expect(levelOfRole('village_cadre')).toBe('village');
    expect(levelOfRole(null)).toBe('system');
  });
});

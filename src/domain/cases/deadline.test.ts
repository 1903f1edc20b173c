import { describe, expect, it } from 'vitest';
import { defaultParams } from '../rules/params.js';
import { county, dayAt, noticeOf, township, village, walk } from './case-test-kit.js';
import { deadlineStatus, isOverdue } from './deadline.js';
import { fire, openCase } from './fire.js';
import { caseDefinitions } from './index.js';

const defs = caseDefinitions(defaultParams(2024));
const m = defs.monitoring;
const D = '2024-03-01';
const lead = openCase(m, village, { channel: 'department_warning' }, dayAt(D, 0));
const atDecision = walk(m, lead, D, [
  {
    action: 'home_visit',
    actor: village,
    day: 1,
    payload: {
      note: '住院',
      signatures: [{ who: 'household', name: '户主' }],
      dataConsent: { by: '户主', signedOn: D },
    },
  },
  {
    action: 'review_vote',
    actor: village,
    day: 2,
    payload: { vote: { total: 9, present: 7, for: 6, against: 1 } },
  },
  { action: 'close_notice', actor: village, day: 8, payload: noticeOf(D, 3, 5) },
  { action: 'township_check', actor: township, day: 9, payload: { note: '属实' } },
]);

describe('monitoring deadline: 15 days from lead to decision', () => {
  it.each([
    [0, false, 15],
    [15, false, 0],
    [16, true, -1],
  ])('day %d: overdue %s', (day, overdue, daysLeft) => {
    expect(isOverdue(m, atDecision, dayAt(D, day))).toBe(overdue);
    expect(deadlineStatus(m, atDecision, dayAt(D, day))).toEqual({ due: '2024-03-16', daysLeft, overdue });
  });

  it('a lead still at the village is overdue at day 16 too', () => {
    expect(isOverdue(m, lead, dayAt(D, 16))).toBe(true);
  });

  it('is not overdue once decided, even late; a late decision records why', () => {
    expect(fire(m, atDecision, 'include', county, { note: '因病' }, dayAt(D, 16))).toMatchObject({
      ok: false,
      missing: ['deadline.late_reason'],
    });
    const r = fire(
      m,
      atDecision,
      'include',
      county,
      { note: '因病', lateReason: '补充医疗票据' },
      dayAt(D, 16),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.next.history.at(-1)!.late).toEqual({ days: 16, reason: '补充医疗票据' });
    expect(isOverdue(m, r.next, dayAt(D, 40))).toBe(false);
  });

  it('is not overdue when the case is closed, nor for procedures without a deadline', () => {
    const dismissed = walk(m, lead, D, [
      { action: 'dismiss', actor: village, day: 2, payload: { note: '收入稳定' } },
    ]);
    expect(isOverdue(m, dismissed, dayAt(D, 30))).toBe(false);
    const id = defs.identification;
    expect(deadlineStatus(id, openCase(id, village, {}, dayAt(D, 0)), dayAt(D, 100))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { dayAt, noticeOf, village, walk } from '../../domain/cases/case-test-kit.js';
import { identificationCase, openCase } from '../../domain/cases/index.js';
import { defaultParams } from '../../domain/rules/params.js';
import { effectOf, serviceRequirements } from './effects.js';
import { buildNotice, noticeDefaults } from './notice.js';

const def = identificationCase(defaultParams(2026));
const start = '2026-03-02';
const vote = { vote: { total: 30, present: 25, for: 20, against: 3 } };
const place = { villageCode: '433124110226', village: '十八洞村', township: '双龙镇', county: '花垣县' };
const household = { householdNo: 'H1', headName: '石拔三', size: 2, memberNames: ['石拔三', '龙秀'] };

describe('public notice', () => {
  it('runs from the day the case entered the notice step, for the minimum days', () => {
    const c = walk(def, openCase(def, village, {}, dayAt(start, 0)), start, [
      { action: 'review_vote', actor: village, day: 1, payload: vote },
    ]);
    expect(noticeDefaults(def, c)).toEqual({ start: '2026-03-03', end: '2026-03-09', minDays: 7 });
    const n = buildNotice('7', def, c, household, place)!;
    expect(n).toMatchObject({
      stage: 'first_notice',
      current: true,
      period: { start: '2026-03-03', end: '2026-03-09', days: 7 },
      issuer: { zh: '十八洞村村民委员会' },
    });
    expect(n.objection.zh).toContain('双龙镇人民政府');
  });

  it('reprints the last notice after the step, and has none before any', () => {
    const opened = openCase(def, village, {}, dayAt(start, 0));
    expect(buildNotice('7', def, opened, household, place)).toBeNull();
    const c = walk(def, opened, start, [
      { action: 'review_vote', actor: village, day: 1, payload: vote },
      { action: 'close_first_notice', actor: village, day: 9, payload: noticeOf(start, 1, 7) },
    ]);
    expect(buildNotice('7', def, c, household, place)).toMatchObject({
      stage: 'first_notice',
      current: false,
    });
  });
});

describe('case effects', () => {
  it.each([
    ['identification', 'register', 'registered', 'poor'],
    ['exit', 'close_record', 'closed', 'exited'],
    ['monitoring', 'include', 'monitored', 'monitored'],
    ['monitoring', 'remove_risk', 'risk_removed', 'risk_removed'],
  ] as const)('%s → %s sets the status %s', (kind, action, to, status) => {
    expect(
      effectOf(kind, action, to, { householdType: 'ordinary' }, { category: 'marginal' }, 2026)?.status,
    ).toBe(status);
  });

  it('changes nothing on other steps; dibao approval covers the members', () => {
    expect(
      effectOf('identification', 'reject', 'rejected', { householdType: 'ordinary' }, {}, 2026),
    ).toBeNull();
    expect(
      effectOf('dibao', 'approve', 'approved', { householdType: 'general_poor' }, {}, 2026),
    ).toMatchObject({
      status: null,
      householdType: 'dibao_poor',
      dibaoMembers: true,
    });
    expect(serviceRequirements('monitoring', 'include', {})).toEqual(['decision.category']);
    expect(serviceRequirements('monitoring', 'include', { category: 'sudden' })).toEqual([]);
  });
});

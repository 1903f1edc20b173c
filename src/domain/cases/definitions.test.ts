import { describe, expect, it } from 'vitest';
import { defaultParams } from '../rules/params.js';
import { civil, county, noticeOf, township, village, walk } from './case-test-kit.js';
import { openCase } from './fire.js';
import { caseDefinitions, countyCheckVisits } from './index.js';
import { validateDefinition } from './validate.js';

const defs = caseDefinitions(defaultParams(2024));
const D = '2024-03-01';
const vote = { vote: { total: 9, present: 7, for: 6, against: 1 } };
const note = (n: string) => ({ note: n });
const household = { signatures: [{ who: 'household' as const, name: '户主' }] };

describe('case definitions', () => {
  it.each(Object.values(defs).map((d) => [d.kind, d] as const))('%s is structurally sound', (_k, def) => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('reads notice days and votes from the parameters', () => {
    const p = defaultParams(2024);
    const custom = caseDefinitions({ ...p, noticeDays: { ...p.noticeDays, exit: 10 } });
    const close = custom.exit.transitions.find((t) => t.action === 'close_notice')!;
    expect(close.requires).toEqual([{ kind: 'notice', minDays: 10, onObjection: 'proposed' }]);
    const dibaoVote = defs.dibao.transitions.find((t) => t.action === 'review_vote')!.requires[0];
    expect(dibaoVote).toMatchObject({ kind: 'vote', quorum: 2 / 3, approval: 2 / 3 });
  });

  it('walks identification from application to registration', () => {
    const c = walk(
      defs.identification,
      openCase(defs.identification, village, {}, new Date(`${D}T02:00:00Z`)),
      D,
      [
        { action: 'review_vote', actor: village, day: 1, payload: vote },
        { action: 'close_first_notice', actor: village, day: 9, payload: noticeOf(D, 2, 7) },
        { action: 'township_approve', actor: township, day: 10, payload: note('符合条件') },
        { action: 'close_second_notice', actor: township, day: 18, payload: noticeOf(D, 11, 7) },
        { action: 'county_approve', actor: county, day: 19, payload: note('批准') },
        {
          action: 'register',
          actor: village,
          day: 20,
          payload: {
            signatures: [
              ...household.signatures,
              { who: 'collector', name: '采集员' },
              { who: 'reviewer', name: '审核员' },
            ],
          },
        },
      ],
    );
    expect(c.state).toBe('registered');
    expect(c.history.map((h) => h.to)).toEqual([
      'applied',
      'first_notice',
      'township_review',
      'second_notice',
      'county_approval',
      'announced',
      'registered',
    ]);
  });

  it('walks exit with the household signature', () => {
    const c = walk(defs.exit, openCase(defs.exit, village, {}, new Date(`${D}T02:00:00Z`)), D, [
      { action: 'verify', actor: village, day: 1, payload: note('收入与两不愁三保障已核实') },
      { action: 'household_agree', actor: village, day: 2, payload: household },
      { action: 'close_notice', actor: village, day: 10, payload: noticeOf(D, 3, 7) },
      { action: 'announce', actor: village, day: 11, payload: note('已公告') },
      { action: 'close_record', actor: township, day: 12, payload: note('已销号') },
    ]);
    expect(c.state).toBe('closed');
  });

  it('walks monitoring inclusion and risk removal', () => {
    const m = defs.monitoring;
    const included = walk(m, openCase(m, village, {}, new Date(`${D}T02:00:00Z`)), D, [
      {
        action: 'home_visit',
        actor: village,
        day: 1,
        payload: { ...note('大病住院'), ...household, dataConsent: { by: '户主', signedOn: D } },
      },
      { action: 'review_vote', actor: village, day: 2, payload: vote },
      { action: 'close_notice', actor: village, day: 8, payload: noticeOf(D, 3, 5) },
      { action: 'township_check', actor: township, day: 9, payload: note('属实') },
      { action: 'include', actor: county, day: 10, payload: note('突发严重困难户；因病') },
    ]);
    expect(included.state).toBe('monitored');
    const removed = walk(m, included, D, [
      { action: 'propose_removal', actor: village, day: 200, payload: note('收入稳定，风险已消除') },
      { action: 'removal_vote', actor: village, day: 201, payload: vote },
      { action: 'close_removal_notice', actor: village, day: 207, payload: noticeOf(D, 202, 5) },
      { action: 'township_confirm', actor: township, day: 208, payload: note('属实') },
      { action: 'remove_risk', actor: county, day: 209, payload: note('风险消除') },
    ]);
    expect(removed.state).toBe('risk_removed');
    expect(removed.data.outcome).toMatchObject({ state: 'risk_removed', note: '风险消除' });
  });

  it('walks dibao from application to approval by civil affairs', () => {
    const d = defs.dibao;
    const c = walk(d, openCase(d, township, { staffRelative: false }, new Date(`${D}T02:00:00Z`)), D, [
      {
        action: 'investigate',
        actor: civil,
        day: 3,
        payload: {
          staff: ['张', '李'],
          ...household,
          dataConsent: { by: '户主', signedOn: D },
          ...note('无劳动力，无收入'),
        },
      },
      {
        action: 'review_vote',
        actor: village,
        day: 5,
        payload: { vote: { total: 9, present: 6, for: 4, against: 2 } },
      },
      { action: 'close_notice', actor: township, day: 13, payload: noticeOf(D, 6, 7) },
      { action: 'county_check', actor: civil, day: 15, payload: note('抽查属实') },
      { action: 'approve', actor: county, day: 16, payload: note('每月 994 元，自 4 月起') },
    ]);
    expect(c.state).toBe('approved');
  });
});

describe('dibao county check sample', () => {
  it.each([
    [100, 0, 30], // 30 % of 100
    [101, 0, 31], // ceil(30.3)
    [10, 5, 5], // relatives (all visited) already exceed 30 % = 3
    [0, 0, 0],
  ])('%d applications, %d relatives of staff: %d visits', (n, relatives, visits) => {
    expect(countyCheckVisits(n, relatives, defaultParams(2024).dibaoCountyVisitShare)).toBe(visits);
  });
});

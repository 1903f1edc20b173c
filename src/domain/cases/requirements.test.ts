import { describe, expect, it } from 'vitest';
import { checkRequirement } from './requirements.js';
import type { CaseState, FirePayload, Requirement } from './types.js';

const c: CaseState = {
  state: 's',
  history: [
    {
      at: '2024-03-01T02:00:00.000Z',
      action: 'open',
      from: null,
      to: 's',
      actor: { role: 'village_cadre', scopeLevel: 'village' },
      payload: {},
    },
  ],
  data: {},
};
const keys = (r: Requirement, payload: FirePayload, today = '2024-03-20') =>
  checkRequirement(r, { payload, c, today }).map((f) => f.key);
const dibaoVote: Requirement = { kind: 'vote', quorum: 2 / 3, approval: 2 / 3, approvalRule: 'at_least' };
const villageVote: Requirement = { kind: 'vote', quorum: 2 / 3, approval: 1 / 2, approvalRule: 'more_than' };
const v = (total: number, present: number, yes: number, no = 0) => ({
  vote: { total, present, for: yes, against: no },
});

describe('vote thresholds', () => {
  it.each<[string, Requirement, FirePayload, string[]]>([
    ['6 of 9 present is exactly 2/3', dibaoVote, v(9, 6, 4), []],
    ['5 of 9 present is short of 2/3', dibaoVote, v(9, 5, 5), ['vote.quorum']],
    ['4 of 6 agree is exactly 2/3', dibaoVote, v(9, 6, 4, 2), []],
    ['3 of 6 agree is short of 2/3', dibaoVote, v(9, 6, 3, 3), ['vote.approval']],
    ['3 of 6 is not more than half', villageVote, v(9, 6, 3, 3), ['vote.approval']],
    ['4 of 7 is more than half', villageVote, v(9, 7, 4, 3), []],
    ['both short', dibaoVote, v(9, 5, 3, 2), ['vote.quorum', 'vote.approval']],
    ['present above total', dibaoVote, v(9, 10, 8), ['vote.invalid']],
    ['for + against above present', dibaoVote, v(9, 6, 5, 2), ['vote.invalid']],
    ['no vote recorded', dibaoVote, {}, ['vote']],
  ])('%s', (_label, r, payload, missing) => {
    expect(keys(r, payload)).toEqual(missing);
  });
});

describe('notice period', () => {
  const notice: Requirement = { kind: 'notice', minDays: 7, onObjection: 'verification' };
  const n = (start: string, end: string) => ({ notice: { start, end, objections: [] } });
  it.each<[string, FirePayload, string, string[]]>([
    ['7 days, 1–7 March, closed on the 8th', n('2024-03-01', '2024-03-07'), '2024-03-08', []],
    ['7 days, closed on the last day', n('2024-03-01', '2024-03-07'), '2024-03-07', ['notice.elapsed']],
    ['6 days', n('2024-03-01', '2024-03-06'), '2024-03-20', ['notice.period']],
    [
      'posted before the case reached the step',
      n('2024-02-20', '2024-02-27'),
      '2024-03-20',
      ['notice.backdated'],
    ],
    ['end before start', n('2024-03-07', '2024-03-01'), '2024-03-20', ['notice.invalid']],
    ['no notice', {}, '2024-03-20', ['notice']],
  ])('%s', (_label, payload, today, missing) => {
    expect(keys(notice, payload, today)).toEqual(missing);
  });
});

describe('other requirements', () => {
  it.each<[string, Requirement, FirePayload, string[]]>([
    [
      'household signature present',
      { kind: 'signature', who: 'household' },
      { signatures: [{ who: 'household', name: '户主' }] },
      [],
    ],
    [
      'only the collector signed',
      { kind: 'signature', who: 'household' },
      { signatures: [{ who: 'collector', name: '甲' }] },
      ['signature.household'],
    ],
    [
      'blank signature name',
      { kind: 'signature', who: 'household' },
      { signatures: [{ who: 'household', name: ' ' }] },
      ['signature.household'],
    ],
    ['data consent', { kind: 'dataConsent' }, { dataConsent: { by: '户主', signedOn: '2024-03-01' } }, []],
    ['no data consent', { kind: 'dataConsent' }, {}, ['data_consent']],
    ['evidence note', { kind: 'evidence', note: 'why' }, { note: '理由' }, []],
    ['blank note', { kind: 'evidence', note: 'why' }, { note: '  ' }, ['evidence']],
    ['two distinct staff', { kind: 'staff', min: 2 }, { staff: ['张', '李'] }, []],
    ['deadline met (day 15)', { kind: 'deadline', days: 15 }, {}, []],
  ])('%s', (_label, r, payload, missing) => {
    expect(keys(r, payload, '2024-03-16')).toEqual(missing);
  });

  it('asks for a reason when a deadline step is late (day 16)', () => {
    expect(keys({ kind: 'deadline', days: 15 }, {}, '2024-03-17')).toEqual(['deadline.late_reason']);
    expect(keys({ kind: 'deadline', days: 15 }, { lateReason: '户主外出务工' }, '2024-03-17')).toEqual([]);
  });
});

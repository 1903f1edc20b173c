import { describe, expect, it } from 'vitest';
import { defaultParams } from '../rules/params.js';
import { civil, county, dayAt, noticeOf, township, village, walk } from './case-test-kit.js';
import { availableActions, fire, openCase } from './fire.js';
import { caseDefinitions } from './index.js';
import type { CaseState } from './types.js';

const defs = caseDefinitions(defaultParams(2024));
const id = defs.identification;
const D = '2024-03-01';
const opened = openCase(id, village, { householdNo: '4331240010010001' }, dayAt(D, 0));
const vote = { vote: { total: 9, present: 7, for: 6, against: 1 } };
const atNotice: CaseState = walk(id, opened, D, [
  { action: 'review_vote', actor: village, day: 1, payload: vote },
]);

describe('fire: order and roles', () => {
  it('cannot skip a step', () => {
    const r = fire(id, opened, 'county_approve', county, { note: '批准' }, dayAt(D, 1));
    expect(r).toMatchObject({ ok: false, code: 'E_TRANSITION_NOT_ALLOWED' });
    if (!r.ok)
      expect(r.message).toBe(
        '"county_approve" is not allowed in state "applied"; allowed: review_vote, reject, withdraw',
      );
  });

  it('refuses the wrong role', () => {
    const r = fire(id, opened, 'review_vote', county, vote, dayAt(D, 1));
    expect(r).toMatchObject({ ok: false, code: 'E_ROLE', missing: ['role'] });
  });

  it('refuses a role whose scope does not cover the level', () => {
    const r = fire(
      defs.dibao,
      openCase(defs.dibao, township, {}, dayAt(D, 0)),
      'deny',
      { role: 'civil_affairs', scopeLevel: 'village' },
      { note: 'x' },
      dayAt(D, 1),
    );
    expect(r).toMatchObject({ ok: false, code: 'E_ROLE', missing: ['scope'] });
  });

  it('lets a township officer take a village-level step listed for it', () => {
    const r = fire(
      id,
      opened,
      'withdraw',
      township,
      { note: '户主撤回', signatures: [{ who: 'household', name: '户主' }] },
      dayAt(D, 1),
    );
    expect(r.ok).toBe(true);
  });

  it('refuses any step on a closed case', () => {
    const closed = walk(id, opened, D, [
      { action: 'reject', actor: village, day: 1, payload: { note: '有小汽车' } },
    ]);
    expect(fire(id, closed, 'review_vote', village, vote, dayAt(D, 2))).toMatchObject({
      ok: false,
      code: 'E_TRANSITION_NOT_ALLOWED',
    });
  });

  it('lists the actions an actor may take', () => {
    expect(availableActions(id, opened, village).map((t) => t.action)).toEqual([
      'review_vote',
      'reject',
      'withdraw',
    ]);
    expect(availableActions(id, opened, county)).toEqual([]);
  });
});

describe('fire: requirements', () => {
  it('fails a vote below the threshold and names what is missing', () => {
    const r = fire(
      id,
      opened,
      'review_vote',
      village,
      { vote: { total: 9, present: 5, for: 5, against: 0 } },
      dayAt(D, 1),
    );
    expect(r).toMatchObject({ ok: false, code: 'E_REQUIREMENT', missing: ['vote.quorum'] });
    if (!r.ok) expect(r.message).toBe('5 of 9 present; quorum 66.7% needs 6');
  });

  it('says how many days of notice remain', () => {
    const r = fire(id, atNotice, 'close_first_notice', village, noticeOf(D, 2, 7), dayAt(D, 6));
    expect(r).toMatchObject({ ok: false, code: 'E_REQUIREMENT', missing: ['notice.elapsed'] });
    if (!r.ok) expect(r.message).toBe('notice period not over: 3 day(s) remain (ends 2024-03-09)');
  });

  it('refuses a notice shorter than 7 days', () => {
    const r = fire(id, atNotice, 'close_first_notice', village, noticeOf(D, 2, 6), dayAt(D, 20));
    expect(r).toMatchObject({ ok: false, missing: ['notice.period'] });
  });

  it('sends the case back to verification on an unresolved objection', () => {
    const objection = { text: '该户有人在城里买了房', resolved: false };
    const r = fire(id, atNotice, 'close_first_notice', village, noticeOf(D, 2, 7, [objection]), dayAt(D, 5));
    expect(r).toMatchObject({ ok: true, returned: true });
    if (!r.ok) return;
    expect(r.next.state).toBe('verification');
    expect(r.next.history.at(-1)).toMatchObject({
      action: 'close_first_notice',
      to: 'verification',
      returned: { objections: [objection] },
    });
    // after verification the village reviews and gives notice again
    const again = walk(id, r.next, D, [
      { action: 'verify', actor: village, day: 6, payload: { note: '房产登记查无此人，异议不成立' } },
      { action: 'review_vote', actor: village, day: 7, payload: vote },
      { action: 'close_first_notice', actor: village, day: 15, payload: noticeOf(D, 8, 7) },
    ]);
    expect(again.state).toBe('township_review');
  });

  it('accepts a resolved objection only with its resolution', () => {
    const resolved = { text: '异议', resolved: true };
    const r = fire(id, atNotice, 'close_first_notice', village, noticeOf(D, 2, 7, [resolved]), dayAt(D, 9));
    expect(r).toMatchObject({ ok: false, missing: ['notice.objection_resolution'] });
    const ok = fire(
      id,
      atNotice,
      'close_first_notice',
      village,
      noticeOf(D, 2, 7, [{ ...resolved, resolution: '经核实不属实' }]),
      dayAt(D, 9),
    );
    expect(ok.ok).toBe(true);
  });

  it('requires the household signature for exit', () => {
    const ex = defs.exit;
    const c = walk(ex, openCase(ex, village, {}, dayAt(D, 0)), D, [
      { action: 'verify', actor: village, day: 1, payload: { note: '已核实' } },
    ]);
    expect(fire(ex, c, 'household_agree', village, {}, dayAt(D, 2))).toMatchObject({
      ok: false,
      missing: ['signature.household'],
    });
  });

  it('requires two staff, consent and signature for the dibao investigation', () => {
    const d = defs.dibao;
    const r = fire(
      d,
      openCase(d, township, {}, dayAt(D, 0)),
      'investigate',
      civil,
      { staff: ['张', '张 '], note: '入户' },
      dayAt(D, 1),
    );
    expect(r).toMatchObject({ ok: false, missing: ['staff', 'signature.household', 'data_consent'] });
  });

  it('requires a home visit for a relative of staff at the county check', () => {
    const d = defs.dibao;
    const c: CaseState = {
      ...openCase(d, township, { staffRelative: true }, dayAt(D, 0)),
      state: 'county_check',
    };
    expect(fire(d, c, 'county_check', civil, { note: '抽查' }, dayAt(D, 1))).toMatchObject({
      ok: false,
      missing: ['home_visit'],
    });
    const visited = { note: '抽查', homeVisit: { date: '2024-03-02', visitors: ['王'] } };
    expect(fire(d, c, 'county_check', civil, visited, dayAt(D, 1)).ok).toBe(true);
  });

  it('keeps the reason of a rejection or withdrawal', () => {
    expect(fire(id, opened, 'reject', village, {}, dayAt(D, 1))).toMatchObject({
      ok: false,
      missing: ['evidence'],
    });
    const r = fire(id, opened, 'reject', village, { note: '家庭成员有小汽车' }, dayAt(D, 1));
    expect(r.ok && r.next.data).toMatchObject({
      householdNo: '4331240010010001',
      outcome: { state: 'rejected', action: 'reject', note: '家庭成员有小汽车' },
    });
    const w = fire(
      defs.exit,
      openCase(defs.exit, village, {}, dayAt(D, 0)),
      'withdraw',
      village,
      { note: '收入下降' },
      dayAt(D, 1),
    );
    expect(w.ok && w.next.data.outcome).toMatchObject({ state: 'withdrawn', note: '收入下降' });
  });
});

import { describe, expect, it } from 'vitest';
import {
  readableBy,
  redact,
  redactReasons,
  redactResult,
  restsOf,
  WITHHELD_CRITERION,
  WITHHELD_LABEL,
  withheldReason,
} from './explanations.js';
import { reason, type Reason } from './rules/reason.js';
import { ROLES } from './roles.js';
import { DATA_CLASSES, sees } from './visibility.js';

const plain = reason('income', true, 1, 2, { zh: '收入', en: 'income' });
const ill = reason('ill', false, ['m1'], 0, { zh: '家里有 1 人患大病', en: '1 seriously ill' }, false, [
  'health',
]);
const disabled = reason('dis', true, 8, 8, { zh: '有残疾成员 +8', en: 'a member is disabled +8' }, true, [
  'disability',
]);

describe('redact', () => {
  it('keeps what a role sees, folds the rest into ONE neutral item naming no class, count or points', () => {
    const out = redactReasons([ill, plain, disabled], { role: 'village_cadre' });
    expect(out).toEqual([plain, withheldReason()]);
    const neutral = out[1]!;
    expect(neutral).toMatchObject({
      criterion: WITHHELD_CRITERION,
      value: null,
      threshold: null,
      binding: false,
    });
    expect(`${WITHHELD_LABEL.zh}${WITHHELD_LABEL.en}`).not.toMatch(/健康|残疾|病|health|disab|ill|\d/);
  });

  it('an unmasked officer reads everything; the same officer in the default view does not', () => {
    const all = [ill, plain, disabled];
    expect(redactReasons(all, { role: 'township_officer', view: 'unmasked' })).toEqual(all);
    expect(redactReasons(all, { role: 'township_officer' })).toEqual([plain, withheldReason()]);
    expect(redactReasons(all, { role: 'village_cadre', view: 'unmasked' })).toEqual([
      plain,
      withheldReason(),
    ]);
  });

  it('nothing withheld: no neutral item, unless the list may rest on a hidden class', () => {
    expect(redactReasons([plain], { role: 'village_cadre' })).toEqual([plain]);
    const neutral = () => withheldReason();
    expect(redact([plain], { role: 'village_cadre' }, { neutral, mayRestOn: ['health'] })).toEqual([
      plain,
      withheldReason(),
    ]);
    expect(redact([plain], { role: 'admin', view: 'unmasked' }, { neutral, mayRestOn: ['health'] })).toEqual([
      plain,
    ]);
  });

  it('neutral null drops the withheld items without a trace', () => {
    expect(redact([ill, plain], { role: 'organisation' }, { neutral: null })).toEqual([plain]);
  });

  it('an item stored before grounds were declared rests on every class', () => {
    const old = JSON.parse(JSON.stringify({ ...plain, rests: undefined })) as Reason;
    expect(restsOf(old)).toEqual(DATA_CLASSES);
    expect(redactReasons([old], { role: 'admin' })).toEqual([withheldReason()]);
  });

  it('a rule result keeps its decision', () => {
    const r = redactResult({ rule: 'x', decision: 'eligible', reasons: [ill] }, { role: 'village_cadre' });
    expect(r).toEqual({ rule: 'x', decision: 'eligible', reasons: [withheldReason()] });
  });

  it('readableBy follows the visibility table for every role, class and view', () => {
    for (const role of ROLES)
      for (const cls of DATA_CLASSES)
        for (const view of ['default', 'unmasked'] as const)
          expect(readableBy({ role, view }, [cls])).toBe(sees(role, cls, view));
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateHousehold } from '../../domain/rules/index.js';
import { exampleHousehold, exampleLast12, exampleYearIncome } from '../../domain/rules/example-household.js';
import { defaultParams } from '../../domain/rules/params.js';
import { caseKindFor, worklistEntries } from './selection.js';

const p = defaultParams(2020);
const entries = (f = exampleHousehold()) =>
  worklistEntries(f, evaluateHousehold(f, p)).map((e) => `${e.rule}:${e.decision}`);

describe('worklist selection', () => {
  it('a poor household stably above the line is an exit candidate', () => {
    expect(entries()).toContain('household_exit:may_exit');
  });

  it('a non-registered household in the monitoring range is a monitoring candidate', () => {
    const f = exampleHousehold({
      status: 'none',
      registeredPoorYear: null,
      income: exampleYearIncome(2020, 22_000, 4),
      last12Months: exampleLast12(22_000, 4),
    });
    const e = entries(f);
    expect(e).toContain('monitoring:marginal');
    expect(e).not.toContain('household_exit:may_exit');
  });

  it('a poor household with a red-line hit is listed; a non-registered eligible one too', () => {
    const hit = exampleHousehold({
      redLineHits: [{ key: 'car', source: '车辆', memberId: 'm1', writtenException: null }],
    });
    expect(entries(hit)).toContain('identification:red_line_hit');
    const poorNone = exampleHousehold({
      status: 'none',
      registeredPoorYear: null,
      income: exampleYearIncome(2020, 12_000, 4),
      last12Months: exampleLast12(12_000, 4),
    });
    expect(entries(poorNone)).toEqual(expect.arrayContaining(['identification:eligible', 'dibao:eligible']));
  });

  it('maps entries to the procedure a cadre opens', () => {
    expect(caseKindFor('household_exit', 'may_exit')).toBe('exit');
    expect(caseKindFor('risk_removal', 'may_remove')).toBe('monitoring');
    expect(caseKindFor('identification', 'red_line_hit')).toBeNull();
    expect(caseKindFor('linkage', 'poor_eligible_not_covered')).toBe('dibao');
    expect(caseKindFor('linkage', 'dibao_labour_no_development')).toBeNull();
  });
});

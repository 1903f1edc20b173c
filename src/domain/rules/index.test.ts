import { describe, expect, it } from 'vitest';
import { evaluateHousehold, exampleHousehold, HOUSEHOLD_RULE_NAMES } from './index.js';
import { defaultParams } from './params.js';

describe('household rule registry', () => {
  it('runs every household rule with its reasons', () => {
    const results = evaluateHousehold(exampleHousehold(), defaultParams(2020));
    expect(results.map((r) => r.rule)).toEqual(HOUSEHOLD_RULE_NAMES);
    for (const r of results) {
      expect(r.reasons.length).toBeGreaterThan(0);
      for (const x of r.reasons) expect(x.label_zh.length).toBeGreaterThan(0);
    }
    // The example household (5,000 per person in 2020, 4,500 in 2019, all guarantees) may exit.
    expect(results.find((r) => r.rule === 'household_exit')!.decision).toBe('may_exit');
  });
});

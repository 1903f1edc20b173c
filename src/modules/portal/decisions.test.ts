import { describe, expect, it } from 'vitest';
import { decisionKey } from './decisions.js';

describe('a decision as one key for the portal', () => {
  it.each([
    ['may_exit', false, 'may_exit'],
    [{ status: 'verify', monthlyBenefit: null }, false, 'verify'],
    [{ gaps: ['poor_eligible_not_covered'] }, false, 'poor_eligible_not_covered'],
    [{ gaps: ['poor_eligible_not_covered'] }, true, 'poor_eligible_not_covered,verify'],
    [{ gaps: [] }, true, 'verify'],
    [{ gaps: [] }, false, 'none'],
  ])('%j (undecided %s) → %s', (d, undecided, key) => {
    expect(decisionKey(d, undecided)).toBe(key);
  });
});

import { describe, expect, it } from 'vitest';
import { passiveExitFlag } from './passive-exit.js';

/**
 * Hand calculation, line 4,000 a person. A household of 4 with net income 17,000 of which 3,000
 * transfers: 4,250 a person, 3,500 without transfers → passive. 20,000 with 3,000 transfers: 5,000
 * and 4,250 → not passive. 15,000 with 6,000 transfers: 3,750 < 4,000 → below the line, no flag.
 * Exactly at the line without transfers (16,000 + 2,000 transfers: 4,000 without) → not passive.
 */
describe('passive exit flag', () => {
  it.each([
    ['transfers lift 3,500 to 4,250', 17_000, 3_000, 4, true, 4250, 3500],
    ['own income 4,250 alone is above', 20_000, 3_000, 4, false, 5000, 4250],
    ['below the line even with transfers', 15_000, 6_000, 4, false, 3750, 2250],
    ['exactly at the line without transfers', 18_000, 2_000, 4, false, 4500, 4000],
    ['one cent below without transfers', 18_000, 2_000.04, 4, true, 4500, 3999.99],
    ['all income is transfers, one person', 4_000, 4_000, 1, true, 4000, 0],
  ])('%s', (_l, net, transfers, size, passive, pc, without) => {
    const f = passiveExitFlag({ netIncome: net, transfers, size }, 4000);
    expect(f.passive).toBe(passive);
    expect(f.perCapita).toBe(pc);
    expect(f.perCapitaWithoutTransfers).toBe(without);
    const r = f.reasons[0]!;
    expect(r.criterion).toBe('passive_exit');
    expect(r.passed).toBe(!passive);
    expect(r.binding).toBe(false);
    expect(r.rests).toEqual([]);
    expect(r.label_zh.length).toBeGreaterThan(5);
    if (passive) expect(r.label_zh).toContain('被动脱贫提示');
  });
});

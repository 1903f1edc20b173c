import { describe, expect, it } from 'vitest';
import { caseDefinitions } from '../../domain/cases/index.js';
import type { Role } from '../../domain/roles.js';
import { defaultParams } from '../../domain/rules/params.js';
import type { AuthUser } from '../../kernel/user.js';
import { awaiting } from '../inbox/sources.js';

/**
 * Guidance in procedures (issue 20 item 7): every step of every procedure stands in somebody's to-do
 * (/todo, src/modules/inbox/sources.ts `awaiting`): for each open state of each kind of case, some
 * user of the demo's roles and levels finds it awaiting them — a village cadre, the township officer,
 * the county officer or civil affairs (county bureau, township assistant).
 */
const user = (role: Role, scopeCode: string): AuthUser => ({
  id: '1',
  username: role,
  displayName: role,
  role,
  scopeCode,
});
const USERS = {
  village: user('village_cadre', '433124110226'),
  township: user('township_officer', '433124110'),
  county: user('county_officer', '433124'),
  civilCounty: user('civil_affairs_county', '433124'),
  civilTownship: user('civil_affairs_township', '433124110'),
};
const params = defaultParams(2026);
const awaitedBy = Object.fromEntries(
  Object.entries(USERS).map(([k, u]) => [k, new Set(awaiting(u, params).pairs.map(([a, b]) => `${a}/${b}`))]),
);
const who = (key: string) => Object.keys(USERS).filter((k) => awaitedBy[k]!.has(key));

describe("every open step is in somebody's to-do", () => {
  for (const def of Object.values(caseDefinitions(params)))
    it(`${def.kind}: each open state awaits a user of the step's level`, () => {
      const open = def.states.filter(
        (s) => !def.final.includes(s) && def.transitions.some((t) => t.from === s),
      );
      expect(open.length).toBeGreaterThan(0);
      const nobody = open.filter((s) => who(`${def.kind}/${s}`).length === 0);
      expect(nobody, `${def.kind}: states in nobody's to-do`).toEqual([]);
    });

  it('the township and the county find their own steps (identification, exit, monitoring, dibao)', () => {
    expect(who('identification/township_review')).toContain('township');
    expect(who('identification/county_approval')).toContain('county');
    expect(who('exit/announced')).toContain('township');
    expect(who('monitoring/township_review')).toContain('township');
    expect(who('monitoring/county_decision')).toContain('county');
    expect(who('monitoring/removal_county')).toContain('county');
    expect(who('dibao/decision')).toContain('civilCounty');
    // the village's steps are not the township's work (a township may act there, but it is not waited on)
    expect(who('identification/applied')).toEqual(['village']);
  });
});

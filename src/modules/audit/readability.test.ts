import { describe, expect, it } from 'vitest';
import { ROLES } from '../../domain/roles.js';
import { AUDIT_READABILITY, mayRead, readabilityOf, readableActions } from './readability.js';

describe('audit readability', () => {
  it('leaves grievance events to those who handle grievances', () => {
    for (const a of ['grievance.file', 'grievance.resolve', 'grievance.unmask']) {
      expect(mayRead('village_cadre', a), a).toBe(false);
      expect(mayRead('township_officer', a), a).toBe(true);
      expect(mayRead('county_officer', a), a).toBe(true);
    }
  });

  it('leaves account events to those who administer accounts, and a household edit to every staff role', () => {
    for (const a of ['user.create', 'user.password_reset'])
      expect(
        ['admin', 'county_officer', 'township_officer', 'village_cadre'].filter((r) =>
          mayRead(r as never, a),
        ),
      ).toEqual(['admin', 'county_officer']);
    for (const a of ['login', 'demo.generate'])
      expect(
        ['admin', 'county_officer', 'township_officer', 'village_cadre'].filter((r) =>
          mayRead(r as never, a),
        ),
      ).toEqual(['admin']);
    expect(mayRead('village_cadre', 'household.member.update')).toBe(true);
    expect(mayRead('village_cadre', 'case.review_vote')).toBe(true);
  });

  it('gives civil affairs the registry, cases and the safety net, not cadres, projects or accounts', () => {
    for (const r of ['civil_affairs_county', 'civil_affairs_township'] as const) {
      expect(mayRead(r, 'household.member.update')).toBe(true);
      expect(mayRead(r, 'case.approve')).toBe(true);
      expect(mayRead(r, 'safety_net.review')).toBe(true);
      expect(mayRead(r, 'plan.measure.add')).toBe(true);
      for (const a of [
        'cadre.create',
        'project.fund',
        'grievance.file',
        'user.create',
        'login',
        'burden.request',
      ])
        expect(mayRead(r, a), a).toBe(false);
    }
    expect(mayRead('village_cadre', 'safety_net.review')).toBe(true);
    expect(mayRead('organisation', 'safety_net.review')).toBe(false);
  });

  it('gives an organisation nothing and an unknown action to nobody', () => {
    for (const a of Object.keys(AUDIT_READABILITY)) expect(mayRead('organisation', a)).toBe(false);
    for (const r of ROLES) expect(mayRead(r, 'something.new')).toBe(false);
    expect(readabilityOf('something.new')).toBeNull();
  });

  it("turns a role's rules into the query's filter", () => {
    const vil = readableActions('village_cadre');
    expect(vil.actions).toContain('household.update');
    expect(vil.actions).not.toContain('grievance.file');
    expect(vil.prefixes).toEqual(['case.', 'safety_net.']);
    expect(readableActions('admin').prefixes).toEqual(['case.', 'user.', 'safety_net.']);
    expect(readableActions('admin').actions).toHaveLength(Object.keys(AUDIT_READABILITY).length);
  });
});

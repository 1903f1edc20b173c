import { describe, expect, it } from 'vitest';
import { permissionsOf, ROLES, type Permissions } from './roles.js';

const allowed = (role: (typeof ROLES)[number]) =>
  (Object.entries(permissionsOf(role)) as [keyof Permissions, boolean][])
    .filter(([, v]) => v)
    .map(([k]) => k)
    .sort();

describe('permissions', () => {
  it('grow up the staff ladder: each level may do all the level below may', () => {
    const ladder = ['village_cadre', 'township_officer', 'county_officer', 'admin'] as const;
    for (let i = 1; i < ladder.length; i++)
      expect(allowed(ladder[i]!)).toEqual(expect.arrayContaining(allowed(ladder[i - 1]!)));
  });

  it('gives each role what its work needs and no more', () => {
    expect(allowed('village_cadre')).toEqual(['editHouseholds']);
    expect(allowed('township_officer')).toEqual(
      [
        'changeStatus',
        'confirmFacts',
        'editHouseholds',
        'handleGrievances',
        'keepBurdenRegisters',
        'manageAssistance',
        'manageResponsibility',
        'recordEvaluationChecks',
        'reviewMatches',
        'runQualityChecks',
        'unmask',
      ].sort(),
    );
    const countyOnly = allowed('county_officer').filter((p) => !allowed('township_officer').includes(p));
    expect(countyOnly.sort()).toEqual(
      [
        'drawEvaluationSamples',
        'editMeasureCatalogue',
        'editVisitPlan',
        'manageUsers',
        'reviewOrganisations',
        'runBatchEvaluation',
        'setInspectionLimits',
        'setRegionFlags',
      ].sort(),
    );
    expect(allowed('admin')).toEqual(Object.keys(permissionsOf('admin')).sort());
  });

  it('gives civil affairs the safety net only: the township runs it, the county decides and pays', () => {
    expect(allowed('civil_affairs_township')).toEqual(['runSafetyNet']);
    expect(allowed('civil_affairs_county')).toEqual(['decideSafetyNet', 'exportPayments', 'runSafetyNet']);
    for (const p of ['runSafetyNet', 'decideSafetyNet', 'exportPayments'] as const)
      expect(permissionsOf('county_officer')[p]).toBe(false);
  });

  it('gives an organisation no staff permission at all', () => {
    expect(allowed('organisation')).toEqual([]);
  });
});

import type { PolicyParams } from '../rules/params.js';
import { fromEach, householdSigns, reasonNote, step } from './transitions.js';
import type { CaseDefinition } from './types.js';

/**
 * Dibao (DOMAIN.md §4): application → township investigation (≥ dibaoInvestigationStaff staff, the
 * household signs and consents to data checks) → democratic review (dibaoVote) → notice ≥ 7 days
 * (objections → back to investigation) → county check (home visit mandatory for relatives of staff
 * and cadres: `data.staffRelative`) → decision. Civil-affairs staff or county/township officers act.
 */
export function dibaoCase(
  p: Pick<PolicyParams, 'noticeDays' | 'dibaoVote' | 'dibaoInvestigationStaff'>,
): CaseDefinition {
  const open = ['applied', 'democratic_review', 'notice', 'county_check', 'decision'];
  const township = ['township_officer', 'civil_affairs'] as const;
  const county = ['county_officer', 'civil_affairs'] as const;
  return {
    kind: 'dibao',
    states: [...open, 'approved', 'denied', 'withdrawn'],
    initial: 'applied',
    final: ['approved', 'denied', 'withdrawn'],
    transitions: [
      step(
        'applied',
        'investigate',
        'democratic_review',
        township,
        'township',
        { kind: 'staff', min: p.dibaoInvestigationStaff },
        householdSigns,
        { kind: 'dataConsent' },
        reasonNote('income, assets and spending found'),
      ),
      step('democratic_review', 'review_vote', 'notice', ['village_cadre', ...township], 'village', {
        kind: 'vote',
        ...p.dibaoVote,
      }),
      step('notice', 'close_notice', 'county_check', township, 'township', {
        kind: 'notice',
        minDays: p.noticeDays.dibao,
        onObjection: 'applied',
      }),
      step(
        'county_check',
        'county_check',
        'decision',
        county,
        'county',
        { kind: 'homeVisitIfStaffRelative' },
        reasonNote('county check findings'),
      ),
      step('decision', 'approve', 'approved', county, 'county', reasonNote('benefit and first month')),
      step('decision', 'deny', 'denied', county, 'county', reasonNote('reason for denial')),
      ...fromEach(
        ['applied', 'democratic_review'],
        'deny',
        'denied',
        township,
        'township',
        reasonNote('reason for denial'),
      ),
      ...fromEach(
        open,
        'withdraw',
        'withdrawn',
        ['village_cadre', ...township],
        'village',
        householdSigns,
        reasonNote('reason for withdrawal'),
      ),
    ],
  };
}

/**
 * County check sample: at least `share` of the applications visited at home, and every application
 * from a relative of staff or cadres (they count toward the share).
 */
export const countyCheckVisits = (applications: number, staffRelatives: number, share: number): number =>
  Math.max(Math.ceil(applications * share - 1e-9), staffRelatives);

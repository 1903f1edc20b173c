import type { PolicyParams } from '../rules/params.js';
import { fromEach, householdSigns, reasonNote, step } from './transitions.js';
import type { CaseDefinition } from './types.js';

/**
 * 特困 (special hardship, DOMAIN.md §4 and wave-2 additions): its own procedure, no longer a dibao
 * case. Application → township investigation (≥ dibaoInvestigationStaff staff, the household signs
 * and consents to data checks; no labour capacity, no means of living, no able legal supporter) →
 * notice ≥ the dibao notice days (objections → back to investigation) → county check → decision
 * (support mode and care level). Civil-affairs staff or county/township officers act.
 */
export function tekunCase(p: Pick<PolicyParams, 'noticeDays' | 'dibaoInvestigationStaff'>): CaseDefinition {
  const open = ['applied', 'notice', 'county_check', 'decision'];
  const township = ['township_officer', 'civil_affairs'] as const;
  const county = ['county_officer', 'civil_affairs'] as const;
  return {
    kind: 'tekun',
    states: [...open, 'approved', 'denied', 'withdrawn'],
    initial: 'applied',
    final: ['approved', 'denied', 'withdrawn'],
    transitions: [
      step(
        'applied',
        'investigate',
        'notice',
        township,
        'township',
        { kind: 'staff', min: p.dibaoInvestigationStaff },
        householdSigns,
        { kind: 'dataConsent' },
        reasonNote('labour capacity, means of living and legal supporters found'),
      ),
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
      step(
        'decision',
        'approve',
        'approved',
        county,
        'county',
        reasonNote('support mode, care level and first month'),
      ),
      step('decision', 'deny', 'denied', county, 'county', reasonNote('reason for denial')),
      step('applied', 'deny', 'denied', township, 'township', reasonNote('reason for denial')),
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

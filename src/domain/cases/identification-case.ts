import type { PolicyParams } from '../rules/params.js';
import { fromEach, householdSigns, reasonNote, step } from './transitions.js';
import type { CaseDefinition } from './types.js';

/**
 * Identification (DOMAIN.md §4): application → village democratic review (vote) → first village
 * notice (objections → verification, then review again) → township review → second notice →
 * county approval → announcement → registered (household, collector and reviewer sign).
 */
export function identificationCase(
  p: Pick<PolicyParams, 'noticeDays' | 'villageReviewVote'>,
): CaseDefinition {
  const notice = {
    kind: 'notice',
    minDays: p.noticeDays.identification,
    onObjection: 'verification',
  } as const;
  const open = [
    'applied',
    'first_notice',
    'verification',
    'township_review',
    'second_notice',
    'county_approval',
  ];
  return {
    kind: 'identification',
    states: [...open, 'announced', 'registered', 'rejected', 'withdrawn'],
    initial: 'applied',
    final: ['registered', 'rejected', 'withdrawn'],
    transitions: [
      step('applied', 'review_vote', 'first_notice', ['village_cadre'], 'village', {
        kind: 'vote',
        ...p.villageReviewVote,
      }),
      step('first_notice', 'close_first_notice', 'township_review', ['village_cadre'], 'village', notice),
      step(
        'verification',
        'verify',
        'applied',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('verification findings (home visit, department data)'),
      ),
      step(
        'township_review',
        'township_approve',
        'second_notice',
        ['township_officer'],
        'township',
        reasonNote('township review opinion'),
      ),
      step(
        'second_notice',
        'close_second_notice',
        'county_approval',
        ['township_officer'],
        'township',
        notice,
      ),
      step(
        'county_approval',
        'county_approve',
        'announced',
        ['county_officer'],
        'county',
        reasonNote('county approval'),
      ),
      step(
        'announced',
        'register',
        'registered',
        ['village_cadre', 'township_officer'],
        'village',
        householdSigns,
        { kind: 'signature', who: 'collector' },
        { kind: 'signature', who: 'reviewer' },
      ),
      ...fromEach(
        ['applied', 'verification'],
        'reject',
        'rejected',
        ['village_cadre'],
        'village',
        reasonNote('reason for rejection'),
      ),
      step(
        'township_review',
        'reject',
        'rejected',
        ['township_officer'],
        'township',
        reasonNote('reason for rejection'),
      ),
      step(
        'county_approval',
        'reject',
        'rejected',
        ['county_officer'],
        'county',
        reasonNote('reason for rejection'),
      ),
      ...fromEach(
        open,
        'withdraw',
        'withdrawn',
        ['village_cadre', 'township_officer'],
        'village',
        householdSigns,
        reasonNote('reason for withdrawal'),
      ),
    ],
  };
}

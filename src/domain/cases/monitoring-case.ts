import type { PolicyParams } from '../rules/params.js';
import { fromEach, householdSigns, reasonNote, step } from './transitions.js';
import type { CaseDefinition, Requirement } from './types.js';

/**
 * Monitoring with risk removal (DOMAIN.md §4). Inclusion: lead → home visit with the household's
 * signed commitment and data consent → democratic review → village notice ≥ 5 days (objections →
 * back to lead) → township → county decision, due ≤ monitoringDecisionDays days from the lead.
 * Removal: proposal → review vote → notice → township → county; each level may keep monitoring.
 */
export function monitoringCase(
  p: Pick<PolicyParams, 'noticeDays' | 'villageReviewVote' | 'monitoringDecisionDays'>,
): CaseDefinition {
  const vote: Requirement = { kind: 'vote', ...p.villageReviewVote };
  const deadline: Requirement = { kind: 'deadline', days: p.monitoringDecisionDays };
  const notice = (back: string): Requirement => ({
    kind: 'notice',
    minDays: p.noticeDays.monitoring,
    onObjection: back,
  });
  const inclusion = ['lead', 'village_review', 'village_notice', 'township_review', 'county_decision'];
  const removal = ['removal_review', 'removal_notice', 'removal_township', 'removal_county'];
  return {
    kind: 'monitoring',
    states: [...inclusion, 'monitored', ...removal, 'risk_removed', 'not_included', 'withdrawn'],
    initial: 'lead',
    final: ['risk_removed', 'not_included', 'withdrawn'],
    transitions: [
      step(
        'lead',
        'home_visit',
        'village_review',
        ['village_cadre'],
        'village',
        reasonNote('home visit findings'),
        householdSigns,
        { kind: 'dataConsent' },
      ),
      step('village_review', 'review_vote', 'village_notice', ['village_cadre'], 'village', vote),
      step('village_notice', 'close_notice', 'township_review', ['village_cadre'], 'village', notice('lead')),
      step(
        'township_review',
        'township_check',
        'county_decision',
        ['township_officer'],
        'township',
        reasonNote('township check'),
      ),
      step(
        'county_decision',
        'include',
        'monitored',
        ['county_officer'],
        'county',
        reasonNote('category and risks'),
        deadline,
      ),
      step(
        'county_decision',
        'decline',
        'not_included',
        ['county_officer'],
        'county',
        reasonNote('reason for not including'),
        deadline,
      ),
      step(
        'lead',
        'dismiss',
        'not_included',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('why the lead shows no risk'),
      ),
      step(
        'township_review',
        'decline',
        'not_included',
        ['township_officer'],
        'township',
        reasonNote('reason for not including'),
      ),
      ...fromEach(
        inclusion,
        'withdraw',
        'withdrawn',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('reason for withdrawal'),
      ),
      step(
        'monitored',
        'propose_removal',
        'removal_review',
        ['village_cadre'],
        'village',
        reasonNote('follow-up visit: risk removal conditions'),
      ),
      step('removal_review', 'removal_vote', 'removal_notice', ['village_cadre'], 'village', vote),
      step(
        'removal_notice',
        'close_removal_notice',
        'removal_township',
        ['village_cadre'],
        'village',
        notice('monitored'),
      ),
      step(
        'removal_township',
        'township_confirm',
        'removal_county',
        ['township_officer'],
        'township',
        reasonNote('township check of removal'),
      ),
      step(
        'removal_county',
        'remove_risk',
        'risk_removed',
        ['county_officer'],
        'county',
        reasonNote('county decision on removal'),
      ),
      step(
        'removal_review',
        'keep_monitoring',
        'monitored',
        ['village_cadre'],
        'village',
        reasonNote('why monitoring continues'),
      ),
      step(
        'removal_township',
        'keep_monitoring',
        'monitored',
        ['township_officer'],
        'township',
        reasonNote('why monitoring continues'),
      ),
      step(
        'removal_county',
        'keep_monitoring',
        'monitored',
        ['county_officer'],
        'county',
        reasonNote('why monitoring continues'),
      ),
    ],
  };
}

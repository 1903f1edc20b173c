import type { PolicyParams } from '../rules/params.js';
import { fromEach, householdSigns, reasonNote, step } from './transitions.js';
import type { CaseDefinition } from './types.js';

/**
 * Household exit (DOMAIN.md §4): the village proposes after review → committee and work team verify
 * → the household agrees and signs → village notice (objections → back to proposed) → announcement
 * → closed (销号) in the registry.
 */
export function exitCase(p: Pick<PolicyParams, 'noticeDays'>): CaseDefinition {
  const open = ['proposed', 'household_consent', 'village_notice', 'announcement'];
  return {
    kind: 'exit',
    states: [...open, 'announced', 'closed', 'rejected', 'withdrawn'],
    initial: 'proposed',
    final: ['closed', 'rejected', 'withdrawn'],
    transitions: [
      step(
        'proposed',
        'verify',
        'household_consent',
        ['village_cadre'],
        'village',
        reasonNote('verification by the village committee and work team (income, 两不愁三保障)'),
      ),
      step(
        'household_consent',
        'household_agree',
        'village_notice',
        ['village_cadre'],
        'village',
        householdSigns,
      ),
      step('village_notice', 'close_notice', 'announcement', ['village_cadre'], 'village', {
        kind: 'notice',
        minDays: p.noticeDays.exit,
        onObjection: 'proposed',
      }),
      step(
        'announcement',
        'announce',
        'announced',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('announcement posted'),
      ),
      step(
        'announced',
        'close_record',
        'closed',
        ['township_officer', 'county_officer'],
        'township',
        reasonNote('registry record closed (销号)'),
      ),
      ...fromEach(
        ['proposed', 'household_consent'],
        'reject',
        'rejected',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('reason (not verified, or the household does not agree)'),
      ),
      ...fromEach(
        open,
        'withdraw',
        'withdrawn',
        ['village_cadre', 'township_officer'],
        'village',
        reasonNote('reason for withdrawal'),
      ),
    ],
  };
}

import { permissionsOf, type Role } from '../roles.js';
import type { FlagStatus } from './kinds.js';

/**
 * The review of a flag as a state machine: a pending flag is confirmed or dismissed, with a reason,
 * by a township officer or above; a reviewed flag is final (a new list raises a new flag only for
 * a new record of another kind or ID number).
 */
export type ReviewDecision = 'confirm' | 'dismiss';

export const REVIEW_TRANSITIONS: Readonly<Record<FlagStatus, Partial<Record<ReviewDecision, FlagStatus>>>> = {
  pending: { confirm: 'confirmed', dismiss: 'dismissed' },
  confirmed: {},
  dismissed: {},
};

export const mayReview = (role: Role): boolean => permissionsOf(role).reviewMatches;

export type ReviewOutcome =
  | { ok: true; to: FlagStatus }
  | { ok: false; code: 'E_FORBIDDEN' | 'E_VALIDATION' | 'E_CONFLICT'; message: string };

export function review(
  status: FlagStatus,
  decision: ReviewDecision,
  role: Role,
  reason: string,
): ReviewOutcome {
  if (!mayReview(role))
    return { ok: false, code: 'E_FORBIDDEN', message: 'Only township officers and above review flags' };
  if (reason.trim().length < 2) return { ok: false, code: 'E_VALIDATION', message: 'A reason is required' };
  const to = REVIEW_TRANSITIONS[status][decision];
  if (!to) return { ok: false, code: 'E_CONFLICT', message: `The flag is already ${status}` };
  return { ok: true, to };
}

import type { Role } from '../roles.js';
import type { VoteThreshold } from '../rules/params.js';

/**
 * Case procedures as data (STYLE.md §6): states, allowed transitions, who may fire each at which
 * level, and what each requires. `fire` (fire.ts) is the only way a case moves.
 */

export type CaseKind = 'identification' | 'exit' | 'monitoring' | 'dibao' | 'tekun';

/** Roles of roles.ts plus civil-affairs staff (民政), who run dibao; not yet a login role. */
export type CaseRole = Role | 'civil_affairs';

export type ScopeLevel = 'national' | 'province' | 'prefecture' | 'county' | 'township' | 'village';
export type TransitionLevel = 'village' | 'township' | 'county';

export type Signer = 'household' | 'collector' | 'reviewer';

export type Requirement =
  /** A recorded vote: present/total ≥ quorum, for/present ≥ (or >) approval. */
  | ({ kind: 'vote' } & VoteThreshold)
  /** A public notice of ≥ minDays (start and end inclusive), over before the step; an unresolved objection sends the case to `onObjection`. */
  | { kind: 'notice'; minDays: number; onObjection: string }
  | { kind: 'signature'; who: Signer }
  /** The household's consent to check its data with other departments. */
  | { kind: 'dataConsent' }
  /** A written note: what was checked, the reason of a rejection… */
  | { kind: 'evidence'; note: string }
  /** At least `min` distinct staff took part (dibao home investigation). */
  | { kind: 'staff'; min: number }
  /** A home visit is required when the case data marks the applicant as a relative of staff or cadres. */
  | { kind: 'homeVisitIfStaffRelative' }
  /** The step is due `days` days after the case was opened; a late step must give a reason. */
  | { kind: 'deadline'; days: number };

export type RequirementKind = Requirement['kind'];

export interface Transition {
  from: string;
  to: string;
  action: string;
  roles: readonly CaseRole[];
  level: TransitionLevel;
  requires: readonly Requirement[];
}

export interface CaseDefinition {
  kind: CaseKind;
  states: readonly string[];
  initial: string;
  final: readonly string[];
  transitions: readonly Transition[];
}

export interface Actor {
  role: CaseRole;
  scopeLevel: ScopeLevel;
  id?: string;
  name?: string;
}

export interface Objection {
  text: string;
  resolved: boolean;
  resolution?: string;
}

/** What the person firing a step records with it. */
export interface FirePayload {
  vote?: { total: number; present: number; for: number; against: number };
  notice?: { start: string; end: string; objections: readonly Objection[] };
  signatures?: readonly { who: Signer; name: string }[];
  dataConsent?: { by: string; signedOn: string };
  note?: string;
  staff?: readonly string[];
  homeVisit?: { date: string; visitors: readonly string[] };
  lateReason?: string;
}

export interface HistoryEntry {
  at: string;
  action: string;
  from: string | null;
  to: string;
  actor: Actor;
  payload: FirePayload;
  /** Set when a notice closed with unresolved objections and the case went back. */
  returned?: { objections: readonly Objection[] };
  /** Set when a deadline step fired late. */
  late?: { days: number; reason: string };
}

export interface CaseState {
  state: string;
  /** First entry is the opening (`action: 'open'`). */
  history: readonly HistoryEntry[];
  data: Readonly<Record<string, unknown>>;
}

export type FireErrorCode = 'E_TRANSITION_NOT_ALLOWED' | 'E_ROLE' | 'E_REQUIREMENT';

export type FireResult =
  | { ok: true; next: CaseState; returned: boolean }
  | { ok: false; code: FireErrorCode; message: string; missing: string[] };

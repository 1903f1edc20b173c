import type { CaseRole, Requirement, Transition, TransitionLevel } from './types.js';

/** Small builders for the case definitions. */
export const step = (
  from: string,
  action: string,
  to: string,
  roles: readonly CaseRole[],
  level: TransitionLevel,
  ...requires: Requirement[]
): Transition => ({ from, action, to, roles, level, requires });

/** The same closing step (reject, withdraw…) from several states. */
export const fromEach = (
  froms: readonly string[],
  action: string,
  to: string,
  roles: readonly CaseRole[],
  level: TransitionLevel,
  ...requires: Requirement[]
): Transition[] => froms.map((from) => step(from, action, to, roles, level, ...requires));

export const reasonNote = (what: string): Requirement => ({ kind: 'evidence', note: what });
export const householdSigns: Requirement = { kind: 'signature', who: 'household' };

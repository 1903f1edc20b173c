import type { Actor, ScopeLevel } from '../../domain/cases/types.js';
import type { AuthUser } from '../../kernel/user.js';

const LEVEL_BY_LENGTH: Record<number, ScopeLevel> = {
  0: 'national',
  2: 'province',
  4: 'prefecture',
  6: 'county',
  9: 'township',
  12: 'village',
};

/**
 * The case actor of a signed-in user: role, the level of the user's scope, the user's id, and the
 * display name that a case timeline shows to officers and households (the audit event of the same
 * step names the login, through the kernel's actorOf).
 */
export const caseActorOf = (user: AuthUser): Actor => ({
  // the civil-affairs roles (county bureau, township assistant) act as the procedures' 民政 staff
  role: user.role.startsWith('civil_affairs') ? 'civil_affairs' : user.role,
  scopeLevel: LEVEL_BY_LENGTH[user.scopeCode.length] ?? 'village',
  id: user.id,
  name: user.displayName,
});

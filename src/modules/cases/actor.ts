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

/** The case actor of a signed-in user: role, and the level of the user's scope. */
export const actorOf = (user: AuthUser): Actor => ({
  role: user.role,
  scopeLevel: LEVEL_BY_LENGTH[user.scopeCode.length] ?? 'village',
  id: user.id,
  name: user.displayName,
});

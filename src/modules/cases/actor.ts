import type { Actor, ScopeLevel } from '../../domain/cases/types.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';

const LEVEL_BY_LENGTH: Record<number, ScopeLevel> = {
  0: 'national',
  2: 'province',
  4: 'prefecture',
  6: 'county',
  9: 'township',
  12: 'village',
};

/** The case actor of a signed-in user: the kernel's actor (id, name), role, and the level of the user's scope. */
export const caseActorOf = (user: AuthUser): Actor => {
  const { id, name } = actorOf(user);
  return {
    role: user.role,
    scopeLevel: LEVEL_BY_LENGTH[user.scopeCode.length] ?? 'village',
    ...(id !== null && { id }),
    name,
  };
};

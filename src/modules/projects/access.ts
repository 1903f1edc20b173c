import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/** Pairs, targets and projects are kept by township officers and above (village cadres read). */
export function assertManager(user: AuthUser, what: string): void {
  if (!permissionsOf(user.role).manageAssistance)
    throw new AppError('E_FORBIDDEN', `Only township officers and above may ${what}`);
}

export const actorOf = (u: AuthUser) => ({ id: u.id, name: u.username });

/** Scope of a read: the asked region, or the user's own. */
export const regionOf = (user: AuthUser, region: string | undefined) => region || user.scopeCode;

import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/** Pairs, targets and projects are kept by township officers and above (village cadres read). */
export function assertManager(user: AuthUser, what: string): void {
  if (!permissionsOf(user.role).manageAssistance)
    throw new AppError('E_FORBIDDEN', `Only township officers and above may ${what}`);
}

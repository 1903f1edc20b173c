import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';

/** Cadres, assignments and work teams are managed by township officers and above. */
export function assertManage(user: AuthUser) {
  if (!permissionsOf(user.role).manageResponsibility)
    throw new AppError('E_FORBIDDEN', 'Only township officers and above assign cadres and manage work teams');
}

/** A field of the body that names something unusable (400, with the field). */
export const badField = (field: string, message: string) =>
  new AppError('E_VALIDATION', `${field}: ${message}`, { field });

import { inScope } from '../../domain/region-code.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';

/** Cadres, assignments and work teams are managed by township officers and above. */
export function assertManage(user: AuthUser) {
  if (!permissionsOf(user.role).manageResponsibility)
    throw new AppError('E_FORBIDDEN', 'Only township officers and above assign cadres and manage work teams');
}

/**
 * May a body (an assignment, a visit) name this cadre for a household of `village`? The cadre works
 * within the user's scope, or at a level above the household (a county unit's cadre for one of its
 * villages). Any other cadre answers as one that does not exist: never named, nor its region.
 */
export function cadreUsable(user: AuthUser, cadreRegion: string, village: string): boolean {
  return withinScope(user, cadreRegion) || inScope(cadreRegion, village);
}

/** A field of the body that names something unusable (400, with the field). */
export const badField = (field: string, message: string) =>
  new AppError('E_VALIDATION', `${field}: ${message}`, { field });

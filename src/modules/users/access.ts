import { permissionsOf, type Role } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';

/**
 * Who administers whom (docs/security.md, "User administration"):
 * - an admin: every account within the admin's scope (an admin of the whole country: every account);
 * - a county officer: township officers and village cadres within the county — never a county
 *   officer (their own rank), an admin or an organisation account, and never a scope outside the county;
 * - nobody else. The civil-affairs accounts (another bureau) are given by an admin only.
 * Organisation accounts belong to their organisation's registration (src/modules/participation): they
 * are listed, and an admin may disable, enable or reset them, but no role is changed to or from it.
 */
export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'county_officer',
  'township_officer',
  'village_cadre',
  'civil_affairs_county',
  'civil_affairs_township',
];
const COUNTY_MANAGES: readonly Role[] = ['township_officer', 'village_cadre'];

/** The length of the division code each staff role is scoped to (admin: every length, '' = the country). */
const SCOPE_LENGTH: Partial<Record<Role, number>> = {
  county_officer: 6,
  township_officer: 9,
  village_cadre: 12,
  civil_affairs_county: 6,
  civil_affairs_township: 9,
};

export function assertAdministers(actor: AuthUser): void {
  if (!permissionsOf(actor.role).manageUsers)
    throw new AppError('E_FORBIDDEN', 'Only admins and county officers administer users');
}

/** The roles this actor may give (create with, or change to). */
export const assignableRoles = (actor: AuthUser): readonly Role[] =>
  actor.role === 'admin' ? STAFF_ROLES : actor.role === 'county_officer' ? COUNTY_MANAGES : [];

/** Whether the account lies in the actor's scope at all (else it is "not found", never described). */
export const sees = (actor: AuthUser, target: { scope_code: string }) =>
  actor.role === 'admin'
    ? withinScope(actor, target.scope_code)
    : target.scope_code !== '' && withinScope(actor, target.scope_code);

/** Whether the actor may change this account (disable, reset, role, scope). */
export const manages = (actor: AuthUser, target: { role: string; scope_code: string }) =>
  sees(actor, target) &&
  (actor.role === 'admin' || (COUNTY_MANAGES as readonly string[]).includes(target.role));

/** The account to change: 404 outside the actor's scope, 403 above what the actor may manage. */
export function assertManages<T extends { id: string; role: string; scope_code: string }>(
  actor: AuthUser,
  target: T | undefined,
  id: string,
): T {
  if (!target || !sees(actor, target)) throw notFound('user', id);
  if (!manages(actor, target))
    throw new AppError('E_FORBIDDEN', 'You may not administer an account of this role', { field: 'role' });
  return target;
}

/** A role and scope the actor may give: a staff role within reach, a scope of its level in the actor's scope. */
export function assertAssignable(actor: AuthUser, role: string, scopeCode: string): Role {
  const roles = assignableRoles(actor);
  if (!(roles as readonly string[]).includes(role))
    throw new AppError('E_FORBIDDEN', `You may give only the roles ${roles.join(', ')}`, { field: 'role' });
  const length = SCOPE_LENGTH[role as Role];
  if (length !== undefined && scopeCode.length !== length)
    throw new AppError('E_VALIDATION', `a ${role} is scoped to a division code of ${length} digits`, {
      field: 'scopeCode',
    });
  if (!withinScope(actor, scopeCode) || (actor.role !== 'admin' && scopeCode === ''))
    throw new AppError('E_OUT_OF_SCOPE', 'The scope lies outside your own', { field: 'scopeCode' });
  return role as Role;
}

/** Nobody disables or demotes themselves (nor moves their own scope): another administrator must. */
export function assertNotSelf(actor: AuthUser, targetId: string, what: string): void {
  if (actor.id === targetId)
    throw new AppError('E_FORBIDDEN', `You may not ${what} your own account`, { field: 'id' });
}

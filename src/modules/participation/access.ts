import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, outOfScope } from '../../kernel/errors.js';
import { assertInScope, onScopeLine } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { organisationRepository } from './organisation-repository.js';

/** Who may do what in social participation: officers and cadres, editors in scope, organisations. */

export function requireOfficer(user: AuthUser): void {
  if (user.role === 'organisation') throw new AppError('E_FORBIDDEN', 'Only officers and cadres may do this');
}

function requireEditorRole(user: AuthUser): void {
  requireOfficer(user);
  if (!permissionsOf(user.role).editHouseholds)
    throw new AppError('E_FORBIDDEN', 'Your role may not publish or change participation records');
}

/** A cadre who may change participation records of `region` (inside the scope). */
export function requireEditor(user: AuthUser, region: string): void {
  requireEditorRole(user);
  assertInScope(user, region);
}

/** A township on the scope's line: inside it (county, township) or containing it (village cadre). */
export function requireEditorOfTownship(user: AuthUser, township: string): void {
  requireEditorRole(user);
  if (!onScopeLine(user, township)) throw outOfScope(township);
}

export function requireReviewer(user: AuthUser): void {
  requireOfficer(user);
  if (!permissionsOf(user.role).reviewOrganisations)
    throw new AppError('E_FORBIDDEN', 'Only county officers review organisations');
}

/** The approved organisation of an organisation account, or 403. */
export async function organisationOf(db: Kysely<DB>, user: AuthUser) {
  if (user.role !== 'organisation')
    throw new AppError('E_FORBIDDEN', 'Only organisation accounts may do this');
  const org = await organisationRepository.organisationOfUser(db, user.id);
  if (!org) throw new AppError('E_FORBIDDEN', 'Your organisation is not approved');
  return org;
}

export interface Paging {
  page: number;
  pageSize: number;
}

/** A page of a list as SQL limit and offset. */
export const paging = (q: Paging) => ({
  limit: q.pageSize,
  offset: (q.page - 1) * q.pageSize,
});

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf, type Permissions } from '../../domain/roles.js';
import { redactFields } from '../../domain/visibility.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { effortRepository as repo } from './repository.js';

/** Shared checks of the effort services: scope, permissions, personal data. */

export const refuse = (en: string, zh: string) => new AppError('E_FORBIDDEN', en, { messageZh: zh });

export const invalid = (field: string, en: string, zh: string) =>
  new AppError('E_VALIDATION', `Invalid ${field}: ${en}`, { field, messageZh: zh });

export function need(user: AuthUser, p: keyof Permissions, en: string, zh: string): void {
  if (!permissionsOf(user.role)[p]) throw refuse(en, zh);
}

/** The household in the user's scope (a foreign one answers 404). */
export async function householdIn(db: Kysely<DB>, user: AuthUser, id: string, lock = false) {
  const h = await (lock ? repo.lockHousehold(db, id) : repo.household(db, id));
  assertObjectInScope(user, h?.village_code, 'household', id);
  return h!;
}

/** A member of `householdId` (every other member answers 404 naming body.memberId). */
export async function memberOf(db: Kysely<DB>, user: AuthUser, householdId: string | null, memberId: string) {
  const m = await repo.member(db, memberId);
  assertObjectInScope(user, m?.village_code, 'member', memberId);
  if (householdId !== null && m!.household_id !== householdId) throw notFound('member', memberId);
  return m!;
}

/** Every output with personal fields goes through the visibility table (FIELD_CLASS). */
export const shown = <T>(user: AuthUser, today: string, value: T): T =>
  redactFields(user.role, 'default', value, { today }) as T;

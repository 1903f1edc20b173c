import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { inScope } from '../domain/region-code.js';
import { notFound, outOfScope, type AppError } from './errors.js';

/**
 * Region scope: every user has a scope code (a division code, '' = the whole country) and sees only
 * the subtree below it. This file is the only place that resolves a requested region against it.
 */
export interface ScopedUser {
  scopeCode: string;
}

/**
 * The region a request works on. An absent or empty `requested` region means "my whole scope"
 * (never "the whole country" for a user scoped lower); a requested region must lie within the scope,
 * or E_OUT_OF_SCOPE.
 */
export function scopeFor(user: ScopedUser, requested?: string | null): string {
  if (requested === undefined || requested === null || requested === '') return user.scopeCode;
  assertInScope(user, requested);
  return requested;
}

/** Whether `regionCode` lies within the user's scope (the yes/no form of assertInScope). */
export function withinScope(user: ScopedUser, regionCode: string): boolean {
  return inScope(user.scopeCode, regionCode);
}

/**
 * The scope check of a REQUESTED region (a query's or body's region code, which the user sent):
 * throws E_OUT_OF_SCOPE (403, echoing only that code) unless it lies within the user's scope.
 * For an object looked up by id use `assertObjectInScope`.
 */
export function assertInScope(user: ScopedUser, regionCode: string): void {
  if (!withinScope(user, regionCode)) throw outOfScope(regionCode);
}

/**
 * The scope check of an object looked up by id (a household, case, plan, grievance…): one outside the
 * scope answers exactly as one that does not exist — the same 404 the caller throws for a missing id,
 * `notFound(what, id)`, or the caller's own not-found error (`missing`) — so that neither its existence
 * nor its region is disclosed.
 */
export function assertObjectInScope(
  user: ScopedUser,
  regionCode: string | null | undefined,
  what: string | (() => AppError),
  id?: string | number,
): void {
  if (regionCode !== null && regionCode !== undefined && withinScope(user, regionCode)) return;
  throw typeof what === 'function' ? what() : notFound(what, id ?? '');
}

/**
 * The reverse relation, for rows that belong to a region above the user (a township's need seen by
 * a village cadre, a pair whose recipient is the county): the row's region contains the user's scope.
 */
export function containsScope(user: ScopedUser, regionCode: string): boolean {
  return inScope(regionCode, user.scopeCode);
}

/** Either way round: the row's region and the user's scope lie on one line of the tree. */
export function onScopeLine(user: ScopedUser, regionCode: string): boolean {
  return inScope(user.scopeCode, regionCode) || inScope(regionCode, user.scopeCode);
}

/**
 * The one SQL helper for a region-code prefix: `column` lies in the subtree of `prefix`, written as a
 * range on text in "C" collation so that the btree index serves it. `includeNull` also matches rows
 * without a region (only meaningful for the whole-country scope '').
 */
export function inRegion(column: string, prefix: string, includeNull = false): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  if (prefix === '') return includeNull ? sql<SqlBool>`true` : sql<SqlBool>`${ref} is not null`;
  return sql<SqlBool>`(${ref} >= ${prefix} and ${ref} < ${prefix + '~'})`;
}

/**
 * The province a scope lies in (its first two digits; '' for the country): the registry tables are
 * partitioned by it (migration 044), so a join that names it reads one partition.
 */
export function provinceOf(scope: string): string {
  return scope.slice(0, 2);
}

/**
 * The SQL reverse helper: `column` holds a region code that contains `scope` (is a prefix of it, or
 * equal) — rows of a region above or at the user's scope. The country row ('') contains everything.
 */
export function containsRegion(column: string, scope: string): RawBuilder<SqlBool> {
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} is not null and ${scope} like ${ref} || '%')`;
}

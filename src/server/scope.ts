import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { inScope } from '../domain/region-code.js';
import { outOfScope } from './errors.js';

export interface ScopedUser {
  scopeCode: string;
}

/** The one scope check: throws E_OUT_OF_SCOPE unless `regionCode` lies within the user's scope. */
export function assertInScope(user: ScopedUser, regionCode: string): void {
  if (!inScope(user.scopeCode, regionCode)) throw outOfScope(regionCode);
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

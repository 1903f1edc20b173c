import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { RedLineHit } from '../../domain/rules/facts.js';

/**
 * The hook for other departments' lists (vehicles, real estate, business registry, public payroll):
 * confirmed matches become red-line hits of the identification rule. `null` means no source is
 * connected, which the facts record as a gap ("not yet matched") rather than as "no hit".
 */
export type RedLineSource = (
  db: Kysely<DB>,
  householdIds: readonly string[],
) => Promise<Map<string, RedLineHit[]> | null>;

/** No department data connected yet. */
export const noDepartmentData: RedLineSource = async () => null;

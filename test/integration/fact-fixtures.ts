import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/types.js';
import { subjectOf, type KindValue } from '../../src/domain/facts/kinds.js';

/**
 * Confirmed facts written straight into household_fact for the rule tests (issue 16): what a
 * confirmed home visit, means test or follow-up leaves behind. Source `document`, no maker–checker.
 */
export async function recordFact(
  db: Kysely<DB>,
  householdId: string,
  kind: string,
  value: unknown,
  observedOn: string,
  state: 'confirmed' | 'proposed' = 'confirmed',
): Promise<string> {
  const h = await db
    .selectFrom('household')
    .select('village_code')
    .where('id', '=', householdId)
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('household_fact')
    .values({
      village_code: h.village_code,
      household_id: householdId,
      kind,
      subject: subjectOf({ kind, value } as KindValue),
      value: JSON.stringify(value),
      observed_on: observedOn,
      source: 'document',
      state,
      recorded_at: new Date('2025-12-01T00:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A verified means test within the limits and no legal supporter able to pay: the dibao investigation done. */
export async function dibaoInvestigated(db: Kysely<DB>, householdId: string, on: string): Promise<void> {
  const means = { vehicles: 0, houses: 0, deposits: 2000, spending12m: 6000 };
  await recordFact(
    db,
    householdId,
    'dibao_means',
    { declared: means, verified: means, employmentCost12m: 0 },
    on,
  );
}

/** A home visit of the last round: food and clothing secure. */
export const visited = (db: Kysely<DB>, householdId: string, on: string, secure = true) =>
  recordFact(db, householdId, 'food_clothing', { secure }, on);

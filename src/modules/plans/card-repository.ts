import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';

/** What the household card reads beside the plan: the households of a village, eco compensation. */
export const cardRepository = {
  /** Households of a village that get a card (registered or monitored), in household-number order. */
  cardHouseholds: (db: Kysely<DB>, villageCode: string) =>
    db
      .selectFrom('household')
      .selectAll()
      .where('village_code', '=', villageCode)
      .where('status', 'in', [...PLANNED_STATUSES])
      .orderBy('household_no')
      .execute(),

  /** Ecological compensation received in the year (card: policies enjoyed). */
  ecoCompensation: async (db: Kysely<DB>, householdIds: string[], year: number) => {
    const out = new Map<string, number>();
    if (!householdIds.length) return out;
    const rows = await db
      .selectFrom('household_year')
      .select(['household_id', 'transfer_eco'])
      .where('household_id', 'in', householdIds)
      .where('year', '<=', year)
      .orderBy('year')
      .execute();
    for (const r of rows) out.set(String(r.household_id), Number(r.transfer_eco));
    return out;
  },
};

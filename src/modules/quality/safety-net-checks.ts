import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addMonths } from '../../domain/safety-net/month.js';
import { paymentMismatches } from '../safety-net/index.js';
import type { FindingRow } from './repository.js';

/**
 * `payments_reconcile` (src/domain/quality/catalogue-safety-net.ts): one finding per roll entry or
 * temporary aid whose listed amount differs from what the rolls make due, in the payment lists of
 * the last `months` months (the run's month included, later months too: a list is made ahead).
 */
export async function paymentsReconcileFindings(
  db: Kysely<DB>,
  region: string,
  today: string,
  months: number,
): Promise<FindingRow[]> {
  const from = addMonths(`${today.slice(0, 7)}-01`, -(Math.max(1, months) - 1));
  return (await paymentMismatches(db, region, from)).map((m) => ({
    household_id: m.householdId,
    region_code: m.villageCode,
    subject: `${m.month.slice(0, 7)} ${m.key}`,
    detail: {
      list_id: m.listId,
      month: m.month,
      programme: m.programme,
      expected: m.expected,
      listed: m.listed,
    },
  }));
}

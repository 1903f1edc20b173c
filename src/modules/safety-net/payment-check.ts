import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { reconcile } from '../../domain/safety-net/reconcile.js';
import { inRegion } from '../../kernel/scope.js';
import { listed } from './payment-list.js';
import { keyOf, paymentRepository } from './payment-repository.js';

/** One roll entry or temporary aid whose listed amount differs from what the rolls make due. */
export interface PaymentMismatch {
  listId: string;
  month: string;
  householdId: string;
  villageCode: string;
  key: string;
  programme: string;
  expected: number;
  listed: number;
}

/**
 * The quality catalogue's `payments_reconcile` (docs/safety-net.md "Payments"): every payment list of
 * the region's counties for a month from `fromMonth` on, against what the rolls make due that month
 * now, restricted to the region's villages (a township sees its part of its county's list). A
 * mismatch is an entry listed at a different amount than due (a decision made after the list, not
 * corrected), missing from the list, or listed though not due.
 */
export async function paymentMismatches(
  db: Kysely<DB>,
  region: string,
  fromMonth: string,
): Promise<PaymentMismatch[]> {
  const lists = await db
    .selectFrom('payment_list')
    .select(['id', 'county_code', 'month'])
    // a county's list: the county's own when the region is in a county, every county's above
    .where(inRegion('county_code', region.slice(0, 6)))
    .where('month', '>=', fromMonth)
    .orderBy('month')
    .orderBy('id')
    .execute();
  const out: PaymentMismatch[] = [];
  for (const l of lists) {
    const scope = region.length > l.county_code.length ? region : l.county_code;
    const [due, lines] = await Promise.all([
      paymentRepository.due(db, scope, l.month),
      paymentRepository.lines(db, l.id).then((rows) => rows.filter((r) => r.village_code.startsWith(scope))),
    ]);
    const where = new Map<string, { household_id: string; village_code: string }>();
    for (const r of [...due, ...lines]) where.set(keyOf(r), r);
    const r = reconcile(paymentRepository.toDue(due), listed(lines));
    for (const m of r.mismatches) {
      const w = where.get(m.key)!;
      out.push({
        listId: l.id,
        month: l.month,
        householdId: w.household_id,
        villageCode: w.village_code,
        ...m,
      });
    }
  }
  return out;
}

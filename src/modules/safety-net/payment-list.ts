import type { Kysely, Selectable } from 'kysely';
import type { DB, PaymentListTable } from '../../db/types.js';
import type { ListedLine, Programme, Reconciliation } from '../../domain/safety-net/reconcile.js';
import { notFound } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import { keyOf } from './payment-repository.js';

type ListRow = Selectable<PaymentListTable>;

export const summary = (l: ListRow) => ({
  id: l.id,
  countyCode: l.county_code,
  month: l.month,
  state: l.state,
  exports: l.exports,
  totals: ((l.totals as { totals?: unknown[] }).totals ?? []) as Reconciliation['totals'],
  createdAt: l.created_at.toISOString(),
});

export const listed = (
  lines: readonly {
    roll_id: string | null;
    temporary_id: string | null;
    programme: string;
    amount: string;
    state: string;
  }[],
): ListedLine[] =>
  lines.map((l) => ({
    key: keyOf(l),
    programme: l.programme as Programme,
    amount: Number(l.amount),
    state: l.state as ListedLine['state'],
  }));

/**
 * Whether a county's payment list is the user's: the county's users, those above, and its townships'
 * civil-affairs assistants (who record their villages' bank returns; line operations check the line's
 * village, and a list's totals are county figures, no person's).
 */
export const listReadableBy = (user: AuthUser, county: string) =>
  user.scopeCode.startsWith(county) || county.startsWith(user.scopeCode);

/** A payment list in the user's scope (else "not found", its existence not told). */
export async function listInScope(db: Kysely<DB>, user: AuthUser, id: string): Promise<ListRow> {
  const l = await db.selectFrom('payment_list').selectAll().where('id', '=', id).executeTakeFirst();
  if (!l || !listReadableBy(user, l.county_code)) throw notFound('payment list', id);
  return l;
}

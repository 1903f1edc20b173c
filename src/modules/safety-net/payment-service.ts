import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { reconcile } from '../../domain/safety-net/reconcile.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { assertInScope, inRegion, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { listed, listInScope, listReadableBy, summary } from './payment-list.js';
import { correctLine, exportList, makeList, returnLine } from './payment-ops.js';
import { paymentRepository } from './payment-repository.js';
import { requireRight } from './rights.js';

/**
 * Monthly payment lists per county (docs/safety-net.md): made from the rolls (dibao, 特困; gradual
 * exits over by the month cease first) and the month's temporary assistance, with totals; the bank
 * file (the only output with whole account numbers; every export audited); returns and corrections;
 * the reconciliation of a list with the rolls.
 */
export function createPaymentService(deps: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = deps;

  /** The list against what the rolls make due now. */
  async function reconcileList(user: AuthUser, id: string) {
    const l = await listInScope(db, user, id);
    const [due, lines] = await Promise.all([
      paymentRepository.due(db, l.county_code, l.month),
      paymentRepository.lines(db, id),
    ]);
    return { listId: id, month: l.month, ...reconcile(paymentRepository.toDue(due), listed(lines)) };
  }

  return {
    async create(user: AuthUser, input: { county: string; month: string }) {
      requireRight(user, 'decideSafetyNet');
      assertInScope(user, input.county);
      return summary(await listInScope(db, user, await makeList(db, clock.now(), user, input)));
    },

    /** The bank file: whole account numbers, for the county bureau only; every export audited. */
    exportBankFile: (user: AuthUser, id: string, format: 'csv' | 'xlsx') => (
      requireRight(user, 'exportPayments'),
      exportList(db, user, id, format)
    ),

    /** The bank returned a line (closed account, deceased payee…). */
    async returnLine(user: AuthUser, id: string, lineId: string, note: string) {
      requireRight(user, 'runSafetyNet');
      await returnLine(db, clock.now(), user, id, lineId, note);
      return summary(await listInScope(db, user, id));
    },

    /** A correction of a line's entry this month (+ back payment, − claw-back), as a line of its own. */
    async correct(user: AuthUser, id: string, lineId: string, input: { amount: number; note: string }) {
      requireRight(user, 'decideSafetyNet');
      await correctLine(db, clock.now(), user, id, lineId, input);
      return reconcileList(user, id);
    },

    async lists(user: AuthUser, q: { county?: string | undefined; page: number; pageSize: number }) {
      requireRight(user, 'runSafetyNet');
      const scope = scopeFor(user, q.county);
      const base = db
        .selectFrom('payment_list')
        .where((eb) => eb.or([inRegion('county_code', scope), eb('county_code', '=', scope.slice(0, 6))]));
      const [{ total }, rows] = await Promise.all([
        base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
        base
          .selectAll()
          .orderBy('month', 'desc')
          .orderBy('county_code')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      return { total: Number(total), page: q.page, pageSize: q.pageSize, items: rows.map(summary) };
    },

    get: async (user: AuthUser, id: string) => (
      requireRight(user, 'runSafetyNet'),
      summary(await listInScope(db, user, id))
    ),

    /** The lines (masked: no account numbers here), a township user sees its villages' lines. */
    async lines(
      user: AuthUser,
      id: string,
      q: {
        village?: string | undefined;
        programme?: string | undefined;
        state?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      requireRight(user, 'runSafetyNet');
      const l = await db.selectFrom('payment_list').selectAll().where('id', '=', id).executeTakeFirst();
      if (!l || !listReadableBy(user, l.county_code)) throw notFound('payment list', id);
      const [{ total }, rows] = await paymentRepository.linesWithPayee(db, id, {
        ...q,
        village: scopeFor(user, q.village),
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        total: Number(total),
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          villageCode: r.village_code,
          householdId: r.household_id,
          householdNo: r.household_no,
          payee: r.category === 'centralised' ? '集中供养机构' : (r.head_name ?? ''),
          programme: r.programme,
          rollId: r.roll_id,
          temporaryId: r.temporary_id,
          amount: Number(r.amount),
          state: r.state,
          corrects: r.corrects,
          note: r.note,
        })),
      };
    },

    reconcile: async (user: AuthUser, id: string) => (
      requireRight(user, 'runSafetyNet'),
      reconcileList(user, id)
    ),
  };
}
export type PaymentService = ReturnType<typeof createPaymentService>;

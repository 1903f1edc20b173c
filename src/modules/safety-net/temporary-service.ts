import type { Kysely, Selectable } from 'kysely';
import type { DB, TemporaryAssistanceTable } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope, inRegion, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { SafetyNetParamsFor } from './params-service.js';
import { requireRight } from './rights.js';
import {
  createTemporary,
  decideTemporary,
  type TemporaryDecision,
  type TemporaryInput,
} from './temporary-ops.js';

type Row = Selectable<TemporaryAssistanceTable> & { household_no: string };

const item = (r: Row) => ({
  id: r.id,
  householdId: r.household_id,
  householdNo: r.household_no,
  villageCode: r.village_code,
  type: r.type,
  cause: r.cause,
  fastTrack: r.fast_track,
  state: r.state,
  requestedAmount: Number(r.requested_amount),
  amount: r.amount === null ? null : Number(r.amount),
  approvalLevel: r.approval_level,
  appliedOn: r.applied_on,
  decidedOn: r.decided_on,
  payMonth: r.pay_month,
  regulariseBy: r.regularise_by,
  regularisedOn: r.regularised_on,
  reasons: (r.reasons ?? []) as unknown[],
  note: r.note,
});

const byId = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('temporary_assistance as t')
    .innerJoin('household as h', 'h.id', 't.household_id')
    .selectAll('t')
    .select('h.household_no')
    .where('t.id', '=', id)
    .executeTakeFirst();

/**
 * Temporary assistance (临时救助, docs/safety-net.md): an application within the case limit and the
 * household's yearly ceiling; an emergency may be fast-tracked (aided at once, carried by this
 * month's payment list, regularised within `regulariseDays`); otherwise approved by the township up
 * to its limit, by the county above it, and paid in the month of the approval.
 */
export function createTemporaryService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  paramsFor: SafetyNetParamsFor;
}) {
  const { db, clock, paramsFor } = deps;

  async function inScope(user: AuthUser, id: string) {
    const r = await byId(db, id);
    if (!r) throw notFound('temporary assistance', id);
    assertObjectInScope(user, r.village_code, 'temporary assistance', id);
    return r;
  }

  return {
    async create(user: AuthUser, input: TemporaryInput) {
      requireRight(user, 'runSafetyNet');
      return item((await byId(db, await createTemporary(db, paramsFor, clock.now(), user, input)))!);
    },

    /** approve (within limits; the county above the township's), deny, or regularise a fast-tracked aid. */
    async decide(user: AuthUser, id: string, input: TemporaryDecision) {
      requireRight(user, 'runSafetyNet');
      await decideTemporary(db, paramsFor, clock.now(), user, id, input);
      return item((await byId(db, id))!);
    },

    async list(
      user: AuthUser,
      q: {
        region?: string | undefined;
        householdId?: string | undefined;
        year?: number | undefined;
        state?: string | undefined;
        page: number;
        pageSize: number;
      },
    ) {
      requireRight(user, 'runSafetyNet');
      let s = db
        .selectFrom('temporary_assistance as t')
        .innerJoin('household as h', 'h.id', 't.household_id')
        .where(inRegion('t.village_code', scopeFor(user, q.region)));
      if (q.householdId) s = s.where('t.household_id', '=', q.householdId);
      if (q.state) s = s.where('t.state', '=', q.state);
      if (q.year)
        s = s.where('t.applied_on', '>=', `${q.year}-01-01`).where('t.applied_on', '<=', `${q.year}-12-31`);
      const [{ total }, rows] = await Promise.all([
        s.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
        s
          .selectAll('t')
          .select('h.household_no')
          .orderBy('t.applied_on', 'desc')
          .orderBy('t.id', 'desc')
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
      ]);
      return { total: Number(total), page: q.page, pageSize: q.pageSize, items: rows.map(item) };
    },

    detail: async (user: AuthUser, id: string) => (
      requireRight(user, 'runSafetyNet'),
      item(await inScope(user, id))
    ),
  };
}
export type TemporaryService = ReturnType<typeof createTemporaryService>;

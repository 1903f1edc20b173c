import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { MeansTest } from './means.js';
import { changeItem, rollItem } from './present.js';
import { requireRight } from './rights.js';
import { appealEntry, ceaseEntry, reviewEntry, type CessationReason } from './roll-ops.js';
import { rollRepository } from './roll-repository.js';

export interface RollQuery {
  region?: string | undefined;
  programme?: 'dibao' | 'tekun' | undefined;
  state?: 'active' | 'gradual_exit' | 'ceased' | undefined;
  category?: string | undefined;
  householdId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The dibao and 特困 rolls of a region (docs/safety-net.md): list, reviews due, one entry with its
 * changes, a review (means test re-run), cessation and appeal, and the means test of a household.
 * Entries are created by the case decision (roll-start.ts).
 */
export function createRollService(deps: { db: Kysely<DB>; clock: Clock; meansTest: MeansTest }) {
  const { db, clock, meansTest } = deps;

  async function detail(user: AuthUser, id: string) {
    const row = await rollRepository.byId(db, id);
    if (!row) throw notFound('roll entry', id);
    assertObjectInScope(user, row.village_code, 'roll entry', id);
    const [listed, changes] = await Promise.all([
      rollRepository.list(db, {
        scope: row.village_code,
        householdId: row.household_id,
        limit: 50,
        offset: 0,
      }),
      rollRepository.changes(db, id),
    ]);
    const item = listed.rows.find((r) => r.id === id)!;
    return {
      ...rollItem(item, clock.today()),
      computation: (row.computation ?? {}) as Record<string, unknown>,
      appeal: (row.appeal ?? null) as Record<string, unknown> | null,
      changes: changes.map(changeItem),
    };
  }

  async function list(user: AuthUser, q: RollQuery & { dueBy?: string | undefined }) {
    requireRight(user, 'runSafetyNet');
    const { total, rows } = await rollRepository.list(db, {
      ...q,
      scope: scopeFor(user, q.region),
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    });
    const today = clock.today();
    return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => rollItem(r, today)) };
  }

  return {
    list,
    detail: (user: AuthUser, id: string) => (requireRight(user, 'runSafetyNet'), detail(user, id)),

    /** Open dibao entries whose next review is on or before `by` (default today), soonest first. */
    reviewsDue: (
      user: AuthUser,
      q: { region?: string | undefined; by?: string | undefined; page: number; pageSize: number },
    ) => list(user, { region: q.region, dueBy: q.by ?? clock.today(), page: q.page, pageSize: q.pageSize }),

    async review(
      user: AuthUser,
      id: string,
      input: { effectiveMonth?: string | undefined; note?: string | undefined },
    ) {
      requireRight(user, 'runSafetyNet');
      const r = await reviewEntry(db, meansTest, user, id, input, clock.now());
      return { ...r, entry: await detail(user, id) };
    },

    async cease(
      user: AuthUser,
      id: string,
      input: { reason: CessationReason; note: string; lastMonth?: string | undefined },
    ) {
      requireRight(user, 'decideSafetyNet');
      await ceaseEntry(db, user, id, input, clock.now());
      return detail(user, id);
    },

    async appeal(
      user: AuthUser,
      id: string,
      input: {
        filedOn: string;
        grounds: string;
        outcome?: 'upheld' | 'dismissed' | undefined;
        note?: string | undefined;
      },
    ) {
      requireRight(user, input.outcome ? 'decideSafetyNet' : 'runSafetyNet');
      await appealEntry(db, user, id, input, clock.now());
      return detail(user, id);
    },

    /** The means test of a household in scope today: the dibao benefit it would get, the 特困 rule. */
    async means(user: AuthUser, householdId: string) {
      requireRight(user, 'runSafetyNet');
      const h = await db
        .selectFrom('household')
        .select('village_code')
        .where('id', '=', householdId)
        .executeTakeFirst();
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      const m = await meansTest(householdId, clock.today());
      const { assessment, reasons, ...dibao } = m.benefit;
      return {
        householdId,
        asOf: m.asOf,
        incomeYear: m.year,
        dibao: { ...dibao, assessment, reasons, reviewKind: m.reviewKind },
        tekun: { eligible: m.hardship.decision.status === 'eligible', reasons: m.hardship.reasons },
        supporters: m.supporters.map((s) => ({ ...s })),
      };
    },
  };
}
export type RollService = ReturnType<typeof createRollService>;

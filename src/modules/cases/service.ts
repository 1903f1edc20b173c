import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { type CaseKind } from '../../domain/cases/index.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { caseActorOf } from './actor.js';
import { caseContext, type CaseDeps } from './context.js';
import type { CasePayload, OpenInput } from './input.js';
import { buildNotice } from './notice.js';
import { createCaseOpening, type WithinOpening } from './opening.js';
import { listItem, present } from './present.js';
import { caseRepository } from './repository.js';
import { toCaseState } from './state.js';
import { createCaseTransitions, type ActOptions } from './transition.js';

export type { CasePayload, OpenInput } from './input.js';

export interface ListQuery {
  region?: string | undefined;
  kind?: CaseKind | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  open?: boolean | undefined;
  householdId?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Case procedures (identification, exit, monitoring, dibao) over households in scope: list, detail,
 * opening (opening.ts), steps with their household effects (transition.ts), the public notice.
 */
export function createCaseService(deps: CaseDeps) {
  const ctx = caseContext(deps);
  const { db, clock } = ctx;
  const openCase = createCaseOpening(ctx);
  const act = createCaseTransitions(ctx);

  async function caseInScope(user: AuthUser, id: string) {
    const row = await caseRepository.byId(db, id);
    if (!row) throw notFound('case', id);
    assertObjectInScope(user, row.village_code, 'case', id);
    return row;
  }

  async function detail(user: AuthUser, id: string) {
    const row = await caseInScope(user, id);
    const now = clock.now();
    const def = await ctx.definitionFor(row.kind as CaseKind, row.village_code, chinaDate(now));
    const c = toCaseState(row, await caseRepository.events(db, id));
    return present(row, def, c, caseActorOf(user), now);
  }

  return {
    detail,

    /** `within`: more writes of the caller in the same transaction (e.g. warnings marked with the case). */
    async open(user: AuthUser, input: OpenInput, within?: WithinOpening) {
      return detail(user, await openCase(user, input, within));
    },

    /** Open a case inside the caller's transaction (a batch, all or none); returns its id. */
    async openWithin(trx: Kysely<DB>, user: AuthUser, input: OpenInput, within?: WithinOpening) {
      return openCase(user, input, within, trx);
    },

    /**
     * Fire `action` on a case; refusals are E_TRANSITION_NOT_ALLOWED, E_ROLE or E_REQUIREMENT, and at a
     * vote step on a household the rules find ineligible E_CONFLICT unless confirmed (`options`).
     */
    async act(user: AuthUser, id: string, action: string, payload: CasePayload, options?: ActOptions) {
      await act(user, id, action, payload, options);
      return detail(user, id);
    },

    async list(user: AuthUser, q: ListQuery) {
      const scope = scopeFor(user, q.region);
      const today = clock.today();
      const { total, rows } = await caseRepository.list(db, {
        scope,
        kind: q.kind,
        state: q.state,
        overdue: q.overdue,
        open: q.open,
        householdId: q.householdId,
        today,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => listItem(r, today)) };
    },

    /** The printable public notice: names, household numbers, place, decision, period, where to object. */
    async notice(user: AuthUser, id: string) {
      const row = await caseInScope(user, id);
      const def = await ctx.definitionFor(row.kind as CaseKind, row.village_code, clock.today());
      const c = toCaseState(row, await caseRepository.events(db, id));
      const { h, memberNames } = await caseRepository.noticeRows(db, row.household_id);
      const notice = buildNotice(
        id,
        def,
        c,
        { householdNo: h.household_no, headName: h.head_name ?? '', size: memberNames.length, memberNames },
        {
          villageCode: h.village_code,
          village: h.village ?? '',
          township: h.township ?? '',
          county: h.county ?? '',
        },
      );
      if (!notice) throw new AppError('E_CONFLICT', 'this case has no public notice at its current step');
      return notice;
    },
  };
}
export type CaseService = ReturnType<typeof createCaseService>;

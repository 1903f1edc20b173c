import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { openCase, type Actor, type CaseDefinition } from '../../domain/cases/index.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { caseActorOf } from './actor.js';
import type { CaseContext } from './context.js';
import { OPENABLE } from './effects.js';
import { checkEligibility } from './guidance.js';
import type { OpenInput } from './input.js';
import { pendingDeadline } from './present.js';
import { caseRepository } from './repository.js';
import { eventRow } from './state.js';

/** More writes of the caller in the opening's transaction (e.g. warnings marked with the case). */
export type WithinOpening = (
  trx: Kysely<DB>,
  caseId: string,
  household: { id: string; village_code: string },
) => Promise<void>;

/** The opening state: the initial one, or `monitored` for a household already monitored (decided before). */
function initialState(def: CaseDefinition, status: string, actor: Actor, input: OpenInput, now: Date) {
  const data = { ...input.data, channel: input.data.channel ?? null };
  if (def.kind !== 'monitoring' || status !== 'monitored')
    return openCase(def, actor, data, now, input.payload);
  const note =
    input.payload.note?.trim() || '监测对象在本系统之前已认定；本案件从“监测中”开始，用于回访和风险消除';
  const c = openCase(def, actor, { ...data, decidedBefore: true }, now, { ...input.payload, note });
  return { ...c, state: 'monitored', history: c.history.map((h) => ({ ...h, to: 'monitored' })) };
}

/** Refusals of an opening: a role with no step in the procedure, a household status, an open case. */
async function checkOpening(
  trx: Kysely<DB>,
  def: CaseDefinition,
  actor: Actor,
  input: OpenInput,
  h: { id: string; status: string },
) {
  if (!def.transitions.some((t) => t.roles.includes(actor.role)))
    throw new AppError('E_ROLE', `a ${actor.role} takes no step of a ${input.kind} case`, {
      missing: ['role'],
    });
  const allowed = OPENABLE[input.kind];
  if (allowed && !allowed.includes(h.status as (typeof allowed)[number]))
    throw new AppError(
      'E_CONFLICT',
      `a household of status "${h.status}" cannot enter a ${input.kind} case`,
      {
        status: h.status,
      },
    );
  const existing = await caseRepository.openCaseOf(trx, h.id, input.kind);
  if (existing)
    throw new AppError('E_CONFLICT', `the household already has an open ${input.kind} case`, {
      caseId: existing,
    });
}

/** Open a case of a household in scope, in one transaction with its first event and its audit; returns its id. */
export function createCaseOpening(ctx: CaseContext) {
  const { db, clock } = ctx;
  /** `outer`: the caller's transaction (a batch of openings, all or none); absent: a transaction of its own. */
  return async function open(
    user: AuthUser,
    input: OpenInput,
    within?: WithinOpening,
    outer?: Kysely<DB>,
  ): Promise<string> {
    const now = clock.now();
    const inTransaction = <T>(f: (trx: Kysely<DB>) => Promise<T>) =>
      outer ? f(outer) : db.transaction().execute(f);
    return inTransaction(async (trx) => {
      const h = await caseRepository.householdForUpdate(trx, input.householdId);
      if (!h) throw notFound('household', input.householdId);
      assertObjectInScope(user, h.village_code, 'household', input.householdId);
      const def = await ctx.definitionFor(input.kind, h.village_code, chinaDate(now));
      const actor = caseActorOf(user);
      await checkOpening(trx, def, actor, input, h);
      const confirmed = input.confirmIneligible === true;
      const check = input.checkEligibility ? ctx.eligibility : undefined;
      const finding = await checkEligibility(check, user, input.kind, h, confirmed);
      const c = initialState(def, h.status, actor, input, now);
      const caseId = await caseRepository.insert(trx, {
        kind: input.kind,
        household_id: h.id,
        village_code: h.village_code,
        state: c.state,
        data: JSON.stringify(c.data),
        due_on: pendingDeadline(def, c, now)?.due ?? null,
        outcome_reason: null,
        opened_at: now,
        opened_by: user.id,
        updated_at: now,
      });
      await caseRepository.insertEvent(trx, eventRow(caseId, 0, c.history[0]!));
      if (input.data.worklistItemId)
        await caseRepository.linkWorklistItem(trx, input.data.worklistItemId, h.id, caseId);
      if (within) await within(trx, caseId, h);
      await recordAudit(trx, actorOf(user), {
        action: 'case.open',
        entityType: 'case',
        entityId: caseId,
        regionCode: h.village_code,
        after: {
          kind: input.kind,
          state: c.state,
          householdId: h.id,
          data: c.data,
          ...(finding && { confirmedIneligible: finding }),
        },
        reason: c.history[0]?.payload.note ?? null,
      });
      return caseId;
    });
  };
}

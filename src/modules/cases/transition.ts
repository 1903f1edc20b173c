import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { fire, type CaseKind, type FireErrorCode } from '../../domain/cases/index.js';
import { chinaDate } from '../../domain/calendar.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { caseActorOf } from './actor.js';
import type { CaseContext } from './context.js';
import { checkVoteEligibility } from './guidance.js';
import { effectOf, KIND_LABEL, serviceRequirements } from './effects.js';
import type { CasePayload } from './input.js';
import { isExitDecision, outcomeWithPassiveExit, passiveExitAtDecision } from './passive-exit.js';
import { pendingDeadline } from './present.js';
import { caseRepository } from './repository.js';
import { eventRow, toCaseState } from './state.js';

const refusal = (code: FireErrorCode, message: string, missing: string[]) =>
  new AppError(code, message, { missing });

type CaseRef = { id: string; kind: string; household_id: string; village_code: string };

/** The household change a step brings (status, type, monitoring category, dibao), audited. */
async function applyEffect(
  trx: Kysely<DB>,
  user: AuthUser,
  row: CaseRef,
  step: { action: string; to: string; payload: CasePayload },
  now: Date,
) {
  const today = chinaDate(now);
  const h = await caseRepository.householdForUpdate(trx, row.household_id);
  if (!h) throw notFound('household', row.household_id);
  const kind = row.kind as CaseKind;
  const context = { householdType: h.household_type };
  const e = effectOf(
    kind,
    step.action,
    step.to,
    context,
    step.payload.decision ?? {},
    Number(today.slice(0, 4)),
  );
  if (!e) return null;
  const reason = `${KIND_LABEL[kind].zh}程序（案件 #${row.id}）：${e.zh}`;
  await caseRepository.applyEffect(trx, h, e, { today, now, actorId: user.id, reason });
  const after = {
    status: e.status ?? h.status,
    householdType: e.householdType ?? h.household_type,
    ...(e.monitoringCategory !== undefined && { monitoringCategory: e.monitoringCategory }),
    ...(e.dibaoMembers && { dibaoMembers: true }),
  };
  await recordAudit(trx, actorOf(user), {
    action: 'household.status',
    entityType: 'household',
    entityId: h.id,
    regionCode: h.village_code,
    before: { status: h.status, householdType: h.household_type, monitoringCategory: h.monitoring_category },
    after,
    reason,
  });
  return after;
}

/** How a step is fired: over HTTP the rules are read at a vote step (guidance.ts), and may be overridden. */
export interface ActOptions {
  /** Read the rules at a vote step (the HTTP step). */
  checkEligibility?: boolean | undefined;
  /** Go on with the vote although the rules find the household ineligible: kept in the audit. */
  confirmIneligible?: boolean | undefined;
}

/** Fire `action` on a case; refusals are E_TRANSITION_NOT_ALLOWED, E_ROLE or E_REQUIREMENT. */
export function createCaseTransitions(ctx: CaseContext) {
  const { db, clock } = ctx;
  return async function act(
    user: AuthUser,
    id: string,
    action: string,
    payload: CasePayload,
    options: ActOptions = {},
  ): Promise<void> {
    const now = clock.now();
    await db.transaction().execute(async (trx) => {
      const row = await caseRepository.lock(trx, id);
      if (!row) throw notFound('case', id);
      assertObjectInScope(user, row.village_code, 'case', id);
      const kind = row.kind as CaseKind;
      const events = await caseRepository.events(trx, id);
      const def = await ctx.definitionFor(kind, row.village_code, chinaDate(now));
      const c = toCaseState(row, events);
      const r = fire(def, c, action, caseActorOf(user), payload, now);
      const extra = serviceRequirements(kind, action, payload.decision);
      if (!r.ok)
        throw refusal(r.code, r.message, r.code === 'E_REQUIREMENT' ? [...r.missing, ...extra] : r.missing);
      if (extra.length > 0) throw refusal('E_REQUIREMENT', 'the county names the monitoring category', extra);
      const isVote = def.transitions.some(
        (t) => t.from === c.state && t.action === action && t.requires.some((q) => q.kind === 'vote'),
      );
      const finding = isVote
        ? await checkVoteEligibility(
            options.checkEligibility ? ctx.eligibility : undefined,
            user,
            kind,
            action,
            row.household_id,
            options.confirmIneligible === true,
          )
        : null;
      const entry = r.next.history[r.next.history.length - 1]!;
      const final = def.final.includes(r.next.state);
      const passiveExit = isExitDecision(kind, action)
        ? await passiveExitAtDecision(trx, ctx.paramsFor, row, chinaDate(now))
        : null;
      const data = {
        ...r.next.data,
        ...(payload.decision && { decision: payload.decision }),
        ...(passiveExit && { passiveExit }),
      };
      await caseRepository.update(trx, id, {
        state: r.next.state,
        closed: final,
        data: JSON.stringify(data),
        due_on: final ? null : (pendingDeadline(def, r.next, now)?.due ?? null),
        outcome_reason: final ? outcomeWithPassiveExit(payload.note ?? null, passiveExit) : null,
        updated_at: now,
        closed_at: final ? now : null,
      });
      await caseRepository.insertEvent(trx, eventRow(id, events.length, entry));
      const effect = r.returned
        ? null
        : await applyEffect(trx, user, row, { action, to: entry.to, payload }, now);
      if (final && !r.returned && ctx.onDecided)
        await ctx.onDecided(
          trx,
          user,
          { id, kind, householdId: row.household_id, villageCode: row.village_code },
          { action, to: entry.to, payload, now },
        );
      const objections = entry.returned?.objections.map((o) => o.text);
      await recordAudit(trx, actorOf(user), {
        action: `case.${action}`,
        entityType: 'case',
        entityId: id,
        regionCode: row.village_code,
        before: { state: c.state },
        after: {
          state: r.next.state,
          ...(r.returned && { returnedFor: objections }),
          ...(entry.late && { late: entry.late }),
          ...(effect && { household: effect }),
          ...(passiveExit && { passiveExit: { passive: passiveExit.passive, year: passiveExit.year } }),
          ...(finding && { confirmedIneligible: finding }),
        },
        reason: payload.note ?? objections?.join('; ') ?? null,
      });
    });
  };
}

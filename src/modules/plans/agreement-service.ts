import type { Kysely } from 'kysely';
import type { DB, Household, HouseholdPlan, Member } from '../../db/types.js';
import type { AgreementMethod } from '../../domain/plans/catalogue.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type Actor, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertMayEditPlans } from './edit-transaction.js';
import { conflict, invalid, planView } from './plan-view.js';
import { plansRepository as repo } from './repository.js';

/** The actor of an agreement given by the household itself through the household portal. */
export const HOUSEHOLD_ACTOR: Actor = { id: null, name: 'the household' };

export interface AgreementInput {
  /** The plan's version as the caller saw it; omitted, the current one is taken. */
  version?: number | undefined;
  agreed: boolean;
  /** The member who agreed or declined (a present member's name). */
  by: string;
  method?: AgreementMethod | undefined;
  /** When (ISO date-time); defaults to now. */
  at?: string | undefined;
  /** Why the household declined. */
  declineReason?: string | undefined;
}

/** When the agreement was given: the stated instant (not in the future), else now. */
function agreedAt(input: AgreementInput, now: Date) {
  const at = input.at ? new Date(input.at) : now;
  if (Number.isNaN(at.getTime())) throw invalid('at', `${input.at} is not a date-time`);
  if (at.getTime() > now.getTime() + 60_000) throw invalid('at', `${input.at} is in the future`);
  return at;
}

/** The plan's new agreement fields: agreed (with how, and something to agree to) or declined (with why). */
async function agreementOf(
  trx: Kysely<DB>,
  plan: HouseholdPlan,
  h: Household,
  members: Member[],
  input: AgreementInput,
  now: Date,
): Promise<Partial<HouseholdPlan>> {
  const by = input.by.trim();
  if (!members.some((m) => m.member_status === 'present' && m.name === by))
    throw invalid('by', `${by || '(empty)'} is not a present member of household ${h.household_no}`);
  const at = agreedAt(input, now);
  if (input.agreed) {
    if (!input.method) throw invalid('method', 'say how the household agreed');
    const live = (await repo.measures(trx, [plan.id])).filter((m) => m.status !== 'cancelled');
    if (!live.length)
      throw new AppError(
        'E_REQUIREMENT',
        `The plan of household ${h.household_no} has no measure to agree to`,
      );
    return {
      status: 'agreed',
      agreed_by: by,
      agreed_at: at,
      agreement_method: input.method,
      decline_reason: null,
    };
  }
  const reason = input.declineReason?.trim();
  if (!reason) throw invalid('declineReason', 'a household that declines its plan gives a reason');
  const method = input.method ?? null;
  return {
    status: 'declined',
    agreed_by: by,
    agreed_at: at,
    agreement_method: method,
    decline_reason: reason,
  };
}

const agreementFields = (p: HouseholdPlan) => ({
  planId: p.id,
  year: p.year,
  status: p.status,
  agreedBy: p.agreed_by,
  agreedAt: p.agreed_at ? new Date(p.agreed_at).toISOString() : null,
  method: p.agreement_method,
  declineReason: p.decline_reason,
});

/**
 * Record the household's agreement to its plan of `year` — or its refusal with a reason — with who
 * (a present member), when and how (signature, thumbprint, portal, on behalf), audited in the same
 * transaction. For the household portal: `recordAgreement(db, HOUSEHOLD_ACTOR, householdId, year,
 * { agreed: true, by, method: 'portal' }, { now: clock.now() })`. `check` runs on the locked household
 * (scope checks); `now` is the instant of the agreement (from the caller's clock).
 */
export async function recordAgreement(
  db: Kysely<DB>,
  actor: Actor,
  householdId: string,
  year: number,
  input: AgreementInput,
  o: { check?: (h: Household) => void; now: Date },
): Promise<HouseholdPlan> {
  return db.transaction().execute(async (trx) => {
    const h = await repo.lockHousehold(trx, householdId);
    if (!h) throw notFound('household', householdId);
    o.check?.(h);
    const plan = await repo.plan(trx, householdId, year);
    if (!plan) throw notFound(`plan of ${year} of household`, h.household_no);
    if (input.version !== undefined && input.version !== plan.version)
      throw conflict(`The plan of household ${h.household_no}`, plan.version, input.version, {
        status: plan.status,
        version: plan.version,
      });
    const members = await repo.members(trx, [householdId]);
    const set = await agreementOf(trx, plan, h, members, input, o.now);
    const updated = await repo.updatePlan(trx, plan.id, set);
    await recordAudit(trx, actor, {
      action: input.agreed ? 'plan.agree' : 'plan.decline',
      entityType: 'household',
      entityId: h.id,
      regionCode: h.village_code,
      before: agreementFields(plan),
      after: agreementFields(updated),
      reason: input.agreed ? null : (input.declineReason ?? null),
    });
    return updated;
  });
}

/** The household's agreement to its plan, recorded by an officer or cadre. */
export function createAgreementService(db: Kysely<DB>, clock: Clock) {
  return {
    /** Record the household's agreement (or refusal) to a plan, as an officer or cadre. */
    async agree(user: AuthUser, planId: string, input: AgreementInput & { version: number }) {
      assertMayEditPlans(user);
      const p = await repo.planById(db, planId);
      if (!p) throw notFound('plan', planId);
      await recordAgreement(db, actorOf(user), p.household_id, p.year, input, {
        check: (h) => assertObjectInScope(user, h.village_code, 'plan', planId),
        now: clock.now(),
      });
      return planView(db, p.household_id, p.year, clock.today(), true);
    },
  };
}
export type AgreementService = ReturnType<typeof createAgreementService>;

import type { Kysely } from 'kysely';
import type { DB, Household, HouseholdPlan } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { conflict, planView, type PlanView } from './plan-view.js';
import { plansRepository as repo } from './repository.js';

/** Whether the user's role may edit household plans. */
export const mayEditPlans = (user: AuthUser) => permissionsOf(user.role).editHouseholds;

export function assertMayEditPlans(user: AuthUser) {
  if (!mayEditPlans(user)) throw new AppError('E_FORBIDDEN', 'Your role may not edit household plans');
}

/** A change of a plan inside the edit frame: the locked plan and its household. */
export type PlanChange = (trx: Kysely<DB>, plan: HouseholdPlan, h: Household) => Promise<unknown>;

/**
 * The frame of every plan write: permission, the household locked, scope, the plan's version (null:
 * not checked), the change and its audit in one transaction; returns the plan as it is afterwards.
 */
export function createPlanEditFrame(db: Kysely<DB>, clock: Clock) {
  return async function editPlan(
    user: AuthUser,
    planId: string,
    version: number | null,
    change: PlanChange,
  ): Promise<PlanView> {
    assertMayEditPlans(user);
    const { householdId, year } = await db.transaction().execute(async (trx) => {
      const p0 = await repo.planById(trx, planId);
      if (!p0) throw notFound('plan', planId);
      const h = await repo.lockHousehold(trx, p0.household_id);
      if (!h) throw notFound('household', p0.household_id);
      assertObjectInScope(user, h.village_code, 'plan', planId);
      const plan = (await repo.planById(trx, planId, true))!;
      if (version !== null && plan.version !== version)
        throw conflict(
          `The plan of household ${h.household_no}`,
          plan.version,
          version,
          await planView(trx, h.id, plan.year, clock.today(), true),
        );
      await change(trx, plan, h);
      return { householdId: h.id, year: plan.year };
    });
    return planView(db, householdId, year, clock.today(), true);
  };
}
export type PlanEditFrame = ReturnType<typeof createPlanEditFrame>;

import type { Kysely } from 'kysely';
import type { DB, Household } from '../../db/types.js';
import { PLANNED_STATUSES } from '../../domain/plans/catalogue.js';
import { draftPlan } from '../../domain/plans/draft.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertMayEditPlans, mayEditPlans } from './edit-transaction.js';
import { draftMember, loadCatalogue, planStart, planView } from './plan-view.js';
import { plansRepository as repo } from './repository.js';

function assertPlanned(h: Household) {
  if (!(PLANNED_STATUSES as readonly string[]).includes(h.status))
    throw new AppError(
      'E_REQUIREMENT',
      `Household ${h.household_no} is neither registered nor monitored (status ${h.status}); it has no plan`,
    );
}

/** A household's plan (一户一策): read it, and draft it from the causes and conditions through the catalogue. */
export function createDraftingService(db: Kysely<DB>, clock: Clock) {
  /** Draft and insert the plan of `year` with its measures; the household is locked and in scope. */
  async function insertDraft(trx: Kysely<DB>, h: Household, year: number) {
    const members = await repo.members(trx, [h.id]);
    const cat = await loadCatalogue(trx, h.village_code);
    const draft = draftPlan(
      {
        mainCause: h.main_cause,
        otherCauses: h.other_causes,
        houseGrade: h.house_grade,
        members: members.map(draftMember),
      },
      cat.entries,
      planStart(year, clock.today()),
    );
    const plan = await repo.insertPlan(trx, { household_id: h.id, year, status: 'draft' });
    if (!plan)
      throw new AppError('E_CONFLICT', `Household ${h.household_no} already has a plan for ${year}`, {
        current: await planView(trx, h.id, year, clock.today(), true),
      });
    await repo.insertMeasures(
      trx,
      draft.map((m) => ({
        plan_id: plan.id,
        household_id: h.id,
        catalogue_code: m.catalogueCode,
        measure_type: m.measureType,
        batch: m.batch,
        funding_source: m.fundingSource,
        amount: m.amount,
        responsible_unit: m.responsibleUnit,
        start_date: m.startDate,
        deadline: m.deadline,
        status: 'planned',
      })),
    );
    return { plan, measures: draft.map((m) => m.catalogueCode) };
  }

  return {
    defaultYear: () => Number(clock.today().slice(0, 4)),

    async get(user: AuthUser, householdId: string, year: number) {
      const h = await repo.household(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      return planView(db, householdId, year, clock.today(), mayEditPlans(user));
    },

    /** Generate the draft plan of a year from the household's causes and conditions. */
    async generate(user: AuthUser, householdId: string, year: number, reason?: string) {
      assertMayEditPlans(user);
      await db.transaction().execute(async (trx) => {
        const h = await repo.lockHousehold(trx, householdId);
        if (!h) throw notFound('household', householdId);
        assertObjectInScope(user, h.village_code, 'household', householdId);
        assertPlanned(h);
        const { plan, measures } = await insertDraft(trx, h, year);
        await recordAudit(trx, actorOf(user), {
          action: 'plan.create',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          after: { planId: plan.id, year, measures },
          reason: reason ?? null,
        });
      });
      return planView(db, householdId, year, clock.today(), true);
    },
  };
}
export type DraftingService = ReturnType<typeof createDraftingService>;

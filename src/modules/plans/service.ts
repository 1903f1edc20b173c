import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { createAgreementService } from './agreement-service.js';
import { createEligibleMeasuresService } from './catalogue-eligible.js';
import { createCatalogueService } from './catalogue-service.js';
import { createDraftingService } from './drafting-service.js';
import { createPlanEditFrame } from './edit-transaction.js';
import { createFitService } from './fit-service.js';
import { createMeasureService } from './measure-service.js';
import { createPlanListService } from './plan-list-service.js';
import { createPlanSummaryService } from './summary-service.js';

export { HOUSEHOLD_ACTOR, recordAgreement, type AgreementInput } from './agreement-service.js';
export type { CatalogueInput } from './catalogue-service.js';
export type { MeasureFields, MeasureUpdate } from './measure-service.js';
export type { PlanView } from './plan-view.js';

/**
 * Household plans (一户一策), one service per use case: the measure catalogue, drafting, the
 * measures, the household's agreement, the fit check and gap list, the figures. This is the plans
 * module's public face (routes, the composition root, the responsibility summary, the portal).
 */
export function createPlanService(db: Kysely<DB>, clock: Clock) {
  const editPlan = createPlanEditFrame(db, clock);
  const fit = createFitService(db);
  return {
    ...createCatalogueService(db),
    ...createEligibleMeasuresService(db, clock),
    ...createDraftingService(db, clock),
    ...createMeasureService(db, clock, editPlan),
    ...createAgreementService(db, clock),
    gaps: fit.gaps,
    ...createPlanSummaryService(db, clock, fit),
    ...createPlanListService(db, clock),
  };
}
export type PlanService = ReturnType<typeof createPlanService>;

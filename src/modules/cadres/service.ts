import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { createPlanService } from '../plans/service.js';
import { assignmentRepository } from './assignment-repository.js';
import { createAssignmentService } from './assignment-service.js';
import { createBulkAssignmentService } from './bulk-assignment-service.js';
import { createCadreRegistryService } from './cadre-service.js';
import { createGapService } from './gap-service.js';
import { createMyHouseholdsService } from './my-households-service.js';
import { createResponsibilitySummary } from './summary-service.js';
import { createTeamService } from './team-service.js';
import { createVisitPlanService } from './visit-plan-service.js';
import { createVisitService } from './visit-service.js';

export type { CurrentCadre } from './assignment-repository.js';

/**
 * Current responsible cadres of the households (those without one are absent from the map): for
 * the household card and the household portal.
 */
export const currentCadres = (db: Kysely<DB>, householdIds: readonly (string | number | bigint)[]) =>
  assignmentRepository.currentCadres(db, householdIds);

/**
 * Responsibility (帮扶责任): one service per use case — cadres, assignments and hand-overs, work
 * teams, visits and the visit plan, the gap lists, "my households", the summary. The module's public face.
 */
export function createCadreService(db: Kysely<DB>, clock: Clock, plans = createPlanService(db, clock)) {
  return {
    today: () => clock.today(),
    ...createCadreRegistryService(db),
    ...createMyHouseholdsService(db, clock),
    ...createAssignmentService(db, clock),
    ...createBulkAssignmentService(db, clock),
    ...createTeamService(db, clock),
    ...createVisitService(db, clock),
    ...createVisitPlanService(db),
    ...createGapService(db, clock),
    ...createResponsibilitySummary(db, clock, plans),
  };
}
export type CadreService = ReturnType<typeof createCadreService>;

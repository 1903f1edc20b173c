import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { createEscalation } from './escalation.js';
import { createGrievanceFilingService } from './filing-service.js';
import { createGrievanceHandlingService } from './handling-service.js';
import { createSatisfactionService } from './satisfaction-service.js';

/**
 * Grievances and feedback: filed by a household in the portal or by anyone on the public page
 * (anonymous allowed), routed to the township of the village or township chosen, acknowledged and
 * resolved by its officers within deadlines kept as data (a regional setting per kind), escalated to
 * the county once when overdue, closed by the complainant's feedback (not satisfied may reopen once).
 * One service per use case; this file is the module's public face.
 */
export {
  complainantView,
  fileGrievance,
  giveFeedback,
  grievancesOfHousehold,
  householdFeedback,
  type ComplainantView,
  type FeedbackInput,
  type NewGrievance,
} from './complainant.js';
export type { GrievanceRow } from './grievance-step.js';
export { satisfactionFigures } from './satisfaction-service.js';

export function createGrievanceService(db: Kysely<DB>, clock: Clock) {
  const escalation = createEscalation(db, clock);
  return {
    escalation,
    filing: createGrievanceFilingService(db, clock, escalation),
    handling: createGrievanceHandlingService(db, clock, escalation),
    satisfaction: createSatisfactionService(db),
  };
}
export type GrievanceService = ReturnType<typeof createGrievanceService>;

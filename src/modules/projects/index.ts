import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { createPairService } from './pairs-service.js';
import type { AssistanceServices } from './routes.js';
import { createProjectService } from './service.js';
import { createAssistanceSummary } from './summary.js';
import { createTargetService } from './targets-service.js';
import type { Clock } from '../../kernel/clock.js';

/** Pairs, targets and projects wired together (one line in the composition root). */
export function createAssistanceServices(db: Kysely<DB>, clock: Clock): AssistanceServices {
  const pairs = createPairService(db, clock);
  const targets = createTargetService(db);
  const projects = createProjectService(db, clock);
  return { pairs, targets, projects, summary: createAssistanceSummary(targets, projects, clock) };
}

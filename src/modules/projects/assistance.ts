import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import type { ZodApp } from '../../kernel/http.js';
import { pairRoutes } from '../pairs/routes.js';
import { createPairService } from '../pairs/service.js';
import { targetRoutes } from '../targets/routes.js';
import { createTargetService } from '../targets/service.js';
import { createProjectEditService } from './edit-service.js';
import { projectRoutes } from './routes.js';
import { createProjectService } from './service.js';
import { createAssistanceSummary } from './summary.js';

/**
 * Assistance delivery: paired assistance (pairs/), targets (targets/) and the project library
 * (projects/), with the dashboard's summary that reads them together — one line in the composition
 * root and one in the server.
 */
export function createAssistanceServices(db: Kysely<DB>, clock: Clock) {
  const pairs = createPairService(db, clock);
  const targets = createTargetService(db);
  const projects = { ...createProjectService(db, clock), ...createProjectEditService(db, clock) };
  return { pairs, targets, projects, summary: createAssistanceSummary(targets, projects, clock) };
}
export type AssistanceServices = ReturnType<typeof createAssistanceServices>;

export function assistanceRoutes(app: ZodApp, s: AssistanceServices) {
  pairRoutes(app, s.pairs);
  targetRoutes(app, s.targets);
  projectRoutes(app, s.projects, s.summary);
}

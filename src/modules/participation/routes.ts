import type { ZodApp } from '../../kernel/http.js';
import { needRoutes } from './need-routes.js';
import { organisationRoutes } from './organisation-routes.js';
import { productRoutes } from './product-routes.js';
import type { ParticipationService } from './service.js';

/**
 * Social participation: organisations (/api/org), the needs board (/api/needs), consumption
 * assistance (/api/products). Organisation accounts reach only these prefixes (server/organisation-guard.ts).
 */
export function participationRoutes(
  app: ZodApp,
  svc: ParticipationService,
  opts: { registerPerMinute: number },
) {
  organisationRoutes(app, svc, opts);
  needRoutes(app, svc);
  productRoutes(app, svc);
}

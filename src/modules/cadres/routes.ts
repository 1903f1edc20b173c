import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { assignmentRoutes } from './assignment-routes.js';
import { bulkAssignmentRoutes } from './bulk-assignment-routes.js';
import { teamRoutes } from './team-routes.js';
import { visitRoutes } from './visit-routes.js';
import { gapRoutes } from './gap-routes.js';
import { Cadre, CadreBody, CadreDetail, CadrePage, CadrePatch, RegionPage } from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** Responsible cadres, assignments, work teams, visits, the visit plan and the gap lists. */
export function cadreRoutes(app: ZodApp, svc: CadreService) {
  assignmentRoutes(app, svc);
  bulkAssignmentRoutes(app, svc);
  teamRoutes(app, svc);
  visitRoutes(app, svc);
  gapRoutes(app, svc);

  app.get('/api/cadres', {
    schema: {
      tags,
      summary: 'Responsible cadres working in a region, with their caseload (current households)',
      querystring: RegionPage.extend({ q: z.string().trim().max(50).optional() }),
      response: { 200: CadrePage, ...errorResponses },
    },
    handler: (req) => svc.listCadres(currentUser(req), req.query),
  });

  app.post('/api/cadres', {
    schema: {
      tags,
      summary:
        'Create a responsible cadre, optionally linked to a login (township officer and above; audited)',
      body: CadreBody,
      response: { 200: Cadre, ...withConflict },
    },
    handler: (req) => svc.createCadre(currentUser(req), req.body),
  });

  app.get('/api/cadres/me', {
    schema: {
      tags,
      summary: "My households: the signed-in user's cadre and their households with what each needs next",
      response: { 200: CadreDetail, ...errorResponses },
    },
    handler: (req) => svc.mine(currentUser(req)),
  });

  app.get('/api/cadres/:id', {
    schema: {
      tags,
      summary: "A cadre's page: their current households with next visit due, open measures and cases",
      params: z.object({ id: Id }),
      response: { 200: CadreDetail, ...errorResponses },
    },
    handler: (req) => svc.cadre(currentUser(req), req.params.id),
  });

  app.patch('/api/cadres/:id', {
    schema: {
      tags,
      summary: 'Change a cadre (unit, phone, login link, active) with a reason (audited)',
      params: z.object({ id: Id }),
      body: CadrePatch,
      response: { 200: Cadre, ...withConflict },
    },
    handler: (req) => svc.updateCadre(currentUser(req), req.params.id, req.body),
  });
}

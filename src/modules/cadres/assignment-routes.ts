import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { AssignBody, EndBody, HouseholdResponsibility } from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** A household's responsible cadre: current, history, assignment and hand-over, end. */
export function assignmentRoutes(app: ZodApp, svc: CadreService) {
  app.get('/api/households/:id/responsibility', {
    schema: {
      tags,
      summary: "A household's current responsible cadre, assignment history and visit plan",
      params: z.object({ id: Id }),
      response: { 200: HouseholdResponsibility, ...errorResponses },
    },
    handler: (req) => svc.householdResponsibility(currentUser(req), req.params.id),
  });

  app.post('/api/households/:id/cadre', {
    schema: {
      tags,
      summary: 'Assign a responsible cadre; a current one is handed over, history kept (audited)',
      params: z.object({ id: Id }),
      body: AssignBody,
      response: { 200: HouseholdResponsibility, ...withConflict },
    },
    handler: (req) => svc.assign(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/households/:id/cadre/end', {
    schema: {
      tags,
      summary: "End the household's current assignment without a successor (audited)",
      params: z.object({ id: Id }),
      body: EndBody,
      response: { 200: HouseholdResponsibility, ...withConflict },
    },
    handler: (req) => svc.endAssignment(currentUser(req), req.params.id, req.body),
  });
}

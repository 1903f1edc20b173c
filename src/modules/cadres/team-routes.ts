import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { EndBody, Team, TeamBody, TeamQuery } from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** Village work teams: the teams of a region, stationing one, ending one. */
export function teamRoutes(app: ZodApp, svc: CadreService) {
  app.get('/api/work-teams', {
    schema: {
      tags,
      summary: 'Village work teams in a region (current ones by default) with their members',
      querystring: TeamQuery,
      response: { 200: z.object({ items: z.array(Team) }), ...errorResponses },
    },
    handler: (req) =>
      svc.teams(currentUser(req), { region: req.query.region, current: req.query.current === 'true' }),
  });

  app.post('/api/work-teams', {
    schema: {
      tags,
      summary:
        'Station a work team in a village (one first secretary); an open team is handed over (audited)',
      body: TeamBody,
      response: { 200: Team, ...withConflict },
    },
    handler: (req) => svc.createTeam(currentUser(req), req.body),
  });

  app.post('/api/work-teams/:id/end', {
    schema: {
      tags,
      summary: "End a work team's period (audited)",
      params: z.object({ id: Id }),
      body: EndBody,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: (req) => svc.endTeam(currentUser(req), req.params.id, req.body),
  });
}

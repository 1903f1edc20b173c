import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Page, PageSize, RegionCode } from '../../kernel/schema.js';
import {
  AssignBody,
  Cadre,
  CadreBody,
  CadreDetail,
  CadrePage,
  CadrePatch,
  EndBody,
  HouseholdResponsibility,
  Id,
  NoCadrePage,
  NoTeamPage,
  OverduePage,
  Plan,
  PlanRuleBody,
  RegionPage,
  ResponsibilitySummary,
  Team,
  TeamBody,
  TeamQuery,
  Visit,
  VisitBody,
  VisitPage,
  VisitQuery,
} from './schema.js';
import type { CadreService } from './service.js';

const tags = ['responsibility'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** Responsible cadres, assignments, work teams, visits, the visit plan and the gap lists. */
export function cadreRoutes(app: ZodApp, svc: CadreService) {
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

  app.get('/api/visits', {
    schema: {
      tags,
      summary: 'Visits in a region, of a household or of a cadre, newest first',
      querystring: VisitQuery,
      response: { 200: VisitPage, ...errorResponses },
    },
    handler: (req) => svc.visits(currentUser(req), req.query),
  });

  app.post('/api/visits', {
    schema: {
      tags,
      summary: 'Record a visit (by the signed-in cadre, or an officer for a cadre; audited)',
      body: VisitBody,
      response: { 200: Visit, ...errorResponses },
    },
    handler: (req) => svc.recordVisit(currentUser(req), req.body),
  });

  app.get('/api/visit-plan', {
    schema: {
      tags,
      summary: 'Minimum visits a year by household kind: the effective plan of a region and its rules',
      querystring: z.object({ region: RegionCode.default('') }),
      response: { 200: Plan, ...errorResponses },
    },
    handler: (req) => svc.plan(currentUser(req), req.query.region),
  });

  app.put('/api/visit-plan', {
    schema: {
      tags,
      summary: 'Set the minimum visits a year of a household kind for a region (county officer; audited)',
      body: PlanRuleBody,
      response: { 200: Plan, ...errorResponses },
    },
    handler: (req) => svc.setPlanRule(currentUser(req), req.body),
  });

  app.get('/api/responsibility/summary', {
    schema: {
      tags,
      summary: "The dashboard's responsibility figures: cadre gaps, overdue visits, villages without team",
      querystring: z.object({ region: RegionCode.default('') }),
      response: { 200: ResponsibilitySummary, ...errorResponses },
    },
    handler: (req) => svc.summary(currentUser(req), req.query.region),
  });

  app.get('/api/responsibility/gaps/no-cadre', {
    schema: {
      tags,
      summary: 'Gap list: poor, returned and monitored households without a current responsible cadre',
      querystring: RegionPage,
      response: { 200: NoCadrePage, ...errorResponses },
    },
    handler: (req) => svc.withoutCadre(currentUser(req), req.query),
  });

  app.get('/api/responsibility/gaps/overdue-visits', {
    schema: {
      tags,
      summary: 'Gap list: households whose next visit under the visit plan is overdue (or never visited)',
      querystring: z.object({
        region: RegionCode.default(''),
        cadreId: Id.optional(),
        page: Page,
        pageSize: PageSize(200, 20),
      }),
      response: { 200: OverduePage, ...errorResponses },
    },
    handler: (req) => svc.overdueVisits(currentUser(req), req.query),
  });

  app.get('/api/responsibility/gaps/no-team', {
    schema: {
      tags,
      summary: 'Gap list: poor villages without a current work team',
      querystring: RegionPage,
      response: { 200: NoTeamPage, ...errorResponses },
    },
    handler: (req) => svc.villagesWithoutTeam(currentUser(req), req.query),
  });
}

import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { ComplainantView, Description, FeedbackBody, Kind } from '../grievances/schema.js';
import type { PortalActionService } from './action-service.js';
import { PortalDecisions } from './decisions.js';
import type { PortalHousehold } from './household.js';
import { AgreementBody, ConfirmNeedBody, DifficultyBody, Me, Need, Rating, RatingBody } from './schema.js';
import type { PortalViewService } from './view-service.js';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['portal'];
const IdParams = z.object({ id: Id });

/** What a signed-in household reads and does under /api/portal. */
export function portalHouseholdRoutes(
  app: ZodApp,
  svc: {
    views: PortalViewService;
    actions: PortalActionService;
    decisions: (h: PortalHousehold) => Promise<PortalDecisions>;
  },
  household: (req: FastifyRequest) => Promise<PortalHousehold>,
) {
  const { views, actions } = svc;
  app.get('/api/portal/me', {
    schema: {
      tags,
      summary:
        "The household's own record: members (ID numbers masked), plan, measures, policies, cadre; ratings",
      response: { 200: Me, ...errors },
    },
    handler: async (req) => views.me(await household(req)),
  });

  app.get('/api/portal/decisions', {
    schema: {
      tags,
      summary:
        "The household's own policy assessments, each with its reasons in plain words (no codes) and what is still to be verified",
      response: { 200: PortalDecisions, ...errors },
    },
    handler: async (req) => svc.decisions(await household(req)),
  });

  app.post('/api/portal/plan/agreement', {
    schema: {
      tags,
      summary: 'Agree to the plan, or decline it with a reason (method portal); by = a present member',
      body: AgreementBody,
      response: { 200: z.object({ year: z.number(), status: z.string() }), ...errors },
    },
    handler: async (req) => actions.agree(await household(req), req.body),
  });

  app.get('/api/portal/needs', {
    schema: {
      tags,
      summary: "The household's needs on the board",
      response: { 200: z.array(Need), ...errors },
    },
    handler: async (req) => views.needs(await household(req)),
  });

  app.post('/api/portal/needs/:id/confirm', {
    schema: {
      tags,
      summary: 'Confirm that a need was delivered, with a note and a rating 1–5',
      params: IdParams,
      body: ConfirmNeedBody,
      response: { 200: z.object({ status: z.literal('confirmed') }), ...errors },
    },
    handler: async (req) => actions.confirmNeed(await household(req), req.params.id, req.body),
  });

  app.post('/api/portal/ratings', {
    schema: {
      tags,
      summary:
        'Rate the help of a year (or one measure of the plan) 1–5 with a comment; a new rating replaces the old',
      body: RatingBody,
      response: { 200: Rating, ...errors },
    },
    handler: async (req) => actions.rate(await household(req), req.body),
  });

  app.post('/api/portal/difficulties', {
    schema: {
      tags,
      summary: 'Report a new difficulty: a self-report in the early-warning channel',
      body: DifficultyBody,
      response: { 200: z.object({ id: z.string() }), ...errors },
    },
    handler: async (req) => actions.reportDifficulty(await household(req), req.body),
  });

  app.get('/api/portal/grievances', {
    schema: {
      tags,
      summary: "The household's grievances and their outcomes",
      response: { 200: z.array(ComplainantView), ...errors },
    },
    handler: async (req) => views.grievances(await household(req)),
  });

  app.post('/api/portal/grievances', {
    schema: {
      tags,
      summary: "File a grievance; routed to the township of the household's village",
      body: z.object({ kind: Kind, description: Description }),
      response: { 200: ComplainantView, ...errors },
    },
    handler: async (req) => actions.fileGrievance(await household(req), req.body),
  });

  app.post('/api/portal/grievances/:id/feedback', {
    schema: {
      tags,
      summary: 'Feedback on the outcome of a resolved grievance (not satisfied may reopen once)',
      params: IdParams,
      body: FeedbackBody,
      response: { 200: ComplainantView, ...errors },
    },
    handler: async (req) => actions.grievanceFeedback(await household(req), req.params.id, req.body),
  });
}

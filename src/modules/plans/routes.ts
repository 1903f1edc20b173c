import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { cardRoutes } from './card-routes.js';
import type { CardService } from './card.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { fitRoutes } from './fit-routes.js';
import { planListRoutes } from './plan-list-routes.js';
import { AddMeasureBody, AgreementBody, GenerateBody, PlanView, UpdateMeasureBody, Year } from './schema.js';
import type { PlanService } from './service.js';

const withConflict = { ...errorResponses, 409: ErrorBody };
const tags = ['plans'];

/** Household plans (一户一策), the measure catalogue, the fit gap list and the household card (明白卡). */
export function planRoutes(app: ZodApp, plans: PlanService, cards: CardService) {
  catalogueRoutes(app, plans);
  householdPlanRoutes(app, plans);
  fitRoutes(app, plans);
  planListRoutes(app, plans);
  cardRoutes(app, cards, plans.defaultYear);
}

/** A household's plan: read, draft, its measures, the household's agreement. */
function householdPlanRoutes(app: ZodApp, plans: PlanService) {
  app.get('/api/households/:id/plan', {
    schema: {
      tags,
      summary: "A household's plan of a year (default this year) with its measures and fit check",
      params: z.object({ id: Id }),
      querystring: z.object({ year: Year.optional() }),
      response: { 200: PlanView, ...errorResponses },
    },
    handler: (req) => plans.get(currentUser(req), req.params.id, req.query.year ?? plans.defaultYear()),
  });

  app.post('/api/households/:id/plan', {
    schema: {
      tags,
      summary: 'Generate the draft plan of a year from the causes and conditions through the catalogue',
      params: z.object({ id: Id }),
      body: GenerateBody,
      response: { 200: PlanView, ...withConflict },
    },
    handler: (req) => plans.generate(currentUser(req), req.params.id, req.body.year, req.body.reason),
  });

  app.post('/api/plans/:id/measures', {
    schema: {
      tags,
      summary: "Add a catalogue measure to a plan (the plan's version checked)",
      params: z.object({ id: Id }),
      body: AddMeasureBody,
      response: { 200: PlanView, ...withConflict },
    },
    handler: (req) => plans.addMeasure(currentUser(req), req.params.id, req.body),
  });

  app.patch('/api/plans/measures/:id', {
    schema: {
      tags,
      summary:
        "Change a measure: status (planned / in_progress / completed / cancelled), outcome, funding, amount, unit, dates (the measure's version checked)",
      params: z.object({ id: Id }),
      body: UpdateMeasureBody,
      response: { 200: PlanView, ...withConflict },
    },
    handler: (req) => plans.updateMeasure(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/plans/:id/agreement', {
    schema: {
      tags,
      summary:
        "Record the household's agreement (who, when, how) or its refusal with a reason (the plan's version checked)",
      params: z.object({ id: Id }),
      body: AgreementBody,
      response: { 200: PlanView, ...withConflict },
    },
    handler: (req) => plans.agree(currentUser(req), req.params.id, req.body),
  });
}

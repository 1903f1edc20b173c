import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { CardService } from './card.js';
import {
  AddMeasureBody,
  AgreementBody,
  CatalogueCreate,
  CatalogueEntry,
  CatalogueUpdate,
  Cards,
  GapPage,
  GapQuery,
  GenerateBody,
  Id,
  PlanView,
  Summary,
  UpdateMeasureBody,
  Year,
} from './schema.js';
import type { PlanService } from './service.js';

const withConflict = {
  ...errorResponses,
  409: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
};
const tags = ['plans'];

/** Household plans (一户一策), the measure catalogue, the fit gap list and the household card (明白卡). */
export function planRoutes(app: ZodApp, plans: PlanService, cards: CardService) {
  app.get('/api/plans/catalogue', {
    schema: {
      tags,
      summary: 'The measure catalogue: measures by batch (五个一批) with the causes they answer',
      response: { 200: z.array(CatalogueEntry), ...errorResponses },
    },
    handler: (req) => {
      currentUser(req);
      return plans.catalogueRows();
    },
  });

  app.post('/api/plans/catalogue', {
    schema: {
      tags,
      summary: 'Add a measure to the catalogue (county officers and above; audited)',
      body: CatalogueCreate,
      response: { 200: CatalogueEntry, ...errorResponses },
    },
    handler: (req) => {
      const { code, reason, ...input } = req.body;
      return plans.createCatalogueEntry(currentUser(req), code, input, reason);
    },
  });

  app.patch('/api/plans/catalogue/:code', {
    schema: {
      tags,
      summary: 'Change a catalogue measure (county officers and above; version checked; audited)',
      params: z.object({ code: z.string() }),
      body: CatalogueUpdate,
      response: { 200: CatalogueEntry, ...withConflict },
    },
    handler: (req) => plans.updateCatalogueEntry(currentUser(req), req.params.code, req.body),
  });

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

  app.get('/api/plans/gaps', {
    schema: {
      tags,
      summary: 'Plans of a year whose measures do not answer the causes, with the reasons',
      querystring: GapQuery.extend({ region: RegionCode.default('') }),
      response: { 200: GapPage, ...errorResponses },
    },
    handler: (req) =>
      plans.gaps(currentUser(req), { ...req.query, year: req.query.year ?? plans.defaultYear() }),
  });

  app.get('/api/plans/summary', {
    schema: {
      tags,
      summary: 'Plan figures of a region and year: fit, agreement, measures by status, overdue, amount',
      querystring: z.object({ region: RegionCode.default(''), year: Year.optional() }),
      response: { 200: Summary, ...errorResponses },
    },
    handler: (req) =>
      plans.summary(currentUser(req), {
        region: req.query.region,
        year: req.query.year ?? plans.defaultYear(),
      }),
  });

  app.get('/api/households/:id/card', {
    schema: {
      tags,
      summary: 'The household card 明白卡 of a year (members masked) with the audit head hash',
      params: z.object({ id: Id }),
      querystring: z.object({ year: Year.optional() }),
      response: { 200: Cards, ...errorResponses },
    },
    handler: (req) => cards.household(currentUser(req), req.params.id, req.query.year ?? plans.defaultYear()),
  });

  app.get('/api/villages/:code/cards', {
    schema: {
      tags,
      summary: 'Cards of every registered and monitored household of a village, for printing in a batch',
      params: z.object({ code: RegionCode }),
      querystring: z.object({ year: Year.optional() }),
      response: { 200: Cards, ...errorResponses },
    },
    handler: (req) => cards.village(currentUser(req), req.params.code, req.query.year ?? plans.defaultYear()),
  });
}

import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import {
  Created,
  DeriveBody,
  DeriveResponse,
  DisasterAreaBody,
  DisasterAreaList,
  DisasterAreaQuery,
  DismissBody,
  DismissResponse,
  HouseholdParams,
  HouseholdWarnings,
  OpenCaseBody,
  OpenCaseResponse,
  ScreeningBody,
  SelfReportBody,
  WorklistQuery,
  WorklistResponse,
} from './schema.js';
import type { WarningService } from './service.js';

const errors = { ...errorResponses, 409: ErrorBody };
const tags = ['warnings'];

export function warningRoutes(app: ZodApp, warnings: WarningService) {
  app.get('/api/warnings', {
    schema: {
      tags,
      summary:
        'Warning worklist: households with signals in a region, by channel and score, highest score first',
      querystring: WorklistQuery,
      response: { 200: WorklistResponse, ...errors },
    },
    handler: (req) => warnings.worklist(currentUser(req), req.query),
  });

  app.get('/api/warnings/households/:id', {
    schema: {
      tags,
      summary: "A household's signals and its risk score with every contribution",
      params: HouseholdParams,
      response: { 200: HouseholdWarnings, ...errors },
    },
    handler: (req) => warnings.household(currentUser(req), req.params.id),
  });

  app.post('/api/warnings/screenings', {
    schema: {
      tags,
      summary: "Record a cadre's screening of a household (kind, estimated loss, note); audited",
      body: ScreeningBody,
      response: { 200: Created, ...errors },
    },
    handler: (req) => warnings.screen(currentUser(req), req.body),
  });

  app.post('/api/warnings/self-reports', {
    schema: {
      tags,
      summary: "Record a household's self-report on its behalf; audited",
      body: SelfReportBody,
      response: { 200: Created, ...errors },
    },
    handler: (req) => {
      const { householdId, ...input } = req.body;
      return warnings.selfReport(currentUser(req), householdId, input);
    },
  });

  app.post('/api/warnings/households/:id/open-case', {
    schema: {
      tags,
      summary: 'Open a monitoring case for the household and mark its open signals with it; audited',
      params: HouseholdParams,
      body: OpenCaseBody,
      response: { 200: OpenCaseResponse, ...errors },
    },
    handler: (req) => warnings.openCase(currentUser(req), req.params.id, req.body.note),
  });

  app.post('/api/warnings/households/:id/dismiss', {
    schema: {
      tags,
      summary: "Dismiss the household's open signals (or some of them) with a required reason; audited",
      params: HouseholdParams,
      body: DismissBody,
      response: { 200: DismissResponse, ...errors },
    },
    handler: (req) => warnings.dismiss(currentUser(req), req.params.id, req.body.reason, req.body.signalIds),
  });

  app.post('/api/warnings/derive', {
    schema: {
      tags,
      summary: 'Derive department and income signals of a region again (idempotent; admin, county officer)',
      body: DeriveBody,
      response: { 200: DeriveResponse, ...errors },
    },
    handler: (req) => warnings.derive(currentUser(req), req.body.region),
  });

  app.get('/api/warnings/disaster-areas', {
    schema: {
      tags,
      summary: 'Declared disaster villages in a region',
      querystring: DisasterAreaQuery,
      response: { 200: DisasterAreaList, ...errors },
    },
    handler: (req) => warnings.disasterAreas(currentUser(req), req.query.region),
  });

  app.post('/api/warnings/disaster-areas', {
    schema: {
      tags,
      summary:
        "Declare villages a disaster area from a department's list (township officer and above); audited",
      body: DisasterAreaBody,
      response: { 200: z.object({ created: z.number() }), ...errors },
    },
    handler: (req) => warnings.addDisasterAreas(currentUser(req), req.body),
  });

  app.get('/api/warnings/weights', {
    schema: {
      tags,
      summary:
        'The weights of the risk score effective in a region (default: your scope; a regional setting, docs/warnings.md)',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: z.record(z.string(), z.unknown()), ...errors },
    },
    handler: async (req) =>
      (await warnings.weights(currentUser(req), req.query.region)) as unknown as Record<string, unknown>,
  });
}

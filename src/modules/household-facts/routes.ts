import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  CorrectionBody,
  DecisionBody,
  FactBody,
  FactDto,
  FactParams,
  HouseholdFactParams,
  HouseholdFactsResponse,
  HouseholdParams,
  QueueQuery,
  QueueResponse,
  RejectionBody,
} from './schema.js';
import type { HouseholdFactService } from './service.js';

const tags = ['facts'];
const written = { 200: FactDto, ...errorResponses, 409: ErrorBody };

/** Recorded facts of a household (docs/facts.md): history, record, correct; the confirmation queue. */
export function householdFactRoutes(app: ZodApp, facts: HouseholdFactService) {
  app.get('/api/households/:id/facts', {
    schema: {
      tags,
      summary: "A household's recorded facts with their history, date, source and state",
      params: HouseholdParams,
      response: { 200: HouseholdFactsResponse, ...errorResponses },
    },
    handler: (req) => facts.list(currentUser(req), req.params.id),
  });

  app.post('/api/households/:id/facts', {
    schema: {
      tags,
      summary: "Record a fact (a village cadre's decision-critical change is proposed where the county asks)",
      params: HouseholdParams,
      body: FactBody,
      response: written,
    },
    handler: (req) => facts.record(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/households/:id/facts/:factId/correct', {
    schema: {
      tags,
      summary: 'Correct a recorded fact: a new record that supersedes it (note required)',
      params: HouseholdFactParams,
      body: CorrectionBody,
      response: written,
    },
    handler: (req) => facts.correct(currentUser(req), req.params.id, req.params.factId, req.body),
  });

  app.get('/api/facts/queue', {
    schema: {
      tags,
      summary: 'Proposed facts waiting for confirmation in a township or county',
      querystring: QueueQuery,
      response: { 200: QueueResponse, ...errorResponses },
    },
    handler: (req) => facts.queue(currentUser(req), req.query.region),
  });

  app.post('/api/facts/:factId/confirm', {
    schema: {
      tags,
      summary: 'Confirm a proposed fact',
      params: FactParams,
      body: DecisionBody,
      response: written,
    },
    handler: (req) => facts.confirm(currentUser(req), req.params.factId, req.body.note),
  });

  app.post('/api/facts/:factId/reject', {
    schema: {
      tags,
      summary: 'Reject a proposed fact (note required)',
      params: FactParams,
      body: RejectionBody,
      response: written,
    },
    handler: (req) => facts.reject(currentUser(req), req.params.factId, req.body.note),
  });
}

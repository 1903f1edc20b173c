import { currentUser, type ZodApp } from '../../kernel/http.js';
import type { SafetyNetServices } from './index.js';
import { paymentRoutes } from './payment-routes.js';
import { errors } from './route-errors.js';
import {
  AppealBody,
  CeaseBody,
  MeansParams,
  MeansResponse,
  ReviewBody,
  ReviewResult,
  ReviewsDueQuery,
  RollDetail,
  RollList,
  RollParams,
  RollQuery,
} from './schema.js';

const tags = ['safety-net'];

/** The safety net's routes (docs/safety-net.md): rolls and reviews here, the rest in payment-routes.ts. */
export function safetyNetRoutes(app: ZodApp, s: SafetyNetServices) {
  app.get('/api/safety-net/rolls', {
    schema: {
      tags,
      summary: 'The dibao and 特困 rolls of a region (by programme, state, category, household)',
      querystring: RollQuery,
      response: { 200: RollList, ...errors },
    },
    handler: (req) => s.rolls.list(currentUser(req), req.query),
  });

  app.get('/api/safety-net/reviews-due', {
    schema: {
      tags,
      summary: 'Dibao entries whose next review is on or before `by` (default today), soonest first',
      querystring: ReviewsDueQuery,
      response: { 200: RollList, ...errors },
    },
    handler: (req) => s.rolls.reviewsDue(currentUser(req), req.query),
  });

  app.get('/api/safety-net/rolls/:id', {
    schema: {
      tags,
      summary: 'One roll entry with its computation and every decision on it',
      params: RollParams,
      response: { 200: RollDetail, ...errors },
    },
    handler: (req) => s.rolls.detail(currentUser(req), req.params.id),
  });

  app.post('/api/safety-net/rolls/:id/review', {
    schema: {
      tags,
      summary:
        'Review a dibao entry: the means test re-run on current facts raises, lowers, keeps, starts a gradual exit or stops the benefit',
      params: RollParams,
      body: ReviewBody,
      response: { 200: ReviewResult, ...errors },
    },
    handler: (req) => s.rolls.review(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/safety-net/rolls/:id/cease', {
    schema: {
      tags,
      summary:
        'Cease an entry with its reason (income, death, moved, refusal, fraud, other); paid through lastMonth',
      params: RollParams,
      body: CeaseBody,
      response: { 200: RollDetail, ...errors },
    },
    handler: (req) => s.rolls.cease(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/safety-net/rolls/:id/appeal', {
    schema: {
      tags,
      summary:
        'File an appeal against a decision on the entry, or record its outcome (upheld reinstates a ceased entry)',
      params: RollParams,
      body: AppealBody,
      response: { 200: RollDetail, ...errors },
    },
    handler: (req) => s.rolls.appeal(currentUser(req), req.params.id, req.body),
  });

  app.get('/api/safety-net/households/:id/means', {
    schema: {
      tags,
      summary: 'The means test of a household today: the dibao benefit it would get and the 特困 rule',
      params: MeansParams,
      response: { 200: MeansResponse, ...errors },
    },
    handler: (req) => s.rolls.means(currentUser(req), req.params.id),
  });

  paymentRoutes(app, s);
}

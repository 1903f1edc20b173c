import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import type { RelevantPracticeService } from './relevant-service.js';
import {
  CreatePractice,
  ListQuery,
  Practice,
  RelevantPractice,
  RelevantQuery,
  ReviewPractice,
} from './schema.js';
import type { PracticeService } from './service.js';

const tags = ['practices'];

/** The practice library (案例库): search, read, write, the county's review, relevant practices. */
export function practiceRoutes(app: ZodApp, practices: PracticeService, relevant: RelevantPracticeService) {
  app.get('/api/practices', {
    schema: {
      tags,
      summary:
        'Practice entries: approved ones of your county, and your unit’s own submitted or returned ones; searched in Chinese, filtered by kind, cause, measure, region, state',
      querystring: ListQuery,
      response: { 200: z.array(Practice), ...errorResponses },
    },
    handler: (req) => practices.list(currentUser(req), req.query),
  });

  app.get('/api/practices/relevant', {
    schema: {
      tags,
      summary:
        'Approved practices relevant to a household (plan drafting) or a project: same village, township, county, shared causes and measures, each with why it is shown',
      querystring: RelevantQuery,
      response: { 200: z.array(RelevantPractice), ...errorResponses },
    },
    handler: (req) => relevant.relevant(currentUser(req), req.query),
  });

  app.get('/api/practices/:id', {
    schema: {
      tags,
      summary: 'A practice entry',
      params: z.object({ id: Id }),
      response: { 200: Practice, ...errorResponses },
    },
    handler: (req) => practices.get(currentUser(req), req.params.id),
  });

  app.post('/api/practices', {
    schema: {
      tags,
      summary:
        'Write a practice entry (an experience, failure or problem) about a place in your scope; submitted to the county for review (audited)',
      body: CreatePractice,
      response: { 200: Practice, ...errorResponses },
    },
    handler: (req) => practices.create(currentUser(req), req.body),
  });

  app.post('/api/practices/:id/review', {
    schema: {
      tags,
      summary: 'Approve a submitted practice entry or return it with a note (county officers; audited)',
      params: z.object({ id: Id }),
      body: ReviewPractice,
      response: { 200: Practice, ...errorResponses },
    },
    handler: (req) => practices.review(currentUser(req), req.params.id, req.body),
  });
}

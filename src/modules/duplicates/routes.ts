import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  DismissBody,
  DuplicatePage,
  DuplicateQuery,
  MergeBody,
  MergeResult,
  MoveOutBody,
  MoveOutResult,
} from './schema.js';
import type { DuplicateService } from './service.js';

const withConflict = { ...errorResponses, 409: ErrorBody };

export function duplicateRoutes(app: ZodApp, duplicates: DuplicateService) {
  app.get('/api/duplicates', {
    schema: {
      tags: ['duplicates'],
      summary:
        'Duplicate groups in a region: same ID number, near-duplicate persons, households registered twice',
      querystring: DuplicateQuery,
      response: { 200: DuplicatePage, ...errorResponses },
    },
    handler: (req) =>
      duplicates.list(currentUser(req), { ...req.query, unmask: req.query.unmask === 'true' }),
  });

  app.post('/api/duplicates/dismiss', {
    schema: {
      tags: ['duplicates'],
      summary: 'Mark groups as not duplicates, with a reason (township officer and above; audited)',
      body: DismissBody,
      response: { 200: z.object({ dismissed: z.number() }), ...errorResponses },
    },
    handler: (req) => duplicates.dismiss(currentUser(req), req.body),
  });

  app.post('/api/duplicates/merge', {
    schema: {
      tags: ['duplicates'],
      summary: 'Merge a household registered twice into the kept one; the other is archived (audited)',
      body: MergeBody,
      response: { 200: MergeResult, ...withConflict },
    },
    handler: (req) => duplicates.merge(currentUser(req), req.body),
  });

  app.post('/api/duplicates/move-out', {
    schema: {
      tags: ['duplicates'],
      summary: 'Resolve a person registered in a wrong household: mark the member moved out (audited)',
      body: MoveOutBody,
      response: { 200: MoveOutResult, ...withConflict },
    },
    handler: (req) => duplicates.moveOut(currentUser(req), req.body),
  });
}

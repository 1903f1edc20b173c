import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { SplitBody, TargetQuery, TargetTree } from './schema.js';
import type { TargetService } from './service.js';

const tags = ['targets'];

/** Targets (任务分解): the tree of a region with computed progress, and splitting a target. */
export function targetRoutes(app: ZodApp, targets: TargetService) {
  app.get('/api/targets', {
    schema: {
      tags,
      summary:
        'Targets of a region and its sub-regions with progress computed from the registry and quality signals',
      querystring: TargetQuery,
      response: { 200: TargetTree, ...errorResponses },
    },
    handler: (req) => targets.tree(currentUser(req), req.query),
  });
  app.put('/api/targets/split', {
    schema: {
      tags,
      summary: "Split a region's target among its sub-regions; the sum must equal it (audited)",
      body: SplitBody,
      response: { 200: z.object({ saved: z.number() }), ...errorResponses },
    },
    handler: (req) => targets.split(currentUser(req), req.body),
  });
}

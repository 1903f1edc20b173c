import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RunBody, RunResponse, WorklistQuery, WorklistResponse } from './schema.js';
import type { WorklistService } from './service.js';

export function worklistRoutes(app: ZodApp, worklists: WorklistService) {
  app.get('/api/worklists', {
    schema: {
      tags: ['worklists'],
      summary:
        'Worklist items of the latest batch evaluation covering a region, by rule and decision, each with its reasons and the case to open',
      querystring: WorklistQuery,
      response: { 200: WorklistResponse, ...errorResponses },
    },
    handler: (req) => worklists.list(currentUser(req), req.query),
  });

  app.post('/api/worklists/runs', {
    schema: {
      tags: ['worklists'],
      summary: 'Run the batch evaluation of a region for a year (admin, county officer); audited',
      body: RunBody,
      response: { 200: RunResponse, ...errorResponses },
    },
    handler: (req) => worklists.run(currentUser(req), req.body.year, req.body.region),
  });
}

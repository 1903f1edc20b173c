import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { OutcomesQuery, OutcomesResult } from './schema.js';
import type { OutcomesService } from './service.js';

/** "What worked" (issue 21 item 4; docs/what-worked.md). */
export function outcomesRoutes(app: ZodApp, outcomes: OutcomesService) {
  app.get('/api/outcomes', {
    schema: {
      tags: ['knowledge'],
      summary:
        'What worked: income change, lasting exits and entries into poverty or monitoring of households that received each measure kind, beside matched comparable households without it (a county or smaller)',
      querystring: OutcomesQuery,
      response: { 200: OutcomesResult, ...errorResponses },
    },
    handler: (req) => outcomes.compare(currentUser(req), req.query),
  });
}

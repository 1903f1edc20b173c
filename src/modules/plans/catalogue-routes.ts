import { z } from 'zod';
import { currentUser, ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import { CatalogueCreate, CatalogueEntry, CatalogueUpdate } from './schema.js';
import type { PlanService } from './service.js';

const tags = ['plans'];
const withConflict = { ...errorResponses, 409: ErrorBody };

/** The measure catalogue (五个一批): read by everyone, kept by county officers and above. */
export function catalogueRoutes(app: ZodApp, plans: PlanService) {
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
}

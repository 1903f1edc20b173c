import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Id } from '../../kernel/schema.js';
import { DetailResponse, ListQuery, ListResponse } from './schema.js';
import type { HouseholdService } from './service.js';

export function householdRoutes(app: ZodApp, households: HouseholdService) {
  app.get('/api/households', {
    schema: {
      tags: ['households'],
      summary: 'List households in a region with filters, sorting and pagination (ID numbers masked)',
      querystring: ListQuery,
      response: { 200: ListResponse, ...errorResponses },
    },
    handler: (req) => households.list(currentUser(req), req.query),
  });

  app.get('/api/households/:id', {
    schema: {
      tags: ['households'],
      summary: 'One household with members, yearly income and status history; `unmask=true` is logged',
      params: z.object({ id: Id }),
      querystring: z.object({ unmask: z.enum(['true', 'false']).default('false') }),
      response: { 200: DetailResponse, ...errorResponses },
    },
    handler: (req) => households.detail(currentUser(req), req.params.id, req.query.unmask === 'true'),
  });
}

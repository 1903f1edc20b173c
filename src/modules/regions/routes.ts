import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { RegionService } from './service.js';

const RegionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });
const RegionRow = RegionRef.extend({
  isPovertyCounty: z.boolean(),
  isPoorVillage: z.boolean(),
  isWestern: z.boolean(),
  hasChildren: z.boolean(),
  households: z.number(),
  poorHouseholds: z.number(),
  persons: z.number(),
  poorPersons: z.number(),
});
const Flags = z.object({ isPovertyCounty: z.boolean(), isPoorVillage: z.boolean(), isWestern: z.boolean() });

export function regionRoutes(app: ZodApp, regions: RegionService) {
  app.get('/api/regions', {
    schema: {
      tags: ['regions'],
      summary: 'Children of a region (default: of your scope) with household counts',
      querystring: z.object({ parent: RegionCode.default('') }),
      response: { 200: z.object({ parent: RegionRef, items: z.array(RegionRow) }), ...errorResponses },
    },
    handler: (req) => regions.children(currentUser(req), req.query.parent),
  });

  app.get('/api/regions/search', {
    schema: {
      tags: ['regions'],
      summary: 'Search regions by name within your scope',
      querystring: z.object({
        q: z.string().trim().min(1).max(40),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      response: {
        200: z.object({ items: z.array(RegionRef.extend({ path: z.string() })) }),
        ...errorResponses,
      },
    },
    handler: async (req) => ({ items: await regions.search(currentUser(req), req.query.q, req.query.limit) }),
  });

  app.get('/api/regions/:code/path', {
    schema: {
      tags: ['regions'],
      summary: 'Path from the province down to a region',
      params: z.object({ code: RegionCode.min(2) }),
      response: { 200: z.object({ items: z.array(RegionRef) }), ...errorResponses },
    },
    handler: async (req) => ({ items: await regions.path(currentUser(req), req.params.code) }),
  });

  app.patch('/api/regions/:code/flags', {
    schema: {
      tags: ['regions'],
      summary: 'Set region flags (former national poverty county, poor village, western region)',
      params: z.object({ code: RegionCode.min(2) }),
      body: Flags.partial().extend({ reason: z.string().trim().min(2).max(500) }),
      response: { 200: Flags, ...errorResponses },
    },
    handler: async (req) => {
      const { reason, ...flags } = req.body;
      return (await regions.setFlags(currentUser(req), req.params.code, flags, reason))!;
    },
  });
}

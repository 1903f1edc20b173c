import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import { DeleteBody, EffectiveQuery, EffectiveResponse, KeyParams, SetBody, Version } from './schema.js';
import type { PolicyService } from './service.js';

export function policyRoutes(app: ZodApp, policy: PolicyService) {
  app.get('/api/policy', {
    schema: {
      tags: ['policy'],
      summary:
        'Effective value of every policy parameter for a region and date, with its provenance (level, region, effective date, who set it and why)',
      querystring: EffectiveQuery,
      response: { 200: EffectiveResponse, ...errorResponses },
    },
    handler: (req) => policy.effective(currentUser(req), req.query.region, req.query.date),
  });

  app.get('/api/policy/:key/history', {
    schema: {
      tags: ['policy'],
      summary: 'Stored versions of one parameter that concern a region (its own and its ancestors’)',
      params: KeyParams,
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: z.object({ key: z.string(), items: z.array(Version) }), ...errorResponses },
    },
    handler: async (req) => ({
      key: req.params.key,
      items: await policy.history(currentUser(req), req.params.key, req.query.region),
    }),
  });

  app.put('/api/policy/:key', {
    schema: {
      tags: ['policy'],
      summary:
        'Set a parameter for a region prefix from a date (admin; a county officer for the own county); audited',
      params: KeyParams,
      body: SetBody,
      response: { 200: Version, ...errorResponses },
    },
    handler: (req) => policy.set(currentUser(req), req.params.key, req.body),
  });

  app.delete('/api/policy/:key', {
    schema: {
      tags: ['policy'],
      summary: 'Delete one stored version (same rights as setting); audited',
      params: KeyParams,
      body: DeleteBody,
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      await policy.remove(currentUser(req), req.params.key, req.body);
      return { ok: true as const };
    },
  });
}

import { z } from 'zod';
import type { AuditEvent } from '../../db/types.js';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { Page, PageSize } from '../../kernel/schema.js';
import type { AuditService } from './service.js';

const Item = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  hash: z.string(),
});

const itemOf = (r: AuditEvent): z.infer<typeof Item> => ({
  id: r.id,
  at: new Date(r.at).toISOString(),
  actorName: r.actor_name,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  regionCode: r.region_code,
  before: r.before,
  after: r.after,
  reason: r.reason,
  hash: r.hash,
});

export function auditRoutes(app: ZodApp, audit: AuditService) {
  app.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary:
        'Audit events within your scope, newest first, with the chain head hash (a digest over all ' +
        'segment heads) and, for a scope within a county, that county segment head',
      querystring: z.object({
        entityType: z.string().max(40).optional(),
        entityId: z.string().max(40).optional(),
        action: z.string().max(60).optional(),
        page: Page,
        pageSize: PageSize(200, 50),
      }),
      response: {
        200: z.object({
          total: z.number(),
          page: z.number(),
          pageSize: z.number(),
          headHash: z.string(),
          segment: z.object({ segment: z.string(), headHash: z.string(), events: z.number() }).nullable(),
          items: z.array(Item),
        }),
        ...errorResponses,
      },
    },
    handler: async (req) => {
      const user = currentUser(req);
      const { total, rows, headHash, segment } = await audit.list(user, req.query);
      return {
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
        headHash,
        segment,
        items: rows.map(itemOf),
      };
    },
  });
}

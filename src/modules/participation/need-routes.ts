import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { NeedService } from './need-service.js';
import type { PledgeService } from './pledge-service.js';
import {
  BoardNeed,
  BoardQuery,
  ConfirmBody,
  IdParams,
  NeedStats,
  NeedsQuery,
  NewNeedBody,
  NoteBody,
  OfficerNeed,
  Ok,
  pageOf,
  PledgeBody,
  ReasonBody,
} from './schema.js';
import type { ParticipationStatsService } from './stats-service.js';

const tags = ['participation'];

/** The needs board (/api/needs): publishing, pledges and delivery, confirmation, statistics. */
export function needRoutes(
  app: ZodApp,
  svc: { needs: NeedService; pledges: PledgeService; stats: ParticipationStatsService },
) {
  app.get('/api/needs/board', {
    schema: {
      tags,
      summary: 'The anonymised needs board: kind, text, amount and township only',
      querystring: BoardQuery,
      response: { 200: pageOf(BoardNeed), ...errorResponses },
    },
    handler: (req) => svc.needs.board(currentUser(req), req.query),
  });

  app.get('/api/needs', {
    schema: {
      tags,
      summary: 'Officers: needs in a region with village and household number',
      querystring: NeedsQuery,
      response: { 200: pageOf(OfficerNeed), ...errorResponses },
    },
    handler: (req) => svc.needs.needs(currentUser(req), req.query),
  });

  app.post('/api/needs', {
    schema: {
      tags,
      summary: 'Publish a need of a household or a village (text must carry no personal data)',
      body: NewNeedBody,
      response: { 200: z.object({ id: z.string() }), ...errorResponses },
    },
    handler: (req) => svc.needs.publishNeed(currentUser(req), req.body),
  });

  app.get('/api/needs/stats', {
    schema: {
      tags,
      summary: 'Matching statistics: share matched, median days to match, value delivered',
      querystring: z.object({ region: RegionCode.optional() }),
      response: { 200: NeedStats, ...errorResponses },
    },
    handler: (req) => svc.stats.stats(currentUser(req), req.query.region),
  });

  app.post('/api/needs/:id/pledge', {
    schema: {
      tags,
      summary: 'An organisation pledges to an open need',
      params: IdParams,
      body: PledgeBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.pledges.pledge(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/needs/:id/deliver', {
    schema: {
      tags,
      summary: 'The pledging organisation marks the need delivered',
      params: IdParams,
      body: NoteBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.pledges.deliver(currentUser(req), req.params.id, req.body.note),
  });

  app.post('/api/needs/:id/confirm', {
    schema: {
      tags,
      summary:
        'The village confirms delivery of a village need, or of a household need on its behalf (with reason)',
      params: IdParams,
      body: ConfirmBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.pledges.confirmByVillage(currentUser(req), req.params.id, req.body),
  });

  app.post('/api/needs/:id/withdraw', {
    schema: {
      tags,
      summary: 'Withdraw an open need',
      params: IdParams,
      body: ReasonBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => svc.needs.withdraw(currentUser(req), req.params.id, req.body.reason),
  });
}

import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import {
  CommitmentBody,
  Created,
  DeliveryBody,
  IdParam,
  NewPairBody,
  Ok,
  PairDetail,
  PairList,
  RegionQuery,
} from './schema.js';
import type { PairService } from './service.js';

const tags = ['pairs'];

/** Paired assistance (结对帮扶 · 东西部协作 · 定点扶贫): pairs, commitments, deliveries. */
export function pairRoutes(app: ZodApp, pairs: PairService) {
  app.get('/api/pairs', {
    schema: {
      tags,
      summary: 'Paired assistance touching a region, committed vs delivered per year',
      querystring: RegionQuery,
      response: { 200: PairList, ...errorResponses },
    },
    handler: (req) => pairs.list(currentUser(req), req.query.region),
  });
  app.get('/api/pairs/:id', {
    schema: {
      tags,
      summary: 'One pair with its yearly summary and deliveries',
      params: IdParam,
      response: { 200: PairDetail, ...errorResponses },
    },
    handler: (req) => pairs.get(currentUser(req), req.params.id),
  });
  app.post('/api/pairs', {
    schema: {
      tags,
      summary: 'Record a pair (audited)',
      body: NewPairBody,
      response: { 200: Created, ...errorResponses },
    },
    handler: (req) => pairs.create(currentUser(req), req.body),
  });
  app.put('/api/pairs/:id/commitments', {
    schema: {
      tags,
      summary: "Set a year's commitment of one category (audited)",
      params: IdParam,
      body: CommitmentBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => pairs.commit(currentUser(req), req.params.id, req.body),
  });
  app.post('/api/pairs/:id/deliveries', {
    schema: {
      tags,
      summary: 'Record a delivery (audited)',
      params: IdParam,
      body: DeliveryBody,
      response: { 200: Created, ...errorResponses },
    },
    handler: (req) => pairs.deliver(currentUser(req), req.params.id, req.body),
  });
}

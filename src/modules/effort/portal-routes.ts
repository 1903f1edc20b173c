import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ErrorBody, errorResponses, type ZodApp } from '../../kernel/http.js';
import type { PortalHousehold } from '../portal/household.js';
import { householdActor } from '../portal/household.js';
import { Commitment, PortalPoints, PortalRedeemBody, PortalRedeemed, ProgressBody } from './schema.js';
import type { EffortServices } from './service.js';

const tags = ['portal'];
const errors = { ...errorResponses, 409: ErrorBody };

/** The portal: the household's commitments and the progress it reports (its cadre confirms), its points. */
export function effortPortalRoutes(
  app: ZodApp,
  s: EffortServices,
  household: (req: FastifyRequest) => Promise<PortalHousehold>,
) {
  app.get('/api/portal/commitments', {
    schema: {
      tags,
      summary: "The household's own commitments and their progress",
      response: { 200: z.array(Commitment), ...errors },
    },
    handler: async (req) => s.commitments.ofPortal(await household(req)),
  });
  app.post('/api/portal/commitments/progress', {
    schema: {
      tags,
      summary: 'The household reports progress on a commitment (its cadre confirms)',
      body: ProgressBody,
      response: { 200: z.array(Commitment), ...errors },
    },
    handler: async (req) => {
      const h = await household(req);
      return s.commitments.reportFromPortal(h, householdActor(h), req.body);
    },
  });
  app.get('/api/portal/points', {
    schema: {
      tags,
      summary: "The household's points: balance, ledger and its own village's and township's shop",
      response: { 200: PortalPoints, ...errors },
    },
    handler: async (req) => s.portalPoints.points(await household(req)),
  });
  app.post('/api/portal/points/redeem', {
    schema: {
      tags,
      summary: 'The household redeems points at its points shop; never below zero (audited)',
      body: PortalRedeemBody,
      response: { 200: PortalRedeemed, ...errors },
    },
    handler: async (req) => {
      const h = await household(req);
      return s.portalPoints.redeem(h, householdActor(h), req.body);
    },
  });
}

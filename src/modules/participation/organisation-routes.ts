import { z } from 'zod';
import { currentUser, errorResponses, type ZodApp } from '../../kernel/http.js';
import { RegionCode } from '../../kernel/schema.js';
import type { NeedService } from './need-service.js';
import type { OrganisationService } from './organisation-service.js';
import {
  BoardNeed,
  IdParams,
  Ok,
  Organisation,
  OrganisationMe,
  OrganisationsQuery,
  pageOf,
  paging,
  ReasonBody,
  RegionChoice,
  RegistrationBody,
} from './schema.js';

const tags = ['participation'];

/** Organisations (/api/org): public registration, the organisation's own page, officers' review. */
export function organisationRoutes(
  app: ZodApp,
  svc: { organisations: OrganisationService; needs: NeedService },
  opts: { registerPerMinute: number },
) {
  const orgs = svc.organisations;
  // ---- public (no sign-in): registration and the division list it needs
  app.post('/api/org/register', {
    config: { rateLimit: { max: opts.registerPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Public: an organisation registers itself (pending until a county officer approves)',
      body: RegistrationBody,
      response: { 200: z.object({ id: z.string(), status: z.string() }), ...errorResponses },
    },
    handler: (req) => orgs.register(req.body),
  });

  app.get('/api/org/regions', {
    schema: {
      tags,
      summary: 'Public: division codes below a parent, for the registration form',
      querystring: z.object({ parent: RegionCode.default('') }),
      response: { 200: z.array(RegionChoice), ...errorResponses },
    },
    handler: (req) => orgs.publicRegions(req.query.parent),
  });

  // ---- the organisation's own
  app.get('/api/org/me', {
    schema: {
      tags,
      summary: 'The signed-in organisation and its totals',
      response: { 200: OrganisationMe, ...errorResponses },
    },
    handler: (req) => orgs.me(currentUser(req)),
  });

  app.get('/api/org/pledges', {
    schema: {
      tags,
      summary: "The organisation's pledges (anonymised needs)",
      querystring: z.object(paging),
      response: { 200: pageOf(BoardNeed), ...errorResponses },
    },
    handler: (req) => svc.needs.myPledges(currentUser(req), req.query),
  });

  // ---- officers: review organisations
  app.get('/api/org/organisations', {
    schema: {
      tags,
      summary: 'Organisations registered for regions in your scope (pending first)',
      querystring: OrganisationsQuery,
      response: { 200: pageOf(Organisation), ...errorResponses },
    },
    handler: (req) => orgs.organisations(currentUser(req), req.query),
  });

  app.post('/api/org/organisations/:id/approve', {
    schema: {
      tags,
      summary: "Approve a registration; creates the organisation's account",
      params: IdParams,
      body: z.object({}).optional(),
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => orgs.review(currentUser(req), req.params.id, 'approve'),
  });

  app.post('/api/org/organisations/:id/reject', {
    schema: {
      tags,
      summary: 'Reject a registration with a reason',
      params: IdParams,
      body: ReasonBody,
      response: { 200: Ok, ...errorResponses },
    },
    handler: (req) => orgs.review(currentUser(req), req.params.id, 'reject', req.body.reason),
  });
}

import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REPORT_KINDS } from '../../domain/warnings/kinds.js';
import { AppError } from '../../kernel/errors.js';
import { currentUser, ErrorBody, errorResponses, SESSION_COOKIE, type ZodApp } from '../../kernel/http.js';
import { Cards } from '../plans/schema.js';
import { ComplainantView, Description, FeedbackBody, Id, Kind } from '../grievances/schema.js';
import type { PortalHousehold, PortalService } from './service.js';

/** The portal's own cookie, sent only to /api/portal: a portal session never reaches staff routes. */
export const PORTAL_COOKIE = 'jz_portal';
const COOKIE_PATH = '/api/portal';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['portal'];
const IdParams = z.object({ id: Id });
const Ok = z.object({ ok: z.literal(true) });
const HouseholdRef = z.object({ id: z.string(), householdNo: z.string(), villageCode: z.string() });

const Me = z.object({
  year: z.number(),
  village: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  card: Cards.shape.cards.element,
  measures: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), status: z.string() })),
  ratings: z.array(
    z.object({
      year: z.number(),
      measureId: z.string().nullable(),
      rating: z.number(),
      comment: z.string().nullable(),
      ratedAt: z.string(),
    }),
  ),
});

const Need = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  description: z.string(),
  amount: z.number(),
  status: z.string(),
  organisation: z.string().nullable(),
  deliveryNote: z.string().nullable(),
  publishedAt: z.string(),
  deliveredAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  rating: z.number().nullable(),
});

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

/** Staff: issue portal access codes (shown once). Household: everything under /api/portal. */
export function portalRoutes(
  app: ZodApp,
  portal: PortalService,
  opts: { loginPerMinute: number; secureCookie: boolean },
) {
  /** The signed-in household; a staff session alone gets 403, nothing at all 401. */
  async function household(req: FastifyRequest): Promise<PortalHousehold> {
    const token = req.cookies[PORTAL_COOKIE];
    const h = token ? await portal.householdForToken(token) : null;
    if (h) return h;
    if (req.user || req.cookies[SESSION_COOKIE])
      throw new AppError('E_FORBIDDEN', 'Staff sessions cannot act as a household; sign in to the portal');
    throw new AppError('E_UNAUTHENTICATED', 'Sign in to the household portal first');
  }

  // ---- staff
  app.post('/api/portal-codes', {
    schema: {
      tags,
      summary:
        'Issue fresh portal access codes for households (or every card household of a village); the codes are returned once, for the card; earlier codes and sessions end',
      body: z.union([
        z.object({ householdIds: z.array(Id).min(1).max(1000) }),
        z.object({ villageCode: z.string().regex(/^\d{12}$/) }),
      ]),
      response: {
        200: z.object({
          codes: z.array(
            z.object({
              householdId: z.string(),
              householdNo: z.string(),
              headName: z.string().nullable(),
              code: z.string(),
            }),
          ),
        }),
        ...errors,
      },
    },
    handler: async (req) => {
      const user = currentUser(req);
      const b = req.body;
      const codes =
        'householdIds' in b
          ? await portal.issueCodes(user, b.householdIds)
          : await portal.issueCodesForVillage(user, b.villageCode);
      return { codes };
    },
  });

  // ---- household
  app.post('/api/portal/login', {
    config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'Household sign-in with household number and access code; sets the portal cookie',
      body: z.object({ householdNo: z.string().trim().min(1).max(20), code: z.string().min(1).max(100) }),
      response: { 200: z.object({ household: HouseholdRef }), ...errors },
    },
    handler: async (req, reply) => {
      const { token, expiresAt, household } = await portal.login(req.body.householdNo, req.body.code);
      reply.setCookie(PORTAL_COOKIE, token, {
        path: COOKIE_PATH,
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookie,
        expires: expiresAt,
      });
      return { household };
    },
  });

  app.post('/api/portal/logout', {
    schema: { tags, summary: 'Household sign-out', response: { 200: Ok, ...errors } },
    handler: async (req, reply) => {
      const token = req.cookies[PORTAL_COOKIE];
      if (token) await portal.logout(token);
      reply.clearCookie(PORTAL_COOKIE, { path: COOKIE_PATH });
      return { ok: true as const };
    },
  });

  app.get('/api/portal/me', {
    schema: {
      tags,
      summary:
        "The household's own record: members (ID numbers masked), plan, measures, policies, cadre; ratings",
      response: { 200: Me, ...errors },
    },
    handler: async (req) => portal.me(await household(req)),
  });

  app.post('/api/portal/plan/agreement', {
    schema: {
      tags,
      summary: 'Agree to the plan, or decline it with a reason (method portal); by = a present member',
      body: z.object({
        agreed: z.boolean(),
        by: z.string().trim().min(1).max(40),
        declineReason: z.string().trim().max(1000).optional(),
      }),
      response: { 200: z.object({ year: z.number(), status: z.string() }), ...errors },
    },
    handler: async (req) => portal.agree(await household(req), req.body),
  });

  app.get('/api/portal/needs', {
    schema: {
      tags,
      summary: "The household's needs on the board",
      response: { 200: z.array(Need), ...errors },
    },
    handler: async (req) => portal.needs(await household(req)),
  });

  app.post('/api/portal/needs/:id/confirm', {
    schema: {
      tags,
      summary: 'Confirm that a need was delivered, with a note and a rating 1–5',
      params: IdParams,
      body: z.object({
        note: z.string().trim().max(1000).default(''),
        rating: z.number().int().min(1).max(5).optional(),
      }),
      response: { 200: z.object({ status: z.literal('confirmed') }), ...errors },
    },
    handler: async (req) => portal.confirmNeed(await household(req), req.params.id, req.body),
  });

  app.post('/api/portal/ratings', {
    schema: {
      tags,
      summary:
        'Rate the help of a year (or one measure of the plan) 1–5 with a comment; a new rating replaces the old',
      body: z.object({
        year: z.number().int(),
        measureId: Id.optional(),
        rating: z.number().int().min(1).max(5),
        comment: z.string().trim().max(1000).optional(),
      }),
      response: {
        200: z.object({
          year: z.number(),
          measureId: z.string().nullable(),
          rating: z.number(),
          comment: z.string().nullable(),
        }),
        ...errors,
      },
    },
    handler: async (req) => portal.rate(await household(req), req.body),
  });

  app.post('/api/portal/difficulties', {
    schema: {
      tags,
      summary: 'Report a new difficulty: a self-report in the early-warning channel',
      body: z.object({
        kind: z.enum(REPORT_KINDS),
        description: z.string().trim().min(1).max(2000),
        observedOn: IsoDate,
      }),
      response: { 200: z.object({ id: z.string() }), ...errors },
    },
    handler: async (req) => portal.reportDifficulty(await household(req), req.body),
  });

  app.get('/api/portal/grievances', {
    schema: {
      tags,
      summary: "The household's grievances and their outcomes",
      response: { 200: z.array(ComplainantView), ...errors },
    },
    handler: async (req) => portal.grievances(await household(req)),
  });

  app.post('/api/portal/grievances', {
    schema: {
      tags,
      summary: "File a grievance; routed to the township of the household's village",
      body: z.object({ kind: Kind, description: Description }),
      response: { 200: ComplainantView, ...errors },
    },
    handler: async (req) => portal.fileGrievance(await household(req), req.body),
  });

  app.post('/api/portal/grievances/:id/feedback', {
    schema: {
      tags,
      summary: 'Feedback on the outcome of a resolved grievance (not satisfied may reopen once)',
      params: IdParams,
      body: FeedbackBody,
      response: { 200: ComplainantView, ...errors },
    },
    handler: async (req) => portal.grievanceFeedback(await household(req), req.params.id, req.body),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../kernel/errors.js';
import { ErrorBody, errorResponses, SESSION_COOKIE, type ZodApp } from '../../kernel/http.js';
import type { PortalHousehold } from './household.js';
import { HouseholdRef, LoginBody } from './schema.js';
import type { PortalSessionService } from './session-service.js';

/** The portal's own cookie, sent only to /api/portal: a portal session never reaches staff routes. */
export const PORTAL_COOKIE = 'jz_portal';
const COOKIE_PATH = '/api/portal';

const errors = { ...errorResponses, 409: ErrorBody, 429: ErrorBody };
const tags = ['portal'];

/** The signed-in household of a request; a staff session alone gets 403, nothing at all 401. */
export function householdOf(sessions: PortalSessionService) {
  return async (req: FastifyRequest): Promise<PortalHousehold> => {
    const token = req.cookies[PORTAL_COOKIE];
    const h = token ? await sessions.householdForToken(token) : null;
    if (h) return h;
    if (req.user || req.cookies[SESSION_COOKIE])
      throw new AppError('E_FORBIDDEN', 'Staff sessions cannot act as a household; sign in to the portal');
    throw new AppError('E_UNAUTHENTICATED', 'Sign in to the household portal first');
  };
}

/** A throttled sign-in (429) tells the client when to try again (Retry-After, seconds). */
function withRetryAfter(reply: FastifyReply, e: unknown): unknown {
  const seconds = e instanceof AppError && (e.details as { retryAfterSeconds?: number })?.retryAfterSeconds;
  if (seconds) reply.header('retry-after', String(seconds));
  return e;
}

/** Household sign-in and sign-out (the portal cookie). */
export function portalSessionRoutes(
  app: ZodApp,
  sessions: PortalSessionService,
  opts: { loginPerMinute: number; secureCookie: boolean },
) {
  app.post('/api/portal/login', {
    config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary:
        'Household sign-in with household number and access code; sets the portal cookie. Wrong codes slow further tries of the household and of the address down: 429 with Retry-After (seconds), never a lockout',
      body: LoginBody,
      response: { 200: z.object({ household: HouseholdRef }), ...errors },
    },
    handler: async (req, reply) => {
      const { token, expiresAt, household } = await sessions
        .login(req.body.householdNo, req.body.code, req.ip)
        .catch((e: unknown) => Promise.reject(withRetryAfter(reply, e)));
      const cookie = { path: COOKIE_PATH, httpOnly: true, secure: opts.secureCookie, expires: expiresAt };
      reply.setCookie(PORTAL_COOKIE, token, { ...cookie, sameSite: 'strict' });
      return { household };
    },
  });

  app.post('/api/portal/logout', {
    schema: {
      tags,
      summary: 'Household sign-out',
      response: { 200: z.object({ ok: z.literal(true) }), ...errors },
    },
    handler: async (req, reply) => {
      const token = req.cookies[PORTAL_COOKIE];
      if (token) await sessions.logout(token);
      reply.clearCookie(PORTAL_COOKIE, { path: COOKIE_PATH });
      return { ok: true as const };
    },
  });
}

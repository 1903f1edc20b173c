import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthUser } from './/user.js';
import { AppError } from './errors.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
}

export const SESSION_COOKIE = 'jz_session';

/** The signed-in user of a request, or 401. */
export function currentUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('E_UNAUTHENTICATED', 'Sign in first');
  return req.user;
}

/** Error body of every 4xx/5xx response. */
export const ErrorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });

export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
};

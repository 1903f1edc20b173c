import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';

/**
 * Text PostgreSQL cannot store, refused at the door (docs/security.md, "Bad input"): a NUL character
 * (text columns refuse 0x00) and a lone UTF-16 surrogate (jsonb refuses it; a text column would store
 * U+FFFD in its place, silently). Checked in every JSON body, query string and path parameter of every
 * route — the unauthenticated sign-ins included — before schema validation, so a route's own schema
 * need not repeat it.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path ('body.items.0.name') of the first string (or key) in `value` that PostgreSQL cannot store. */
export function unstorableText(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? path : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = unstorableText(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (UNSTORABLE.test(k)) return `${path}.${k.replace(UNSTORABLE, '?')}`;
    const hit = unstorableText(v, `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

function check(req: FastifyRequest): void {
  const field =
    unstorableText(req.params, 'params') ??
    unstorableText(req.query, 'querystring') ??
    unstorableText(req.body, 'body');
  if (!field) return;
  const message = 'must not contain a NUL character or an unpaired surrogate';
  throw new AppError('E_VALIDATION', `Invalid ${field}: ${message}`, [
    { field, message, messageZh: '含有无法保存的字符（NUL 或不成对的代理项）' },
  ]);
}

/** Install the guard on every route (call before routes are registered). */
export function installBodyGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => check(req));
}

/**
 * A PostgreSQL data exception (SQLSTATE class 22: 22P02 invalid text representation, 22003 numeric
 * value out of range, 22021 character not in repertoire, 22007/22008 datetime, …). The error handler
 * answers it 400 as a safety net behind the schemas — logged, since it means a schema lacks a bound.
 */
export function isDataException(err: unknown): boolean {
  const e = err as { code?: unknown; severity?: unknown } | null;
  return typeof e?.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code) && typeof e.severity === 'string';
}

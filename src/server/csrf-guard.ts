import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../kernel/errors.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Why a state-changing API request is refused as cross-site, or null. Fetch Metadata first: a
 * browser that sends `Sec-Fetch-Site: cross-site` names the request as another site's. Then the
 * `Origin` header, when present, must name this server's own host (as the request's `Host` does;
 * `null` — an opaque origin — never does). A request with neither header (CLI and API clients,
 * tests' inject) is not a browser's cross-site request and passes. Same-site and same-origin pass.
 */
export function crossSiteReason(headers: FastifyRequest['headers']): string | null {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site') return 'Sec-Fetch-Site is cross-site';
  const origin = headers.origin;
  if (origin === undefined) return null;
  let originHost: string | null;
  try {
    originHost = origin === 'null' ? null : new URL(origin).host.toLowerCase();
  } catch {
    originHost = null;
  }
  const host = (headers.host ?? '').toLowerCase();
  if (!originHost || originHost !== host) return `Origin ${origin} is not this server (${host || 'no Host'})`;
  return null;
}

/**
 * CSRF defence for the API, on top of the session cookie's SameSite=Strict: every POST, PUT, PATCH or
 * DELETE under /api/ that a browser marks as coming from another site is refused with 403 E_FORBIDDEN
 * before any handler (or login) runs.
 */
export function installCsrfGuard(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    if (!STATE_CHANGING.has(req.method) || !req.url.startsWith('/api/')) return;
    const reason = crossSiteReason(req.headers);
    if (reason)
      throw new AppError('E_FORBIDDEN', `Cross-site request refused: ${reason}`, { reason: 'csrf' });
  });
}

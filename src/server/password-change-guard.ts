import type { FastifyInstance } from 'fastify';
import { mustChangePassword } from '../modules/auth/service.js';

/**
 * A user who signed in with a password an administrator set (a new account, a reset password) must
 * set their own before anything else: every API call but these answers 403
 * `E_PASSWORD_CHANGE_REQUIRED` (docs/security.md, "User administration"). The web app's files stay public.
 */
const OPEN = new Set([
  '/api/auth/me',
  '/api/auth/logout',
  '/api/auth/password',
  '/api/auth/login',
  '/api/health',
]);

/** Install the guard (after the session hook has set `req.user`). */
export function installPasswordChangeGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req, reply) => {
    if (!mustChangePassword(req.user)) return;
    // the matched route's pattern when there is one (immune to odd spellings of the URL), else the path
    const path = req.routeOptions.url ?? req.url.split('?')[0]!;
    if (!path.startsWith('/api') || OPEN.has(path)) return;
    return reply.status(403).send({
      code: 'E_PASSWORD_CHANGE_REQUIRED',
      message: 'Set a new password first (POST /api/auth/password)',
    });
  });
}

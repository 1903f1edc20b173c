import { z } from 'zod';
import { permissionsOf } from '../../domain/roles.js';
import { currentUser, errorResponses, SESSION_COOKIE, type ZodApp } from '../../kernel/http.js';
import type { RegionService } from '../regions/service.js';
import type { AuthUser } from '../../kernel/user.js';
import { mustChangePassword, type AuthService } from './service.js';

const UserBody = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  scope: z.object({ code: z.string(), name: z.string(), level: z.number() }),
  canUnmask: z.boolean(),
  /** What this role may do (src/domain/roles.ts): the web app shows actions by these, the server checks again. */
  permissions: z.record(z.string(), z.boolean()),
  /** A new account or a reset password: only auth/me, auth/logout and auth/password answer until it is changed. */
  mustChangePassword: z.boolean(),
});

export function authRoutes(
  app: ZodApp,
  auth: AuthService,
  regions: RegionService,
  opts: { loginPerMinute: number; secureCookie: boolean },
) {
  const userBody = async (u: AuthUser) => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: await regions.refOf(u.scopeCode),
    canUnmask: permissionsOf(u.role).unmask,
    permissions: { ...permissionsOf(u.role) },
    mustChangePassword: mustChangePassword(u),
  });

  app.post('/api/auth/login', {
    config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie',
      body: z.object({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) }),
      response: { 200: z.object({ user: UserBody }), ...errorResponses },
    },
    handler: async (req, reply) => {
      const { token, user, expiresAt } = await auth.login(req.body.username, req.body.password);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookie,
        expires: expiresAt,
      });
      return { user: await userBody(user) };
    },
  });

  app.post('/api/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: 'Sign out',
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req, reply) => {
      const user = currentUser(req);
      const token = req.cookies[SESSION_COOKIE];
      if (token) await auth.logout(token, user);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.get('/api/auth/me', {
    schema: {
      tags: ['auth'],
      summary: 'The signed-in user',
      response: { 200: z.object({ user: UserBody }), ...errorResponses },
    },
    handler: async (req) => ({ user: await userBody(currentUser(req)) }),
  });

  app.post('/api/auth/password', {
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (the current one, a new one the password policy accepts)',
      body: z.object({
        currentPassword: z.string().min(1).max(200),
        newPassword: z.string().min(1).max(200),
      }),
      response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
    handler: async (req) => {
      const user = currentUser(req);
      const token = req.cookies[SESSION_COOKIE] ?? '';
      await auth.changePassword(user, token, req.body.currentPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });
}

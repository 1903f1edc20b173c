import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isRole } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { authRepository } from './repository.js';
import { createLoginThrottle } from './login-throttle.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './password.js';
import { passwordProblem } from '../../domain/passwords/policy.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Signed-in users who must set a password of their own first (a new account, a reset password):
 * marked by the session lookup, read by the central guard (src/server/password-change-guard.ts).
 */
const MUST_CHANGE = new WeakSet<AuthUser>();
export const mustChangePassword = (user: AuthUser | null): boolean => !!user && MUST_CHANGE.has(user);
const sessionUser = (row: {
  id: string;
  username: string;
  display_name: string;
  role: AuthUser['role'];
  scope_code: string;
  must_change_password: boolean;
}): AuthUser => {
  const user: AuthUser = {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scopeCode: row.scope_code,
  };
  if (row.must_change_password) MUST_CHANGE.add(user);
  return user;
};

/**
 * Sign-in and sessions. `clock` gives the instant a session starts and expires: the wall clock
 * (sessions are a security matter, not a business date; a test's business clock may move by days).
 */
export function createAuthService(db: Kysely<DB>, opts: { sessionHours: number; clock: Clock }) {
  const throttle = createLoginThrottle(opts.clock); // per account; the per-address limit is the route's
  return {
    /** Check credentials; on success create a session and return its token. */
    async login(
      username: string,
      password: string,
    ): Promise<{ token: string; user: AuthUser; expiresAt: Date }> {
      const waitS = Math.ceil(throttle.waitMs(username) / 1000);
      if (waitS > 0)
        throw new AppError('E_RATE_LIMITED', `Too many failed sign-ins for this account; wait ${waitS} s`, {
          field: 'username',
          retryAfter: waitS,
        });
      const row = await authRepository.findUserByName(db, username);
      const ok =
        row && !row.disabled
          ? await verifyPassword(password, row.password_hash)
          : await verifyPassword(password, await DUMMY_HASH_PROMISE).then(() => false);
      if (!row || !ok || !isRole(row.role)) {
        throttle.failed(username);
        throw new AppError('E_UNAUTHENTICATED', 'Wrong username or password', { field: 'password' });
      }
      throttle.succeeded(username);
      const token = randomBytes(32).toString('base64url');
      const now = opts.clock.now();
      const expiresAt = new Date(now.getTime() + opts.sessionHours * 3600_000);
      const user = sessionUser({ ...row, role: row.role });
      await db.transaction().execute(async (trx) => {
        await authRepository.deleteExpired(trx, now);
        await authRepository.createSession(trx, hashToken(token), row.id, expiresAt);
        await authRepository.signedIn(trx, row.id, now);
        await recordAudit(trx, actorOf(row), {
          action: 'login',
          entityType: 'user',
          entityId: row.id,
          regionCode: row.scope_code || null,
        });
      });
      return { token, user, expiresAt };
    },

    async logout(token: string, user: AuthUser): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await authRepository.deleteSession(trx, hashToken(token));
        await recordAudit(trx, actorOf(user), {
          action: 'logout',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.scopeCode || null,
        });
      });
    },

    async userForToken(token: string): Promise<AuthUser | null> {
      const row = await authRepository.findSessionUser(db, hashToken(token), opts.clock.now());
      if (!row || !isRole(row.role)) return null;
      return sessionUser({ ...row, role: row.role });
    },

    /**
     * Set one's own password (the current one proven, the policy applied, a different one); clears the
     * "must change" mark and ends the user's other sessions. Wrong current passwords count towards the
     * account's sign-in throttle.
     */
    async changePassword(user: AuthUser, token: string, current: string, next: string): Promise<void> {
      const waitS = Math.ceil(throttle.waitMs(user.username) / 1000);
      if (waitS > 0)
        throw new AppError('E_RATE_LIMITED', `Too many wrong passwords for this account; wait ${waitS} s`, {
          field: 'currentPassword',
          retryAfter: waitS,
        });
      if (!(await verifyPassword(current, await authRepository.passwordHashOf(db, user.id)))) {
        throttle.failed(user.username);
        throw new AppError('E_VALIDATION', 'The current password is wrong', { field: 'currentPassword' });
      }
      const weak = passwordProblem(next, { username: user.username });
      if (weak) throw new AppError('E_VALIDATION', weak, { field: 'newPassword' });
      if (next.normalize('NFKC') === current.normalize('NFKC'))
        throw new AppError('E_VALIDATION', 'the new password must differ from the current one', {
          field: 'newPassword',
        });
      const hash = await hashPassword(next);
      await db.transaction().execute(async (trx) => {
        await authRepository.setOwnPassword(trx, user.id, hash);
        await authRepository.deleteOtherSessions(trx, user.id, hashToken(token));
        await recordAudit(trx, actorOf(user), {
          action: 'user.password_change',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.scopeCode || null,
        });
      });
      MUST_CHANGE.delete(user);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

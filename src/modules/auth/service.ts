import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isRole, type Role } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { authRepository } from './repository.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from './password.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createAuthService(db: Kysely<DB>, opts: { sessionHours: number }) {
  return {
    /** Check credentials; on success create a session and return its token. */
    async login(
      username: string,
      password: string,
    ): Promise<{ token: string; user: AuthUser; expiresAt: Date }> {
      const row = await authRepository.findUserByName(db, username);
      const ok =
        row && !row.disabled
          ? await verifyPassword(password, row.password_hash)
          : await verifyPassword(password, await DUMMY_HASH_PROMISE).then(() => false);
      if (!row || !ok || !isRole(row.role)) {
        throw new AppError('E_UNAUTHENTICATED', 'Wrong username or password', { field: 'password' });
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + opts.sessionHours * 3600_000);
      const user: AuthUser = {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        scopeCode: row.scope_code,
      };
      await db.transaction().execute(async (trx) => {
        await authRepository.deleteExpired(trx);
        await authRepository.createSession(trx, hashToken(token), row.id, expiresAt);
        await recordAudit(
          trx,
          { id: row.id, name: row.username },
          { action: 'login', entityType: 'user', entityId: row.id, regionCode: row.scope_code || null },
        );
      });
      return { token, user, expiresAt };
    },

    async logout(token: string, user: AuthUser): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await authRepository.deleteSession(trx, hashToken(token));
        await recordAudit(
          trx,
          { id: user.id, name: user.username },
          { action: 'logout', entityType: 'user', entityId: user.id, regionCode: user.scopeCode || null },
        );
      });
    },

    async userForToken(token: string): Promise<AuthUser | null> {
      const row = await authRepository.findSessionUser(db, hashToken(token));
      if (!row || !isRole(row.role)) return null;
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        scopeCode: row.scope_code,
      };
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;

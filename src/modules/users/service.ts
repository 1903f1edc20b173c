import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isRole, ROLES, type Role } from '../../domain/roles.js';
import { levelOf } from '../../domain/region-code.js';
import { AppError } from '../../server/errors.js';
import { hashPassword } from '../auth/password.js';
import { recordAudit, type Actor } from '../audit/service.js';

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: string;
  scopeCode: string;
}

export function createUserService(db: Kysely<DB>) {
  async function validate(u: NewUser): Promise<Role> {
    if (!/^[\w.-]{2,40}$/.test(u.username)) {
      throw new AppError('E_VALIDATION', 'username must be 2–40 letters, digits, dot, dash or underscore', {
        field: 'username',
      });
    }
    if (u.password.length < 8)
      throw new AppError('E_VALIDATION', 'password must have at least 8 characters', { field: 'password' });
    if (!isRole(u.role))
      throw new AppError('E_VALIDATION', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    if (u.scopeCode !== '') {
      if (!levelOf(u.scopeCode))
        throw new AppError('E_VALIDATION', `scope ${u.scopeCode} is not a division code`, { field: 'scope' });
      const region = await db
        .selectFrom('region')
        .select('code')
        .where('code', '=', u.scopeCode)
        .executeTakeFirst();
      if (!region)
        throw new AppError('E_VALIDATION', `scope region ${u.scopeCode} is not loaded`, { field: 'scope' });
    } else if (u.role !== 'admin') {
      throw new AppError('E_VALIDATION', 'only an admin may have the whole country as scope', {
        field: 'scope',
      });
    }
    return u.role;
  }

  return {
    /** Create or (when `replace`) update a user; audited. */
    async upsert(actor: Actor, u: NewUser, replace = false): Promise<string> {
      const role = await validate(u);
      const passwordHash = await hashPassword(u.password);
      return db.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('app_user')
          .select(['id', 'role', 'scope_code'])
          .where('username', '=', u.username)
          .executeTakeFirst();
        if (existing && !replace)
          throw new AppError('E_CONFLICT', `user ${u.username} already exists`, { field: 'username' });
        const values = {
          display_name: u.displayName ?? u.username,
          password_hash: passwordHash,
          role,
          scope_code: u.scopeCode,
        };
        const id = existing
          ? (
              await trx
                .updateTable('app_user')
                .set(values)
                .where('id', '=', existing.id)
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id
          : (
              await trx
                .insertInto('app_user')
                .values({ username: u.username, ...values })
                .returning('id')
                .executeTakeFirstOrThrow()
            ).id;
        await recordAudit(trx, actor, {
          action: existing ? 'user.update' : 'user.create',
          entityType: 'user',
          entityId: id,
          regionCode: u.scopeCode || null,
          before: existing ? { role: existing.role, scope: existing.scope_code } : null,
          after: { username: u.username, role, scope: u.scopeCode },
        });
        return id;
      });
    },

    async hasAdmin(): Promise<boolean> {
      const row = await db
        .selectFrom('app_user')
        .select('id')
        .where('role', '=', 'admin')
        .where('disabled', '=', false)
        .executeTakeFirst();
      return !!row;
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;

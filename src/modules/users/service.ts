import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { isRole, ROLES, type Role } from '../../domain/roles.js';
import { levelOf } from '../../domain/region-code.js';
import { passwordProblem } from '../../domain/passwords/policy.js';
import { AppError } from '../../kernel/errors.js';
import { hashPassword } from '../auth/password.js';
import type { Actor } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { userRepository } from './repository.js';

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  role: string;
  scopeCode: string;
  /** Must set a password of their own at the next sign-in (an account created in the web app). */
  mustChangePassword?: boolean;
}

export function createUserService(db: Kysely<DB>) {
  async function validate(u: NewUser): Promise<Role> {
    if (!/^[\w.-]{2,40}$/.test(u.username)) {
      throw new AppError('E_VALIDATION', 'username must be 2–40 letters, digits, dot, dash or underscore', {
        field: 'username',
      });
    }
    const weak = passwordProblem(u.password, { username: u.username });
    if (weak) throw new AppError('E_VALIDATION', weak, { field: 'password' });
    if (!isRole(u.role))
      throw new AppError('E_VALIDATION', `role must be one of ${ROLES.join(', ')}`, { field: 'role' });
    if (u.scopeCode !== '') {
      if (!levelOf(u.scopeCode))
        throw new AppError('E_VALIDATION', `scope ${u.scopeCode} is not a division code`, { field: 'scope' });
      if (!(await userRepository.regionExists(db, u.scopeCode)))
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
        const existing = await userRepository.byUsername(trx, u.username);
        if (existing && !replace)
          throw new AppError('E_CONFLICT', `user ${u.username} already exists`, { field: 'username' });
        const values = {
          display_name: u.displayName ?? u.username,
          password_hash: passwordHash,
          role,
          scope_code: u.scopeCode,
          ...(u.mustChangePassword === undefined ? {} : { must_change_password: u.mustChangePassword }),
        };
        const id = existing
          ? await userRepository.update(trx, existing.id, values)
          : await userRepository.insert(trx, u.username, values);
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

    hasAdmin: (): Promise<boolean> => userRepository.hasActiveAdmin(db),
  };
}
export type UserService = ReturnType<typeof createUserService>;

import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { passwordProblem } from '../../domain/passwords/policy.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/password.js';
import {
  assertAdministers,
  assertAssignable,
  assertManages,
  assertNotSelf,
  assignableRoles,
  manages,
} from './access.js';
import { userAdminRepository as repo } from './admin-repository.js';
import { userRepository } from './repository.js';
import type { UserService } from './service.js';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
/** A temporary password: three groups of four unambiguous letters and digits (≈ 59 bits). */
export const generatePassword = () =>
  [0, 1, 2]
    .map(() => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''))
    .join('-');

type Row = NonNullable<Awaited<ReturnType<typeof repo.byId>>>;
const view = (actor: AuthUser, r: Row) => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  scopeCode: r.scope_code,
  scopeName: r.scope_code === '' ? '全国' : (r.scope_name ?? r.scope_code),
  disabled: r.disabled,
  mustChangePassword: r.must_change_password,
  lastLoginAt: r.last_login_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
  manageable: manages(actor, r) && r.id !== actor.id,
});
export type UserView = ReturnType<typeof view>;

export interface UserChange {
  displayName?: string;
  role?: string;
  scopeCode?: string;
}

/**
 * User administration in the web app (docs/security.md, "User administration"): who may do what is
 * `access.ts`; every change is audited in its own transaction; a new account and a reset password
 * must be replaced by the user at the next sign-in; disabling ends the user's sessions at once.
 */
export function createUserAdminService(db: Kysely<DB>, users: UserService, clock: Clock) {
  const audit =
    (trx: Kysely<DB>, actor: AuthUser, action: Parameters<typeof recordAudit>[2]['action']) =>
    (t: { id: string; scope_code: string }, before: unknown, after: unknown) =>
      recordAudit(trx, actorOf(actor), {
        action,
        entityType: 'user',
        entityId: t.id,
        regionCode: t.scope_code || null,
        before,
        after,
      });
  const fresh = async (actor: AuthUser, id: string) => view(actor, (await repo.byId(db, id))!);
  const checkPassword = (password: string, username: string) => {
    const weak = passwordProblem(password, { username });
    if (weak) throw new AppError('E_VALIDATION', weak, { field: 'password' });
  };
  const assertRegion = async (scopeCode: string) => {
    if (scopeCode !== '' && !(await userRepository.regionExists(db, scopeCode)))
      throw new AppError('E_VALIDATION', `scope region ${scopeCode} is not loaded`, { field: 'scopeCode' });
  };

  return {
    async list(actor: AuthUser, f: { q?: string; role?: string; page: number; pageSize: number }) {
      assertAdministers(actor);
      const scope = scopeFor(actor);
      const { rows, total } = await repo.list(db, {
        scope,
        q: f.q,
        role: f.role,
        limit: f.pageSize,
        offset: (f.page - 1) * f.pageSize,
      });
      return { items: rows.map((r) => view(actor, r)), total, assignableRoles: [...assignableRoles(actor)] };
    },

    /** A new account; without a password, one is generated and returned once. Must change it at first sign-in. */
    async create(
      actor: AuthUser,
      u: UserChange & { username: string; role: string; scopeCode: string; password?: string },
    ) {
      assertAdministers(actor);
      assertAssignable(actor, u.role, u.scopeCode);
      const password = u.password ?? generatePassword();
      const id = await users.upsert(actorOf(actor), { ...u, password, mustChangePassword: true });
      return { user: await fresh(actor, id), temporaryPassword: u.password ? null : password };
    },

    async update(actor: AuthUser, id: string, change: UserChange) {
      assertAdministers(actor);
      await db.transaction().execute(async (trx) => {
        const t = assertManages(actor, await repo.lock(trx, id), id);
        const role = change.role ?? t.role;
        const scopeCode = change.scopeCode ?? t.scope_code;
        if (role !== t.role || scopeCode !== t.scope_code) {
          assertNotSelf(actor, id, 'change the role or scope of');
          if (t.role === 'organisation' || role === 'organisation')
            throw new AppError('E_FORBIDDEN', 'An organisation account keeps its role and scope', {
              field: 'role',
            });
          assertAssignable(actor, role, scopeCode);
          await assertRegion(scopeCode);
        }
        const values = {
          role,
          scope_code: scopeCode,
          ...(change.displayName ? { display_name: change.displayName } : {}),
        };
        await repo.set(trx, id, values);
        await audit(trx, actor, 'user.update')(
          t,
          { role: t.role, scope: t.scope_code },
          { role, scope: scopeCode, ...(change.displayName ? { displayName: change.displayName } : {}) },
        );
      });
      return fresh(actor, id);
    },

    /** Disable (sessions end at once; sign-in refused) or enable an account. */
    async setDisabled(actor: AuthUser, id: string, disabled: boolean) {
      assertAdministers(actor);
      await db.transaction().execute(async (trx) => {
        const t = assertManages(actor, await repo.lock(trx, id), id);
        if (disabled) assertNotSelf(actor, id, 'disable');
        if (t.disabled === disabled) return;
        await repo.set(trx, id, { disabled, disabled_at: disabled ? clock.now() : null });
        if (disabled) await repo.endSessions(trx, id);
        await audit(trx, actor, disabled ? 'user.disable' : 'user.enable')(
          t,
          { disabled: t.disabled },
          { disabled },
        );
      });
      return fresh(actor, id);
    },

    /** A temporary password (typed, or generated and returned once); the user must replace it; sessions end. */
    async resetPassword(actor: AuthUser, id: string, typed?: string) {
      assertAdministers(actor);
      assertNotSelf(actor, id, 'reset the password of'); // one's own: POST /api/auth/password
      const t0 = assertManages(actor, await repo.byId(db, id), id);
      const password = typed ?? generatePassword();
      checkPassword(password, t0.username);
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const t = assertManages(actor, await repo.lock(trx, id), id);
        await repo.set(trx, id, { password_hash: hash, must_change_password: true });
        await repo.endSessions(trx, id);
        await audit(trx, actor, 'user.password_reset')(t, null, {
          mustChangePassword: true,
          generated: !typed,
        });
      });
      return { user: await fresh(actor, id), temporaryPassword: typed ? null : password };
    },
  };
}
export type UserAdminService = ReturnType<typeof createUserAdminService>;

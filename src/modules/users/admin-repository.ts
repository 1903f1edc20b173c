import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of user administration (src/modules/users/admin-service.ts). */
export const USER_COLUMNS = [
  'app_user.id',
  'app_user.username',
  'app_user.display_name',
  'app_user.role',
  'app_user.scope_code',
  'app_user.disabled',
  'app_user.must_change_password',
  'app_user.last_login_at',
  'app_user.created_at',
] as const;

export interface UserListFilter {
  scope: string;
  q?: string;
  role?: string;
  limit: number;
  offset: number;
}

export const userAdminRepository = {
  list: async (db: Kysely<DB>, f: UserListFilter) => {
    let query = db.selectFrom('app_user').where(inRegion('app_user.scope_code', f.scope, true));
    if (f.scope !== '') query = query.where('app_user.scope_code', '!=', '');
    if (f.role) query = query.where('app_user.role', '=', f.role);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([eb('app_user.username', 'ilike', like), eb('app_user.display_name', 'ilike', like)]),
      );
    }
    const [rows, count] = await Promise.all([
      query
        .leftJoin('region', 'region.code', 'app_user.scope_code')
        .select([...USER_COLUMNS, 'region.name as scope_name'])
        .orderBy('app_user.scope_code')
        .orderBy('app_user.username')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },
  byId: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('app_user')
      .leftJoin('region', 'region.code', 'app_user.scope_code')
      .select([...USER_COLUMNS, 'region.name as scope_name'])
      .where('app_user.id', '=', id)
      .executeTakeFirst(),
  /** The row locked for a change (within the change's transaction). */
  lock: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'username', 'role', 'scope_code', 'disabled'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  set: (
    db: Kysely<DB>,
    id: string,
    values: Partial<{
      display_name: string;
      role: string;
      scope_code: string;
      disabled: boolean;
      disabled_at: Date | null;
      password_hash: string;
      must_change_password: boolean;
    }>,
  ) => db.updateTable('app_user').set(values).where('id', '=', id).execute(),
  /** Sign the user out everywhere (disabled, password reset). */
  endSessions: (db: Kysely<DB>, userId: string) =>
    db.deleteFrom('session').where('user_id', '=', userId).execute(),
};

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

export interface UserValues {
  display_name: string;
  password_hash: string;
  role: string;
  scope_code: string;
  must_change_password?: boolean;
}

export const userRepository = {
  regionExists: async (db: Kysely<DB>, code: string) =>
    !!(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()),
  byUsername: (db: Kysely<DB>, username: string) =>
    db
      .selectFrom('app_user')
      .select(['id', 'role', 'scope_code'])
      .where('username', '=', username)
      .executeTakeFirst(),
  update: async (db: Kysely<DB>, id: string, values: UserValues) =>
    (
      await db
        .updateTable('app_user')
        .set(values)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  insert: async (db: Kysely<DB>, username: string, values: UserValues) =>
    (
      await db
        .insertInto('app_user')
        .values({ username, ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  hasActiveAdmin: async (db: Kysely<DB>) =>
    !!(await db
      .selectFrom('app_user')
      .select('id')
      .where('role', '=', 'admin')
      .where('disabled', '=', false)
      .executeTakeFirst()),
};

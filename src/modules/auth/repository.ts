import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';

export const authRepository = {
  findUserByName: (db: Kysely<DB>, username: string) =>
    db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst(),
  findSessionUser: (db: Kysely<DB>, tokenHash: string, now: Date) =>
    db
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .select([
        'app_user.id',
        'app_user.username',
        'app_user.display_name',
        'app_user.role',
        'app_user.scope_code',
        'app_user.must_change_password',
      ])
      .where('session.token_hash', '=', tokenHash)
      .where('session.expires_at', '>', now)
      .where('app_user.disabled', '=', false)
      .executeTakeFirst(),
  createSession: (db: Kysely<DB>, tokenHash: string, userId: string, expiresAt: Date) =>
    db
      .insertInto('session')
      .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
      .execute(),
  deleteSession: (db: Kysely<DB>, tokenHash: string) =>
    db.deleteFrom('session').where('token_hash', '=', tokenHash).execute(),
  signedIn: (db: Kysely<DB>, userId: string, now: Date) =>
    db.updateTable('app_user').set({ last_login_at: now }).where('id', '=', userId).execute(),
  setOwnPassword: (db: Kysely<DB>, userId: string, passwordHash: string) =>
    db
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: false })
      .where('id', '=', userId)
      .execute(),
  passwordHashOf: async (db: Kysely<DB>, userId: string) =>
    (
      await db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).password_hash,
  /** End every other session of the user (after a password change). */
  deleteOtherSessions: (db: Kysely<DB>, userId: string, keepTokenHash: string) =>
    db.deleteFrom('session').where('user_id', '=', userId).where('token_hash', '!=', keepTokenHash).execute(),
  deleteExpired: (db: Kysely<DB>, now: Date) =>
    db.deleteFrom('session').where('expires_at', '<=', now).execute(),
};

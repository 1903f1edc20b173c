import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database } from './database.js';

/**
 * The least-privilege login role the server's requests use on the embedded cluster (docs/audit.md,
 * "The insider model"): it reads and writes the business tables, may only select and insert the
 * audit evidence (`audit_event`, `row_change`; `audit_segment`'s heads it also updates), owns
 * nothing (so it cannot alter or disable the change-capture triggers) and is no superuser. The
 * superuser (`postgres`) stays for migrations and the owner-only steps (demo seeding, bulk loading
 * with dropped keys, CLI commands). Not used on an external `DATABASE_URL`, whose role may not create roles.
 */
export const APP_ROLE = 'jingzhun_app';
/**
 * The tables the app role may vacuum and analyze (PostgreSQL 17's MAINTAIN: no ownership, no DDL): the
 * partitioned registry tables, each of their partitions (vacuum checks each) and the national keys.
 */
const MAINTAINED = ['household', 'member', 'household_year'];
const MAINTAINED_SQL = `select string_agg(p.relid::regclass::text, ', ') as list from unnest(array[${MAINTAINED.map(
  (t) => `'${t}'`,
).join(', ')}]) t, pg_partition_tree(t::regclass) p`;

/** The app role's password: generated once into `<dataDir>/pg-app-password` (mode 0600). */
export function appPassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-app-password');
  if (!fs.existsSync(file)) {
    // written aside and linked into place: a concurrent start keeps the first one's password
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, randomBytes(18).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(aside, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(aside, { force: true });
    }
  }
  const password = fs.readFileSync(file, 'utf8').trim();
  if (!/^[A-Za-z0-9_-]{16,}$/.test(password)) throw new Error(`${file}: not a generated password`);
  return password;
}

/**
 * Create the app role if missing, set its password and (re)apply its grants: run by the superuser
 * after the migrations, at every start (tables added by a migration get their grants).
 */
export async function ensureAppRole(db: Database, password: string): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(7340002)`.execute(conn);
    try {
      const exists = await sql`select 1 from pg_roles where rolname = ${APP_ROLE}`.execute(conn);
      const verb = exists.rows.length ? 'alter' : 'create';
      await sql
        .raw(
          `${verb} role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noinherit password '${password}'`,
        )
        .execute(conn);
      await sql
        .raw(
          [
            `grant usage on schema public to ${APP_ROLE}`,
            `grant select, insert, update, delete on all tables in schema public to ${APP_ROLE}`,
            `grant usage, select on all sequences in schema public to ${APP_ROLE}`,
            `revoke update, delete, truncate on audit_event, row_change from ${APP_ROLE}`,
            `revoke delete, truncate on audit_segment from ${APP_ROLE}`,
            `revoke insert, update, delete, truncate on schema_migration from ${APP_ROLE}`,
          ].join(';\n'),
        )
        .execute(conn);
      const maintained = await sql<{ list: string }>`${sql.raw(MAINTAINED_SQL)}`.execute(conn);
      await sql
        .raw(`grant maintain on ${maintained.rows[0]!.list}, household_key, member_key to ${APP_ROLE}`)
        .execute(conn);
    } finally {
      await sql`select pg_advisory_unlock(7340002)`.execute(conn);
    }
  });
}

/** `url` (the superuser's) with the app role's name and password. */
export function appUrl(url: string, password: string): string {
  const u = new URL(url);
  u.username = APP_ROLE;
  u.password = password;
  return u.toString();
}

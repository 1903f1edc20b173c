import type { Config } from '../config.js';
import { appPassword, appUrl, ensureAppRole } from '../db/app-role.js';
import { connect, openDatabase, type DatabaseHandle, type OpenOptions } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { attachReplicas } from '../db/read-routing.js';
import { syncCodeLists } from '../modules/codelists/service.js';
import { startAuditKeeping } from '../modules/audit/service.js';
import { systemClock } from '../kernel/clock.js';
import { buildServices, type Services } from './services.js';

export type Log = (line: string) => void;

/**
 * Open the database (embedded or external), apply migrations and sync code lists. A command (role
 * `cli`, the default) on the data folder of a running server joins that server's PostgreSQL.
 */
export async function openAndMigrate(
  config: Config,
  log: Log,
  opts: OpenOptions = {},
): Promise<DatabaseHandle> {
  const handle = await openDatabase(
    config,
    (l) => {
      if (/ERROR|FATAL|PANIC|initialising|left running|using PostgreSQL|restart|waiting for/.test(l))
        log(`[postgres] ${l}`);
    },
    opts,
  );
  try {
    const { applied } = await migrate(handle.db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    await syncCodeLists(handle.db);
    // the server's requests connect as the least-privilege role (embedded cluster only)
    const app =
      opts.role === 'serve' && handle.engine === 'embedded' ? await appConnection(config, handle) : null;
    // the audit key and the checkpoint of the chain's heads, both outside the database
    const keeping = startAuditKeeping(handle.db, config, log);
    // streaming replicas for the read paths that opt in (db/read-routing.ts)
    const reads = attachReplicas(handle.db, config.DATABASE_READ_URL, {
      maxLagMs: config.JZ_REPLICA_MAX_LAG_MS,
      checkMs: config.JZ_REPLICA_CHECK_MS,
    });
    const close = handle.close;
    handle.close = async () => {
      await reads.close();
      await keeping.stop();
      await app?.destroy().catch(() => undefined);
      await close();
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

async function appConnection(config: Config, handle: DatabaseHandle) {
  const password = appPassword(config.dataDir);
  await ensureAppRole(handle.db, password);
  handle.app = connect(appUrl(handle.url, password)).db;
  return handle.app;
}

/** Run `fn` with an open, migrated database; always close it (and stop the embedded server). */
export async function withDatabase<T>(
  config: Config,
  log: Log,
  fn: (h: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await openAndMigrate(config, log);
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

/**
 * Run `fn` with the application's services on an open, migrated database (the CLI's entry: the same
 * composition root as the HTTP server, on the system clock).
 */
export async function withServices<T>(
  config: Config,
  log: Log,
  fn: (services: Services, handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  return withDatabase(config, log, (handle) => fn(cliServices(config, handle, log), handle));
}

/** The services of a CLI command on an open database (system clock, errors to the command's log). */
export function cliServices(config: Config, handle: DatabaseHandle, log: Log): Services {
  return buildServices(handle.db, {
    clock: systemClock,
    sessionHours: config.JZ_SESSION_HOURS,
    log: { error: (obj, msg) => log(`${msg}: ${JSON.stringify(obj)}`) },
  });
}

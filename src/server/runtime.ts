import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { syncCodeLists } from '../modules/codelists/service.js';
import { buildApp } from './app.js';

export type Log = (line: string) => void;

/** Open the database (embedded or external), apply migrations and sync code lists. */
export async function openAndMigrate(config: Config, log: Log): Promise<DatabaseHandle> {
  const handle = await openDatabase(config, (l) => {
    if (/ERROR|FATAL|PANIC|initialising|left running/.test(l)) log(`[postgres] ${l}`);
  });
  try {
    const { applied } = await migrate(handle.db);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    await syncCodeLists(handle.db);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
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

/** Start the HTTP server and stop everything cleanly on SIGINT/SIGTERM. */
export async function serve(config: Config, handle: DatabaseHandle, log: Log): Promise<FastifyInstance> {
  const app = await buildApp({
    db: handle.db,
    sessionHours: config.JZ_SESSION_HOURS,
    loginPerMinute: config.JZ_LOGIN_RATE_LIMIT,
    logLevel: config.LOG_LEVEL,
    qualityIntervalHours: config.JZ_QUALITY_INTERVAL_HOURS,
    measuresCacheMB: config.JZ_MEASURES_CACHE_MB,
    warmMeasures: true,
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await handle.close().catch((e: unknown) => log(`database close: ${String(e)}`));
    log('stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  return app;
}

import type { FastifyInstance } from 'fastify';
import { apiDocsServed, boundedWorkOf, secureCookies, type Config } from '../config.js';
import type { Log } from '../composition/runtime.js';
import type { DatabaseHandle } from '../db/database.js';
import { buildApp } from './app.js';

/** Start the HTTP server and stop everything cleanly on SIGINT/SIGTERM. */
export async function serve(
  config: Config,
  handle: DatabaseHandle,
  log: Log,
  opts: { demo?: boolean } = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    db: handle.app ?? handle.db, // the least-privilege role on the embedded cluster (db/app-role.ts)
    sessionHours: config.JZ_SESSION_HOURS,
    loginPerMinute: config.JZ_LOGIN_RATE_LIMIT,
    logLevel: config.LOG_LEVEL,
    qualityIntervalHours: config.JZ_QUALITY_INTERVAL_HOURS,
    ruleRunIntervalHours: config.JZ_RULE_RUN_INTERVAL_HOURS,
    digestHour: config.JZ_DIGEST_HOUR,
    measuresCacheMB: config.JZ_MEASURES_CACHE_MB,
    measuresPartsMB: config.JZ_MEASURES_PARTS_MB,
    attachmentMaxMB: config.JZ_ATTACHMENT_MAX_MB,
    warmMeasures: true,
    boundedWork: boundedWorkOf(config),
    secureCookie: secureCookies(config),
    apiDocs: apiDocsServed(config, opts.demo ?? false),
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

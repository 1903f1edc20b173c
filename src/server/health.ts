import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { isDatabaseUnavailable, poolOf } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { ZodApp } from '../kernel/http.js';

/** Seconds a client should wait before retrying while the database is unreachable. */
export const RETRY_AFTER_S = 5;
/** How long the health check waits for the database. */
const CHECK_TIMEOUT_MS = 2000;
/** Slower than this, or requests queued for a connection: degraded. */
const SLOW_MS = 1000;

const HealthBody = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() }),
});
export type Health = z.infer<typeof HealthBody>;

/** `select 1` within a short timeout: ok, degraded (slow or queueing) or down (which part, briefly). */
export async function checkHealth(db: Kysely<DB>, timeoutMs = CHECK_TIMEOUT_MS): Promise<Health> {
  const t0 = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([sql`select 1`.execute(db), timeout]);
    const latencyMs = Date.now() - t0;
    const queued = poolOf(db)?.waitingCount ?? 0;
    return {
      status: latencyMs > SLOW_MS || queued > 0 ? 'degraded' : 'ok',
      database: { ok: true, latencyMs },
    };
  } catch (err) {
    const error = isDatabaseUnavailable(err)
      ? 'unreachable'
      : err instanceof Error && err.message.startsWith('no answer')
        ? err.message
        : 'query failed';
    return { status: 'down', database: { ok: false, latencyMs: Date.now() - t0, error } };
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /api/health`: 200 when ok or degraded, 503 (with Retry-After) when the database is down. */
export function healthRoutes(zapp: ZodApp, db: Kysely<DB>): void {
  zapp.get('/api/health', {
    schema: {
      tags: ['system'],
      summary: 'Health: the database checked within 2 s (ok, degraded when slow or queueing, down)',
      response: { 200: HealthBody, 503: HealthBody },
    },
    handler: async (_req, reply) => {
      const health = await checkHealth(db);
      if (health.status === 'down') void reply.status(503).header('retry-after', String(RETRY_AFTER_S));
      return health;
    },
  });
}

/** The body of a request answered 503 because the database is unreachable (English and Chinese). */
export const unavailableBody = () => ({
  code: 'E_UNAVAILABLE',
  message: 'The database is unavailable; retry in a few seconds',
  details: { messageZh: '数据库暂时不可用，请稍后重试', retryAfter: RETRY_AFTER_S },
});

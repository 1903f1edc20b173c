import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { setAcquire, type Database } from '../db/database.js';

/**
 * Bounded work per request (docs/operations.md "Limits per request"): every connection a request
 * takes from the pool runs with the statement timeout of the request's class; when the client goes
 * away before the answer, its running queries are cancelled; when too many requests already wait
 * for a connection, a new one is answered 503 with Retry-After at once instead of queueing.
 */
export type WorkClass = 'read' | 'statistics' | 'write' | 'bulk';

export interface BoundedWorkOptions {
  /** statement_timeout per class in ms; 0 = none. */
  timeoutsMs: Record<WorkClass, number>;
  /** Requests waiting for a database connection beyond which a new one is refused (503). */
  queueLimit: number;
}

export const DEFAULT_BOUNDED_WORK: BoundedWorkOptions = {
  timeoutsMs: { read: 5000, statistics: 10000, write: 15000, bulk: 0 },
  queueLimit: 50,
};

/** Seconds a refused (busy) or timed-out request should wait before retrying. */
const BUSY_RETRY_S = 2;

const BULK = [
  /^\/api\/households\/export$/,
  /^\/api\/plans\/export$/,
  /^\/api\/imports(\/|$)/,
  /^\/api\/reports\/[^/]+\/xlsx$/,
  /^\/api\/villages\/[^/]+\/cards$/,
  /^\/api\/(quality|worklists)\/runs$/,
  /^\/api\/rules\/[^/]+\/evaluate$/,
  /^\/api\/warnings\/(derive|screenings)$/,
];
const STATISTICS = [/^\/api\/(stats|measures|reports)(\/|$)/, /\/(summary|stats|estimates|satisfaction)$/];

/** The class of a request: exports, imports and registry-wide runs are bulk; other writes; statistics; reads. */
export function classify(method: string, url: string): WorkClass {
  const p = url.split('?')[0] ?? '';
  if (BULK.some((r) => r.test(p))) return 'bulk';
  if (method !== 'GET' && method !== 'HEAD') return 'write';
  return STATISTICS.some((r) => r.test(p)) ? 'statistics' : 'read';
}

type Refusal = 'E_TIMEOUT' | 'E_BUSY' | 'E_CLIENT_GONE';
const MESSAGES: Record<Refusal, [string, string]> = {
  E_TIMEOUT: [
    'The request took too long and was stopped; narrow it or retry later',
    '请求处理超时，已停止；请缩小范围或稍后重试',
  ],
  E_BUSY: ['The server is busy; retry in a few seconds', '服务器繁忙，请稍后重试'],
  E_CLIENT_GONE: ['The client closed the connection; the request was cancelled', '客户端已断开，请求已取消'],
};

/** A request stopped by its bounds (answered 503 by the error handler, see `boundedWorkReply`). */
export class BoundedWorkError extends Error {
  constructor(readonly code: Refusal) {
    super(MESSAGES[code][0]);
    this.name = 'BoundedWorkError';
  }
}

/** The 503 answer for a bounded-work refusal or a statement timeout (57014), else undefined. */
export function boundedWorkReply(err: unknown) {
  const code =
    err instanceof BoundedWorkError
      ? err.code
      : (err as { code?: unknown } | null)?.code === '57014'
        ? 'E_TIMEOUT'
        : undefined;
  if (!code) return undefined;
  const [message, messageZh] = MESSAGES[code];
  return { code, message, details: { messageZh, retryAfter: BUSY_RETRY_S } };
}

interface Work {
  cls: WorkClass;
  /** Refused when the queue is full (all but the health check). */
  shed: boolean;
  /** Waiting for its first connection (counted in the queue). */
  queued: boolean;
  /** Has had a connection: its further queries are never refused. */
  started: boolean;
  /** The answer has been sent: later queries (background jobs it started) are not bounded by it. */
  done: boolean;
  gone: AbortController;
  clients: Set<pg.PoolClient>;
  /** The cancelling of its running queries, under way: its connections go back to the pool after it. */
  cancelling?: Promise<void>;
}

const als = new AsyncLocalStorage<Work>();
/** The statement_timeout each pooled connection was last set to. */
const timeoutOf = new WeakMap<pg.PoolClient, number>();

/** Install the bounds: a request context per API request and the pool's acquisition through them. */
export function installBoundedWork(app: FastifyInstance, db: Database, opts: BoundedWorkOptions): void {
  app.addHook('onRequest', (req, reply, done) => {
    if (!req.url.startsWith('/api/')) return done();
    const cls = classify(req.method, req.url);
    const shed = !req.url.startsWith('/api/health'); // health answers even when busy (it reports the queue)
    const work: Work = {
      cls,
      shed,
      queued: false,
      started: false,
      done: false,
      gone: new AbortController(),
      clients: new Set(),
    };
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) cancelWork(work, poolConfig);
      work.done = true;
    });
    als.run(work, done);
  });
  let poolConfig: pg.PoolConfig = {};
  let queued = 0; // requests waiting for their first connection
  setAcquire(db, async (pool) => {
    poolConfig = pool.options;
    const store = als.getStore();
    const work = store && !store.done ? store : undefined;
    if (work?.gone.signal.aborted) throw new BoundedWorkError('E_CLIENT_GONE');
    // a request not yet started (no connection so far) queues; one already running is never refused
    if (work && !work.started && !work.queued) {
      if (work.shed && queued >= opts.queueLimit && queuedBeyondPool(pool) > 0)
        throw new BoundedWorkError('E_BUSY');
      work.queued = true;
      queued++;
    }
    const leaveQueue = (started: boolean) => {
      if (work?.queued) {
        work.queued = false;
        queued--;
      }
      if (work && started) work.started = true;
    };
    const client = await connectUnlessGone(pool, work).catch((err: unknown) => {
      leaveQueue(false);
      throw err;
    });
    leaveQueue(true);
    try {
      const want = work ? opts.timeoutsMs[work.cls] : 0;
      if (timeoutOf.get(client) !== want) {
        await client.query(`set statement_timeout = ${Math.max(0, Math.floor(want))}`);
        timeoutOf.set(client, want);
      }
    } catch (err) {
      client.release(err as Error);
      throw err;
    }
    work?.clients.add(client);
    return wrap(client, work);
  });
}

/**
 * Requests waiting for a connection beyond those the pool will serve at once: pg-pool queues a request
 * for a moment even while an idle connection exists or a new one is opening, so those are subtracted.
 */
const queuedBeyondPool = (pool: pg.Pool) =>
  pool.waitingCount - pool.idleCount - Math.max(0, (pool.options.max ?? 10) - pool.totalCount);

/** The pool's next connection, or E_CLIENT_GONE as soon as the request's client goes away while waiting. */
async function connectUnlessGone(pool: pg.Pool, work: Work | undefined): Promise<pg.PoolClient> {
  const pending = pool.connect();
  if (!work) return pending;
  const signal = work.gone.signal;
  return new Promise((resolve, reject) => {
    // the connection, once it comes, goes straight back to the pool (below)
    const onGone = () => reject(new BoundedWorkError('E_CLIENT_GONE'));
    signal.addEventListener('abort', onGone, { once: true });
    pending.then(
      (c) => {
        signal.removeEventListener('abort', onGone);
        if (signal.aborted) c.release();
        else resolve(c);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onGone);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function wrap(client: pg.PoolClient, work: Work | undefined): PostgresPoolClient {
  return {
    query: ((...args: Parameters<pg.PoolClient['query']>) => {
      const r = (client.query as (...a: unknown[]) => unknown)(...args);
      if (!(r instanceof Promise)) return r; // a cursor (streaming)
      return r.catch((err: unknown) => {
        if ((err as { code?: unknown }).code === '57014' && work?.gone.signal.aborted)
          throw new BoundedWorkError('E_CLIENT_GONE');
        throw err;
      });
    }) as PostgresPoolClient['query'],
    release: () => {
      work?.clients.delete(client);
      // while this request's queries are being cancelled by process id, its connection must not serve
      // another request or job: the cancel would hit that one's query instead
      if (work?.cancelling) void work.cancelling.finally(() => client.release());
      else client.release();
    },
  };
}

/** The client went away before its answer: stop waiting for connections and cancel the running queries. */
function cancelWork(work: Work, config: pg.PoolConfig): void {
  if (work.done) return;
  work.gone.abort();
  const pids = [...work.clients].map((c) => (c as unknown as { processID: number | null }).processID);
  if (pids.length === 0) return;
  // a connection of its own (outside the pool, which may be full): pg_cancel_backend for each of the
  // request's connections still running a query; a connection the request releases meanwhile goes
  // back to the pool only once this is done (wrap), so the cancel never reaches another's query
  const canceller = new pg.Client({ ...config, application_name: 'jingzhun-cancel' });
  work.cancelling = canceller
    .connect()
    .then(() =>
      canceller.query(
        `select pg_cancel_backend(pid) from pg_stat_activity
          where pid = any($1::int[]) and state = 'active' and query_start < statement_timestamp()`,
        [pids],
      ),
    )
    .then(
      () => undefined,
      () => undefined,
    )
    .finally(() => void canceller.end().catch(() => undefined));
}

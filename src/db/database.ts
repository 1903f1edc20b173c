import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { OwnerRecord } from './data-folder-owner.js';
import {
  APPLICATION_NAME,
  DatabaseStartError,
  startEmbedded,
  type EmbeddedOptions,
  type EmbeddedServer,
} from './embedded.js';
import type { DB } from './types.js';

// Return `date` columns as 'YYYY-MM-DD' strings and bigint counts as strings (parsed where needed).
pg.types.setTypeParser(1082, (v: string) => v);

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  url: string;
  engine: 'embedded' | 'external';
  /** The live jingzhun process whose embedded cluster this handle joined (e.g. the running server). */
  joined?: OwnerRecord;
  /** The server's requests' connection as the least-privilege role (db/app-role.ts); else `db`'s. */
  app?: Database;
  close(): Promise<void>;
}

export type OpenOptions = Pick<EmbeddedOptions, 'role' | 'command' | 'supervise'>;

export function connect(url: string, max = 10): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max, application_name: APPLICATION_NAME });
  pool.on('error', () => undefined); // idle client lost (server shutdown): the next query reports it
  // a client in use whose server goes away emits 'error' too (its queries are rejected as well): without a
  // listener that would be an uncaught exception, e.g. a replica stopped during a probe (read-routing.ts)
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Kysely takes its connections through `acquire` when one is set (server/bounded-work.ts), else the pool's
  const viaAcquire = { connect: () => acquireFrom(pool), end: () => pool.end() };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: viaAcquire }) });
  pools.set(db, pool);
  return { db, pool };
}

const pools = new WeakMap<Database, pg.Pool>();

/** How Kysely takes a connection from a pool (e.g. with the request's statement timeout, or refused when busy). */
export type Acquire = (pool: pg.Pool) => Promise<PostgresPoolClient>;
const acquirers = new WeakMap<pg.Pool, Acquire>();
/** Set how the Kysely made by `connect` takes its connections. */
export function setAcquire(db: Database, acquire: Acquire): void {
  const pool = pools.get(db);
  if (pool) acquirers.set(pool, acquire);
}

/** A replica's pools take their connections as the primary's do (read-routing.ts). */
const leaders = new WeakMap<pg.Pool, pg.Pool>();

/** A connection from `pool` the way its Kysely takes them (its own `acquire`, else its leader's). */
export function acquireFrom(pool: pg.Pool): Promise<PostgresPoolClient> {
  const leader = leaders.get(pool);
  const acquire = acquirers.get(pool) ?? (leader && acquirers.get(leader));
  return acquire ? acquire(pool) : pool.connect();
}

/** `connect` to a replica whose connections are taken as `leader`'s are (statement timeouts, queue). */
export function connectFollower(url: string, leader: Database, max = 10): { db: Database; pool: pg.Pool } {
  const c = connect(url, max);
  const lead = pools.get(leader);
  if (lead) leaders.set(c.pool, lead);
  return c;
}

/** The pg pool behind a Kysely made by `connect` (for what Kysely cannot do, e.g. COPY). */
export const poolOf = (db: Database): pg.Pool | undefined => pools.get(db);

/** Open the configured database: `DATABASE_URL` when set, else the embedded server in the data folder. */
export async function openDatabase(
  config: Config,
  log: (l: string) => void = () => undefined,
  opts: OpenOptions = {},
): Promise<DatabaseHandle> {
  let embedded: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded({
      dataDir: config.dataDir,
      port: config.JZ_PG_PORT,
      log,
      waitForJoiners: opts.role !== 'serve',
      ...opts,
    });
    url = embedded.url;
  }
  const { db, pool } = connect(url);
  let closed = false;
  return {
    db,
    pool,
    url,
    engine: embedded ? 'embedded' : 'external',
    joined: embedded?.joined,
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '53300', // too_many_connections
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * The database cannot be reached (refused, cut, shutting down, restarting), as opposed to a query
 * failing: the server answers 503, the CLI exits with code 3.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof DatabaseStartError) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message)) return true;
  const inner = err instanceof AggregateError ? err.errors : [(err as { cause?: unknown }).cause];
  return inner.some((e) => isDatabaseUnavailable(e, depth + 1));
}

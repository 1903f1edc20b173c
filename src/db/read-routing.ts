import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, sql, type PostgresPoolClient } from 'kysely';
import { acquireFrom, connectFollower, poolOf, type Database } from './database.js';
import type { DB } from './types.js';

/**
 * Read routing to streaming replicas (docs/scaling.md "Read replicas"). `db` is a Kysely whose every
 * connection is taken, at that moment, from a replica that is up, in recovery, no more than
 * `maxLagMs` behind and — for a user who has just written — has replayed that user's last write
 * (its WAL position, taken on the primary when the write request ends); otherwise from the primary.
 * Replica positions come from a probe every `checkMs`: a position only grows, so a probed one is a
 * safe lower bound and no read pays an extra round trip. Services opt in by taking `reads.db` for
 * their read paths; writes, and reads that must see them, keep the primary.
 */
export interface ReadRouter {
  /** Routes each connection (a replica, else the primary). */
  db: Database;
  primary: Database;
  /** One concrete handle chosen now (e.g. for a multi-statement read that must stay on one server). */
  pick(): Database;
  /** Run `fn` as `user` (read-your-writes is kept per user). */
  as<T>(user: string | null, fn: () => T): T;
  /** `user` has just written: note the primary's WAL position for their next reads. */
  noteWrite(user: string): Promise<void>;
  /** Probe the replicas now (also done every `checkMs`). */
  probe(): Promise<void>;
  status(): ReplicaStatus[];
  /** Reads served per target since start ('primary' or the replica's index). */
  served: Map<string, number>;
  close(): Promise<void>;
}

export interface ReplicaStatus {
  url: string;
  up: boolean;
  /** Replayed WAL position (bytes) at the last probe. */
  replayLsn: bigint;
  /** Bytes behind the primary's position at the last probe. */
  lagBytes: bigint;
  /** Age of the newest replayed transaction when behind, else 0 (ms). */
  lagMs: number;
  checkedAt: number;
  error?: string;
}

export interface ReadRoutingOptions {
  maxLagMs: number;
  checkMs: number;
  /** How long a user's noted write keeps being compared (ms); then it is forgotten. */
  writeMemoryMs?: number;
  poolSize?: number;
}

/** 'X/Y' (pg_lsn as text) → bytes. */
export const lsnBytes = (lsn: string | null): bigint => {
  if (!lsn) return 0n;
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) | BigInt(`0x${lo}`);
};

const routers = new WeakMap<Database, ReadRouter>();

/** The read router attached to a primary handle; without replicas, the primary for everything. */
export function readRouterOf(primary: Database): ReadRouter {
  return routers.get(primary) ?? primaryOnly(primary);
}

function primaryOnly(primary: Database): ReadRouter {
  return {
    db: primary,
    primary,
    pick: () => primary,
    as: (_user, fn) => fn(),
    noteWrite: async () => undefined,
    probe: async () => undefined,
    status: () => [],
    served: new Map(),
    close: async () => undefined,
  };
}

/** Attach replicas (their URLs) to a primary handle; `readRouterOf(primary)` then routes. */
export function attachReplicas(
  primary: Database,
  urls: readonly string[],
  opts: ReadRoutingOptions,
): ReadRouter {
  if (urls.length === 0) return primaryOnly(primary);
  const router = createRouter(primary, urls, opts);
  routers.set(primary, router);
  return router;
}

function createRouter(primary: Database, urls: readonly string[], opts: ReadRoutingOptions): ReadRouter {
  const replicas = urls.map((url) => ({ url, ...connectFollower(url, primary, opts.poolSize ?? 10) }));
  const state: ReplicaStatus[] = urls.map((url) => ({
    url,
    up: false,
    replayLsn: 0n,
    lagBytes: 0n,
    lagMs: 0,
    checkedAt: 0,
  }));
  const als = new AsyncLocalStorage<string | null>();
  const pendingWrites = new Map<string, { lsn: bigint; at: number }>();
  const memoryMs = opts.writeMemoryMs ?? 10 * 60_000;
  const served = new Map<string, number>();
  let turn = 0;

  function eligible(): number[] {
    const user = als.getStore();
    const pending = user ? pendingWrites.get(user) : undefined;
    if (pending && Date.now() - pending.at > memoryMs) pendingWrites.delete(user!);
    const stale = Date.now() - 3 * opts.checkMs - 1000;
    return state.flatMap((s, i) =>
      s.up && s.checkedAt >= stale && s.lagMs <= opts.maxLagMs && (!pending || s.replayLsn >= pending.lsn)
        ? [i]
        : [],
    );
  }

  function choose(): number | null {
    const ok = eligible();
    if (ok.length === 0) return null;
    return ok[turn++ % ok.length]!;
  }

  const count = (key: string) => served.set(key, (served.get(key) ?? 0) + 1);

  async function connectRouted(): Promise<PostgresPoolClient> {
    const i = choose();
    if (i !== null) {
      const pool = poolOf(replicas[i]!.db)!;
      try {
        const client = await acquireFrom(pool);
        count(String(i));
        return client;
      } catch {
        state[i]!.up = false; // down since the last probe: the primary answers instead
      }
    }
    count('primary');
    return acquireFrom(poolOf(primary)!);
  }

  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: connectRouted, end: async () => undefined } }),
  });

  async function probe(): Promise<void> {
    let primaryLsn = 0n;
    try {
      const r = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
      primaryLsn = lsnBytes(r.rows[0]!.lsn);
    } catch {
      // the primary down: replicas keep their last verdict's position, but no lag can be measured
    }
    await Promise.all(replicas.map((r, i) => probeOne(r.db, state[i]!, primaryLsn)));
  }

  let timer: NodeJS.Timeout | null = setInterval(() => void probe().catch(() => undefined), opts.checkMs);
  timer.unref();
  void probe().catch(() => undefined);

  const router: ReadRouter = {
    db,
    primary,
    pick: () => {
      const i = choose();
      count(i === null ? 'primary' : String(i));
      return i === null ? primary : replicas[i]!.db;
    },
    as: (user, fn) => als.run(user, fn),
    async noteWrite(user) {
      const r = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
      pendingWrites.set(user, { lsn: lsnBytes(r.rows[0]!.lsn), at: Date.now() });
    },
    probe,
    status: () => state.map((s) => ({ ...s })),
    served,
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      if (routers.get(primary) === router) routers.delete(primary);
      await Promise.all(replicas.map((r) => r.db.destroy().catch(() => undefined)));
    },
  };
  return router;
}

async function probeOne(replica: Database, s: ReplicaStatus, primaryLsn: bigint): Promise<void> {
  try {
    const r = await sql<{ recovery: boolean; lsn: string | null; age_ms: number | null }>`
      select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn,
             (extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000)::float8 as age_ms`.execute(
      replica,
    );
    const row = r.rows[0]!;
    s.replayLsn = lsnBytes(row.lsn);
    s.lagBytes = primaryLsn > s.replayLsn ? primaryLsn - s.replayLsn : 0n;
    s.lagMs = s.lagBytes === 0n ? 0 : Math.max(0, row.age_ms ?? Infinity);
    s.up = row.recovery; // a promoted replica is no longer a replica of this primary
    s.checkedAt = Date.now();
    delete s.error;
  } catch (err) {
    s.up = false;
    s.checkedAt = Date.now();
    s.error = err instanceof Error ? err.message : String(err);
  }
}

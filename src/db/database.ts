import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';
import type { DB } from './types.js';

// Return `date` columns as 'YYYY-MM-DD' strings and bigint counts as strings (parsed where needed).
pg.types.setTypeParser(1082, (v: string) => v);

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  pool: pg.Pool;
  url: string;
  engine: 'embedded' | 'external';
  close(): Promise<void>;
}

export function connect(url: string, max = 10): { db: Database; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined); // idle client lost (server shutdown): the next query reports it
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return { db, pool };
}

const pools = new WeakMap<Database, pg.Pool>();

/** The pg pool behind a Kysely made by `connect` (for what Kysely cannot do, e.g. COPY). */
export const poolOf = (db: Database): pg.Pool | undefined => pools.get(db);

/** Open the configured database: `DATABASE_URL` when set, else the embedded server in the data folder. */
export async function openDatabase(
  config: Config,
  log: (l: string) => void = () => undefined,
): Promise<DatabaseHandle> {
  let embedded: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbedded({ dataDir: config.dataDir, port: config.JZ_PG_PORT, log });
    url = embedded.url;
  }
  const { db, pool } = connect(url);
  let closed = false;
  return {
    db,
    pool,
    url,
    engine: embedded ? 'embedded' : 'external',
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

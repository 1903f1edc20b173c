import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf } from '../db/database.js';
import type { DB } from '../db/types.js';

/**
 * The demo's bulk writer for seeders with hundreds of thousands of rows (plans): rows streamed with
 * `COPY … from stdin` on one client, in one transaction. Demo only: it bypasses the modules' services
 * (no audit, no per-row checks) because the rows are synthetic and written in bulk.
 */

type CopyValue = string | number | null | undefined;

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One COPY text-format line: tab-separated, `\N` for null, backslash, tab and newline escaped. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'number') line += String(v);
    else line += /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
  }
  return line + '\n';
}

/** `COPY <table> (<columns>) from stdin` of rows, in chunks of lines. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: readonly string[],
  n: number,
  row: (i: number) => readonly CopyValue[],
): Promise<void> {
  const lines = function* () {
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += copyLine(row(i));
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)),
  );
}

/**
 * Run a bulk load in one transaction on one client. As PostgreSQL's "Populating a Database" advises,
 * the foreign keys of `tables` are dropped for the load and re-created before commit (one validating
 * join each instead of a check per row). They are re-created from their own definitions
 * (pg_get_constraintdef), so they come back exactly as they were; on any error the transaction rolls
 * back and nothing changed.
 */
export async function withBulkLoad(
  db: Kysely<DB>,
  tables: readonly string[],
  load: (client: pg.PoolClient) => Promise<void>,
): Promise<void> {
  const pool = poolOf(db);
  if (!pool) throw new Error('the demo writes with COPY: it needs a database opened with connect()');
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('begin');
    await client.query('set local synchronous_commit = off');
    const fks = (
      await client.query<{ tbl: string; name: string; def: string }>(
        `select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
         from pg_constraint
         where contype = 'f' and conrelid = any($1::regclass[])
         order by conrelid, conname`,
        [tables],
      )
    ).rows;
    for (const fk of fks) await client.query(`alter table ${fk.tbl} drop constraint ${fk.name}`);
    await load(client);
    for (const fk of fks) await client.query(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`);
    await client.query('commit');
  } catch (e) {
    failed = true;
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release(failed || undefined);
  }
}

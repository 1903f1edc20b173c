import fs from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DB } from '../../db/types.js';
import { IdRowTable } from '../../domain/import/id-table.js';

/**
 * Bulk loading: for an import large beside the registry, the secondary indexes and foreign keys of
 * the registry tables are dropped inside the import's transaction and built again (by sorting, in one
 * pass each) before it commits, instead of being maintained row by row — the classic bulk-load
 * practice. Everything is transactional: a failed or killed import rolls the drops back with the rows.
 *
 * Kept: primary keys, unique indexes (household numbers) and members by household (`KEPT_INDEXES`).
 * The index of ID numbers goes too: instead, the registry's ID numbers as they were when the import
 * began are read once into memory (`registryIds`, ≈ 24 bytes each) and a hit is confirmed through its
 * household. The price: the dropped objects' tables are locked (ACCESS EXCLUSIVE) until the
 * import ends, so other sessions wait to read households meanwhile — which is why `auto` chooses it
 * only when the file holds at least as many persons as half the registry (an initial load).
 */
export const BULK_TABLES = ['household', 'member', 'household_year'] as const;

/**
 * Kept even in bulk mode: members by household (updating an existing household replaces its members,
 * and registry hits are confirmed through it; new ids arrive in order, so it stays cheap).
 */
const KEPT_INDEXES = new Set(['member_household_idx']);

/** Files below this many persons (estimated) are never bulk-loaded by `auto`. */
export const BULK_MIN_PERSONS = 100_000;

/** How much of a CSV's start is read to learn its bytes per row. */
const SAMPLE_BYTES = 256 * 1024;

/**
 * Rows of a CSV estimated from its size and the bytes per line of its first `SAMPLE_BYTES` (the
 * header line left out): files differ threefold in row width by which optional columns they carry.
 * Exact for a file shorter than the sample. Quoted line breaks only make the estimate high, which
 * errs towards the next check (half the registry).
 */
export function estimateCsvRows(file: string): number {
  const size = fs.statSync(file).size;
  const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, sample, 0, sample.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const header = sample.indexOf(0x0a);
  if (header < 0) return 0;
  let lines = 0;
  let last = header;
  for (let i = sample.indexOf(0x0a, header + 1); i >= 0; i = sample.indexOf(0x0a, i + 1)) {
    lines++;
    last = i;
  }
  if (sample.length === size) return lines + (last < size - 1 ? 1 : 0);
  if (lines === 0) return 1;
  return Math.round((size - header - 1) / ((last - header) / lines));
}

export type BulkMode = 'auto' | 'on' | 'off';

interface Deferred {
  indexes: { name: string; def: string }[];
  foreignKeys: { table: string; name: string; def: string }[];
}

/**
 * Whether to bulk-load: `on`/`off` as told; `auto` when the file is a CSV of at least
 * `BULK_MIN_PERSONS` persons (estimated by `estimateCsvRows`) and at least half the registry's members.
 */
export async function chooseBulk(db: Kysely<DB>, mode: BulkMode, file: string): Promise<boolean> {
  if (mode !== 'auto') return mode === 'on';
  if (/\.xlsx$/i.test(file)) return false;
  const persons = estimateCsvRows(file);
  if (persons < BULK_MIN_PERSONS) return false;
  const { rows } = await sql<{ n: string }>`
    select coalesce(sum(greatest(c.reltuples, 0)), 0)::bigint::text as n
    from pg_partition_tree('member') p join pg_class c on c.oid = p.relid where p.isleaf`.execute(db);
  return persons >= Number(rows[0]?.n ?? 0) / 2;
}

/** Drop the registry tables' secondary indexes and foreign keys; returns what to build again. */
export async function deferIndexes(trx: Kysely<DB>): Promise<Deferred> {
  const tables = sql.join(BULK_TABLES.map((t) => sql.lit(t)));
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select ci.relname as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class ci on ci.oid = i.indexrelid join pg_class ct on ct.oid = i.indrelid
    where ct.relname in (${tables}) and ct.relnamespace = current_schema()::regnamespace
      and not i.indisprimary and not i.indisunique
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by ci.relname`.execute(trx);
  const { rows: foreignKeys } = await sql<{ table: string; name: string; def: string }>`
    select ct.relname as table, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class ct on ct.oid = c.conrelid
    where c.contype = 'f' and ct.relname in (${tables}) and ct.relnamespace = current_schema()::regnamespace
    order by ct.relname, c.conname`.execute(trx);
  const dropped = indexes.filter((i) => !KEPT_INDEXES.has(i.name));
  // take every lock up front, in one order, rather than one by one as each drop needs it
  await sql`lock table ${sql.join(BULK_TABLES.map((t) => sql.table(t)))} in access exclusive mode`.execute(
    trx,
  );
  for (const fk of foreignKeys)
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.ref(fk.name)}`.execute(trx);
  if (dropped.length) await sql`drop index ${sql.join(dropped.map((i) => sql.ref(i.name)))}`.execute(trx);
  return { indexes: dropped, foreignKeys };
}

/** Build the deferred indexes and foreign keys again (the foreign keys are checked in one pass each). */
export async function restoreIndexes(trx: Kysely<DB>, d: Deferred): Promise<void> {
  await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
  for (const i of d.indexes) await sql.raw(i.def).execute(trx);
  for (const fk of d.foreignKeys)
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.ref(fk.name)} ${sql.raw(fk.def)}`.execute(
      trx,
    );
}

/**
 * The ID numbers of the members present in the registry → their household id, read with one COPY.
 * Null when a household id does not fit the table's 32-bit slots (then bulk mode is not used).
 */
export async function registryIds(client: pg.PoolClient): Promise<IdRowTable | null> {
  const max = await client.query<{ m: string | null }>('select max(household_id)::text as m from member');
  if (Number(max.rows[0]?.m ?? 0) > 0xffffffff) return null;
  const table = new IdRowTable();
  const stream = client.query(
    copyTo(`copy (select id_number, household_id from member where member_status = 'present') to stdout`),
  );
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const tab = line.indexOf('\t');
      table.set(line.slice(0, tab), Number(line.slice(tab + 1)));
    }
  }
  return table;
}

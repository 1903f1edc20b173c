import { sql } from 'kysely';
import type { Database } from '../../src/db/database.js';

/**
 * The "nothing changed" check of the generated matrices (bad input, scope): per business table, its row
 * count and an order-independent sum of row hashes.
 *
 * Tables left out, and why — none holds business data:
 * - session, portal_session: sign-ins (no matrix request signs in successfully);
 * - stats_dirty: change marks kept by triggers, consumed by readers;
 * - measures_change, measures_change_floor: the measures cache's change log (migration 033), pruned by readers;
 * - schema_migration, app_meta: bookkeeping;
 * - row_change: the registry's change capture (migration 024); a change it logs shows in the registry
 *   table itself.
 */
export const IGNORED_TABLES = [
  'session',
  'portal_session',
  'stats_dirty',
  'measures_change',
  'measures_change_floor',
  'schema_migration',
  'app_meta',
  'row_change',
];

export async function tableDigest(db: Database): Promise<Record<string, string>> {
  // a partitioned table is read whole through its parent: its partitions are left out (migration 044)
  const tables = await sql<{ t: string }>`select c.relname as t from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`.execute(db);
  const names = tables.rows.map((r) => r.t).filter((t) => !IGNORED_TABLES.includes(t));
  const q = names
    .map(
      (t) =>
        `select '${t}' as t, count(*)::text || ':' || coalesce(sum(hashtextextended(x::text, 7)), 0)::text as d from "${t}" x`,
    )
    .join(' union all ');
  const rows = await sql<{ t: string; d: string }>`${sql.raw(q)}`.execute(db);
  return Object.fromEntries(rows.rows.map((r) => [r.t, r.d]));
}

/** The tables whose digest differs between two snapshots. */
export const changedTables = (a: Record<string, string>, b: Record<string, string>): string[] =>
  Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);

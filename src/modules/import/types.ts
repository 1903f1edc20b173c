import type { ResourceLimits } from 'node:worker_threads';
import type { ImportError, ImportRow } from '../../domain/import/row.js';
import type { Actor } from '../../kernel/user.js';
import type { BulkMode } from './bulk.js';

/** Types shared by the import's service, writer, jobs and report view. */

export interface ImportOptions {
  actor: Actor;
  /** Region-code prefix the actor may write ('' = whole country). */
  scope: string;
  acceptValid: boolean;
  dryRun: boolean;
  /** Per-capita net income ceiling (yuan/year). */
  incomeCeiling: number;
  /** Today in China (YYYY-MM-DD), from the one clock: bounds birth dates, ages and status dates. */
  today: string;
  /** Households per batch (validation against the registry and writing). */
  batchSize?: number;
  /** Errors kept in the report; further ones are only counted. */
  maxErrors?: number;
  /**
   * Bulk mode (see bulk.ts): the registry's ID numbers read once into memory, rows COPYed into the
   * live tables with their indexes kept; default `auto`.
   */
  bulk?: BulkMode;
  /**
   * Bulk mode also drops the secondary indexes and rebuilds them at the end, locking the registry
   * tables (ACCESS EXCLUSIVE) until the import ends: only when nothing else reads the registry.
   */
  lockTables?: boolean;
  /**
   * A bulk import into a province whose partitions are empty loads it into tables of its own and
   * swaps them in (partition-load.ts); `false` writes into the live tables even then (benchmarks).
   */
  provinceLoad?: boolean;
  /**
   * Read, parse and check the file in a worker thread (parse-client.ts) while the main thread talks to
   * the database. Default false: on two shared cores it cost more CPU than it freed (docs/import.md).
   */
  parseInWorker?: boolean;
  /** Bounds of the parsing worker's heap (node:worker_threads ResourceLimits); default: Node's. */
  parseWorkerLimits?: ResourceLimits;
  /**
   * After a committed import, bring the dashboards' summaries up to date (refreshStats) as its last
   * step (`timings.summariesMs`), so that no dashboard request finds the import's villages to refresh.
   * Failing does not fail the committed import: a warning, and `onSummariesError` (the job's log).
   */
  refreshSummaries?: boolean;
  onSummariesError?: (err: unknown) => void;
  /** The job's row in import_job (default: a CLI import's row). */
  job?: ImportJobRef;
  /** The clock's instant for the job's row (default: the database's now()). */
  now?: () => Date;
  onProgress?: (rows: number) => void;
}

export interface ImportReport {
  /**
   * imported = created + updated + unchanged: new households, registered ones whose values the file
   * changed, and registered ones whose values it repeats (not rewritten). In a dry run: what would be.
   */
  households: { imported: number; rejected: number; created: number; updated: number; unchanged: number };
  persons: { imported: number; rejected: number };
  errors: ImportError[];
  errorsTotal: number;
  warnings: string[];
  dryRun: boolean;
  committed: boolean;
  /** Whether the import ran as a bulk load (COPY; see bulk.ts). */
  bulk: boolean;
  /**
   * How the rows went in: `live` (into the registry tables, indexes maintained), `partition` (the new
   * households of `loadedProvinces` — provinces whose partitions were empty — into tables of their
   * own, indexed after and swapped in: partition-load.ts), `locked` (indexes dropped and rebuilt under
   * table locks: `lockTables`).
   */
  mode?: 'live' | 'partition' | 'locked';
  loadedProvinces?: string[];
  /** Where the time went (wall ms; see docs/import.md, "Where the time goes"). */
  timings?: ImportTimings;
}

/**
 * Wall time of an import's phases, in ms. prepare: job record, transaction, bulk choice, registry ids;
 * read: reading, splitting, parsing and checking rows (the parsing worker's own time, its waits for the
 * main thread excluded; or on the main thread with `parseInWorker: false`); parse: the main loop's own
 * time between its waits (taking batches from the worker); idle: the main loop waiting for the next
 * batch from the worker (on the main thread: the reading itself); wait: the main loop waiting for the
 * batch in flight; check and write: the batches' registry lookups and
 * writes (they overlap with parse); index: deferred index builds (with a province's first load: its
 * keys, indexes, foreign keys and trigger effects); swap: the loaded tables swapped in; commit: audit event, job record and
 * COMMIT.
 */
export interface ImportTimings {
  prepareMs: number;
  parseMs: number;
  readMs: number;
  idleMs: number;
  waitMs: number;
  checkMs: number;
  writeMs: number;
  indexMs: number;
  /** The swap of a province's loaded tables for its empty partitions (under the registry tables' lock). */
  swapMs: number;
  commitMs: number;
  totalMs: number;
  /** After the commit: the dashboards' summaries brought up to date (`refreshSummaries`); not in totalMs. */
  summariesMs?: number;
}

export interface PendingHousehold {
  no: string;
  rows: ImportRow[];
  rowNumbers: number[];
  errors: ImportError[];
}

/** Who an import's row (import_job) belongs to: a web job, or a CLI import (no owner). */
export interface ImportJobRef {
  id: string;
  origin: 'web' | 'cli';
  ownerId: string | null;
  /** The importer's scope ('' = whole country). */
  regionCode: string;
  filename: string;
  bytes: number;
  acceptValid: boolean;
  dryRun: boolean;
  /** Default: the database's now(). */
  startedAt?: Date;
}

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
  /** Defer the registry's secondary indexes to the end of the import (see bulk.ts); default `auto`. */
  bulk?: BulkMode;
  onProgress?: (rows: number) => void;
}

export interface ImportReport {
  households: { imported: number; rejected: number };
  persons: { imported: number; rejected: number };
  errors: ImportError[];
  errorsTotal: number;
  warnings: string[];
  dryRun: boolean;
  committed: boolean;
  /** Whether the import ran as a bulk load (indexes built at the end). */
  bulk: boolean;
}

export interface PendingHousehold {
  no: string;
  rows: ImportRow[];
  rowNumbers: number[];
  errors: ImportError[];
}

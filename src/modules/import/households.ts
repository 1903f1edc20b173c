import { setImmediate as setImmediateP } from 'node:timers/promises';
import { resolveHeaders, type ColumnDef } from '../../domain/import/columns.js';
import { checkHousehold } from '../../domain/import/household.js';
import { StringSet } from '../../domain/import/id-table.js';
import { makeRowParser, type ImportError, type ImportRow } from '../../domain/import/row.js';
import { cellText } from '../../domain/import/values.js';
import { readSheetBatches } from './reader.js';
import type { PendingHousehold } from './types.js';

/** What the reading side of an import needs to know (plain data: it crosses to the parsing worker). */
export interface ParseSettings {
  /** Today in China (YYYY-MM-DD): bounds birth dates, ages and collection dates. */
  today: string;
  incomeCeiling: number;
  /** Households per batch. */
  batchSize: number;
}

/**
 * What reading a file yields, in order: the header once (its warnings, and its fatal errors — then
 * nothing follows), batches of checked households, then the end with the rows read and the reading's
 * own time (ms, time spent waiting for the consumer excluded). Plain data: structured-clone friendly.
 */
export type ParseMessage =
  | { type: 'header'; warnings: string[]; fatal: ImportError[] }
  | { type: 'batch'; households: PendingHousehold[]; rows: number }
  | { type: 'end'; rows: number; header: boolean; parseMs: number };

/**
 * Read, split, parse and check the rows of a file and group them into households (adjacent rows with
 * one household number), each checked as a whole (checkHousehold), in batches of `batchSize`. Row-local
 * and household-local checks only: the registry checks are the writer's. Runs in the parsing worker
 * (parse-worker.ts) or in-process.
 */
export async function* readHouseholds(file: string, s: ParseSettings): AsyncGenerator<ParseMessage> {
  const t0 = performance.now();
  let waited = 0; // time the consumer held us at a yield
  let headers: string[] = [];
  let columns: (ColumnDef | null)[] = [];
  let parse: ReturnType<typeof makeRowParser> | null = null;
  let noIndex = -1;
  const closedNos = new StringSet();
  let current: PendingHousehold | null = null;
  let batch: PendingHousehold[] = [];
  let seenRows = 0;

  const closeCurrent = () => {
    if (!current) return;
    if (current.errors.length === 0)
      current.errors.push(...checkHousehold(current.rows, { incomeCeiling: s.incomeCeiling }));
    // the household's fields, income and provenance are equal on its rows (checked) and only the first
    // row's are read after this: one object each, so a batch crossing threads clones them once
    const first = current.rows[0];
    if (first && current.errors.length === 0)
      for (const r of current.rows) {
        r.household = first.household;
        r.income = first.income;
        r.provenance = first.provenance;
      }
    closedNos.add(current.no);
    batch.push(current);
    current = null;
  };

  for await (const rows of readSheetBatches(file)) {
    for (const { row, cells } of rows) {
      if (headers.length === 0) {
        headers = cells.map((c) => cellText(c));
        const resolved = resolveHeaders(headers);
        columns = resolved.columns;
        parse = makeRowParser(columns, headers, s.today);
        noIndex = columns.findIndex((c) => c?.key === 'household_no');
        const unknown = headers.filter((h, i) => h && !columns[i]);
        const fatal: ImportError[] = [
          ...resolved.missing.map((c) => ({
            row,
            column: c.zh,
            code: 'E_MISSING_COLUMN',
            message: `required column ${c.zh} (${c.key}) is missing`,
          })),
          ...resolved.duplicates.map((h) => ({
            row,
            column: h,
            code: 'E_DUPLICATE_COLUMN',
            message: `column ${h} appears twice`,
          })),
        ];
        const w = performance.now();
        yield {
          type: 'header',
          warnings: unknown.length ? [`ignored columns: ${unknown.join(', ')}`] : [],
          fatal,
        };
        waited += performance.now() - w;
        if (fatal.length) return;
        continue;
      }
      seenRows++;
      // let the batch in flight hear back from the database (on the main thread): a buffered file can
      // otherwise keep this loop on microtasks for many blocks while each of its round trips waits
      if (seenRows % 256 === 0) await setImmediateP();
      const no = cellText(cells[noIndex]);
      if (!current || current.no !== no) {
        closeCurrent();
        if (batch.length >= s.batchSize) {
          const w = performance.now();
          yield { type: 'batch', households: batch, rows: seenRows - 1 };
          waited += performance.now() - w;
          batch = [];
        }
        current = { no, rows: [], rowNumbers: [], errors: [] };
        if (no && closedNos.has(no)) {
          current.errors.push({
            row,
            column: headers[noIndex] ?? '户编号',
            code: 'E_HOUSEHOLD_NOT_CONTIGUOUS',
            message: `rows of household ${no} must be adjacent; it appeared earlier in the file`,
          });
        }
      }
      current.rowNumbers.push(row);
      const parsed = parse!(cells, row);
      if (parsed.value) current.rows.push(parsed.value);
      else current.errors.push(...parsed.errors);
    }
  }
  closeCurrent();
  if (batch.length) {
    const w = performance.now();
    yield { type: 'batch', households: batch, rows: seenRows };
    waited += performance.now() - w;
  }
  yield { type: 'end', rows: seenRows, header: headers.length > 0, parseMs: performance.now() - t0 - waited };
}

/**
 * A batch as one JSON string, for the parsing worker's message: the household's fields, income and
 * provenance (one object each on a valid household's rows, see closeCurrent) written on its first row
 * only. `unpackBatch` gives back the same households, the rows sharing their first row's objects.
 */
export function packBatch(households: PendingHousehold[]): string {
  return JSON.stringify(households, function (this: unknown, key, value: unknown) {
    if (Array.isArray(this) && key !== '0' && value && typeof value === 'object' && 'member' in value) {
      const r = value as ImportRow;
      const first = (this as ImportRow[])[0];
      if (
        first &&
        r.household === first.household &&
        r.income === first.income &&
        r.provenance === first.provenance
      )
        return { row: r.row, member: r.member };
    }
    return value;
  });
}

export function unpackBatch(json: string): PendingHousehold[] {
  const households = JSON.parse(json) as PendingHousehold[];
  for (const h of households) {
    const first = h.rows[0];
    if (!first) continue;
    for (const r of h.rows)
      if (r.household === undefined) {
        r.household = first.household;
        r.income = first.income;
        r.provenance = first.provenance;
      }
  }
  return households;
}

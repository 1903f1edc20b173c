import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import v8 from 'node:v8';
import { from as copyFrom } from 'pg-copy-streams';
import { poolOf } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { IdRowTable, IdSet } from '../../domain/import/id-table.js';
import type { ImportError } from '../../domain/import/row.js';
import { recordAudit } from '../audit/service.js';
import { refreshStats } from '../stats/summary-table.js';
import { chooseBulk, deferIndexes, registryIds, restoreIndexes } from './bulk.js';
import { importJobRecords, vacuumRegistry, VACUUM_AFTER_HOUSEHOLDS } from './job-records.js';
import { ProvinceLoads } from './partition-load.js';
import type { ParseMessage } from './households.js';
import { householdsOf } from './parse-client.js';
import { sheetKind } from './reader.js';
import type { ImportOptions, ImportReport, ImportTimings, PendingHousehold } from './types.js';
import { writeHouseholds, type WriteContext } from './writer.js';

export type { ImportOptions, ImportReport, PendingHousehold } from './types.js';

class Rollback extends Error {}

/**
 * For a process that imports (the CLI): a 64 MiB young generation instead of V8's default 16 MiB.
 * Parsing a file allocates short-lived strings and row objects by the million; with the small default
 * most of them survive a scavenge or two and are copied, and garbage collection took ≈ 20 % of the
 * import's CPU. Measured on 300,000 persons: 25.6 → 21 µs of CPU a person, peak RSS unchanged.
 * Process-wide, so the server does not call it.
 */
export function tuneHeapForImport(): void {
  v8.setFlagsFromString('--max-semi-space-size=64');
}

/**
 * Import households and members from a CSV or XLSX file, streaming: rows are parsed and checked
 * one by one, households (adjacent rows with one household number) are checked as a whole, then
 * checked in batches against the registry and written — batch n is checked and written (COPY) while
 * the rows of batch n+1 are parsed. Everything happens in one transaction: in the default mode any
 * error rolls it all back; with `acceptValid` only whole valid households are written. A killed
 * process leaves the registry as it was (the transaction never commits).
 */
export async function importFile(db: Kysely<DB>, file: string, o: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    households: { imported: 0, rejected: 0, created: 0, updated: 0, unchanged: 0 },
    persons: { imported: 0, rejected: 0 },
    errors: [],
    errorsTotal: 0,
    warnings: [],
    dryRun: o.dryRun,
    committed: false,
    bulk: false,
    mode: 'live',
    loadedProvinces: [],
  };
  const maxErrors = o.maxErrors ?? 100_000;
  const batchSize = o.batchSize ?? 2000;
  const addErrors = (errs: ImportError[]) => {
    report.errorsTotal += errs.length;
    for (const e of errs) if (report.errors.length < maxErrors) report.errors.push(e);
  };
  // the job's row (import_job) first, in its own commit: a killed import is found by the next start
  const job = o.job ?? importJobRecords.cliRef(file, o);
  await importJobRecords.recover(db, o.now?.());
  await importJobRecords.start(db, job);
  let written = 0; // households written (rolled back too): dead space to vacuum after a rollback
  const t0 = performance.now();
  const timings = newTimings();
  sheetKind(file); // a missing or unsupported file fails here, before the transaction
  const inWorker = o.parseInWorker ?? false; // measured: no faster on two shared cores (docs/import.md)
  let households = null as AsyncGenerator<ParseMessage> | null; // set inside the transaction
  const fileHash = sha256File(file);
  fileHash.catch(() => undefined); // a read error surfaces through the reader

  // COPY needs the pg client itself: run the transaction on one client taken from the pool
  const pool = poolOf(db);
  const client = pool ? await pool.connect() : null;
  const txDb = client ? onClient(client) : db;
  let failed = false;
  try {
    await txDb.transaction().execute(async (trx) => {
      // the batches' lookups are many cheap index probes that the planner, with statistics from
      // before the import, prices high enough to JIT-compile: ~90 ms of compiling for a 5 ms query
      await sql`set local jit = off`.execute(trx);
      const today = o.today;
      report.bulk = !o.dryRun && client !== null && (await chooseBulk(trx, o.bulk ?? 'auto', file));
      const registry = report.bulk ? await registryIds(client!) : null;
      if (report.bulk && !registry) report.bulk = false;
      // bulk mode keeps the indexes (no table lock: readers of other households never wait) unless
      // told that nothing else reads the registry
      const deferred = report.bulk && o.lockTables ? await deferIndexes(trx) : null;
      // a bulk import that keeps the registry readable loads a province whose partitions are still
      // empty into tables of its own, swapped in before the commit (partition-load.ts)
      const loads =
        report.bulk && !o.lockTables && o.provinceLoad !== false && client ? new ProvinceLoads(true) : null;
      const ctx: WriteContext = {
        scope: o.scope,
        idsInFile: new IdRowTable(),
        villages: new Set(),
        created: new IdSet(),
        today,
        registryIds: registry,
        copy: client ? (copySql, data) => copyInto(client, copySql, data) : null,
        loads,
        timings,
      };
      timings.prepareMs = performance.now() - t0;
      let header = false;
      let batch: PendingHousehold[] = [];
      let seenRows = 0;
      let anyError = false;
      let inflight: Promise<void> = Promise.resolve();

      const processBatch = async (b: PendingHousehold[]) => {
        const write = !o.dryRun && (o.acceptValid || !anyError);
        const result = await writeHouseholds(trx, b, { ...ctx, write, count: write || o.dryRun });
        for (const h of b) {
          if (h.errors.length) {
            anyError = true;
            addErrors(h.errors);
            report.households.rejected++;
            report.persons.rejected += h.rowNumbers.length;
          } else {
            report.households.imported++;
            report.persons.imported += h.rows.length;
          }
        }
        report.households.created += result.created;
        report.households.updated += result.updated;
        report.households.unchanged += result.unchanged;
        if (write) written += result.created + result.updated;
      };

      /** Hand the batch to the database and return once the one before it is done (one in flight). */
      const flushBatch = async () => {
        if (batch.length === 0) return;
        const b = batch;
        batch = [];
        const w0 = performance.now();
        await inflight;
        timings.waitMs += performance.now() - w0;
        inflight = processBatch(b);
        inflight.catch(() => undefined); // awaited by the next flush or at the end
      };

      // the file is read, parsed and checked (households.ts; in a worker thread with parseInWorker)
      // while the batches before are checked against the registry and written: batch n is written
      // while the rows of n+1 are parsed
      const settings = { today: o.today, incomeCeiling: o.incomeCeiling, batchSize };
      households = householdsOf(file, settings, inWorker, o.parseWorkerLimits);
      try {
        let l0 = performance.now(); // this loop's own time: what it does between its waits
        for (;;) {
          const r0 = performance.now();
          timings.parseMs += r0 - l0;
          const next = await households.next();
          l0 = performance.now();
          timings.idleMs += l0 - r0;
          if (next.done) break;
          const m = next.value;
          if (m.type === 'header') {
            header = true;
            report.warnings.push(...m.warnings);
            if (m.fatal.length) {
              addErrors(m.fatal);
              anyError = true;
              throw new Rollback();
            }
          } else if (m.type === 'batch') {
            // all-or-nothing: stop writing at the first error (the batch with it is not written)
            if (m.households.some((h) => h.errors.length)) anyError = true;
            batch = m.households;
            if (Math.floor(m.rows / 10000) > Math.floor(seenRows / 10000)) o.onProgress?.(m.rows);
            seenRows = m.rows;
            const w = timings.waitMs;
            await flushBatch();
            l0 += timings.waitMs - w; // the wait for the batch in flight is not this loop's own time
          } else {
            header = m.header;
            seenRows = m.rows;
            timings.readMs = m.parseMs;
            break;
          }
        }
        const w0 = performance.now();
        timings.parseMs += w0 - l0;
        await inflight;
        timings.waitMs += performance.now() - w0;
      } finally {
        // never leave the callback (and so end the transaction) while a batch is still being written
        await inflight.catch(() => undefined);
      }
      o.onProgress?.(seenRows);
      if (!header) {
        addErrors([{ row: 1, column: '', code: 'E_EMPTY_FILE', message: 'the file has no header row' }]);
        throw new Rollback();
      }
      if (o.dryRun || (anyError && !o.acceptValid)) throw new Rollback();
      const i0 = performance.now();
      if (deferred) await restoreIndexes(trx, deferred);
      report.loadedProvinces = loads?.staged() ?? [];
      report.mode = deferred ? 'locked' : report.loadedProvinces.length ? 'partition' : 'live';
      if (loads) await loads.build(trx);
      timings.indexMs = performance.now() - i0;
      // the one audit event of the import, last: its segment is locked only while the import commits
      await recordAudit(trx, o.actor, importEvent(o, file, report, await fileHash));
      await importJobRecords.committed(trx, job.id, report, o.now?.());
      // the swap takes the registry tables' lock: the last step before COMMIT, so it is held briefly
      const s0 = performance.now();
      if (loads) await loads.swap(trx);
      timings.swapMs = performance.now() - s0;
    });
    report.committed = true;
    timings.commitMs =
      performance.now() -
      t0 -
      timings.prepareMs -
      timings.parseMs -
      timings.idleMs -
      timings.waitMs -
      timings.indexMs -
      timings.swapMs;
  } catch (err) {
    if (!(err instanceof Rollback)) {
      failed = true;
      throw err;
    }
  } finally {
    await households?.return(undefined).catch(() => undefined);
    client?.release(failed || undefined);
    // rolled-back rows are dead space until vacuumed: give it back now rather than at autovacuum's pace
    if (!report.committed && written > 0 && (report.bulk || written >= VACUUM_AFTER_HOUSEHOLDS))
      await vacuumRegistry(db).catch(() => report.warnings.push('the registry tables could not be vacuumed'));
    if (!report.committed) {
      const outcome = failed
        ? { status: 'failed' as const, message: 'The import failed; the registry is unchanged.' }
        : { status: 'done' as const, report };
      await importJobRecords.finish(db, job.id, { ...outcome, at: o.now?.() }).catch(() => undefined);
    }
  }
  timings.totalMs = performance.now() - t0;
  if (report.committed && o.refreshSummaries) {
    // the dashboards' summaries, now rather than in the first dashboard request after the import;
    // the import is committed whatever happens here (a dashboard read refreshes what is left)
    const r0 = performance.now();
    try {
      await refreshStats(db);
    } catch (err) {
      report.warnings.push('the dashboard summaries were not refreshed; the first dashboard read will do it');
      o.onSummariesError?.(err);
    }
    timings.summariesMs = performance.now() - r0;
  }
  report.timings = roundTimings(timings);
  if (report.errorsTotal > 0 && !o.acceptValid) {
    // all-or-nothing: nothing was (or, in a dry run, would be) written
    report.households.rejected += report.households.imported;
    report.persons.rejected += report.persons.imported;
    report.households.imported = 0;
    report.persons.imported = 0;
    report.households.created = report.households.updated = report.households.unchanged = 0;
  }
  return report;
}

const newTimings = (): ImportTimings => ({
  prepareMs: 0,
  parseMs: 0,
  readMs: 0,
  idleMs: 0,
  waitMs: 0,
  checkMs: 0,
  writeMs: 0,
  indexMs: 0,
  swapMs: 0,
  commitMs: 0,
  totalMs: 0,
});

const roundTimings = (t: ImportTimings): ImportTimings =>
  Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v)])) as unknown as ImportTimings;

/** The import's audit event: what was written, counted, and the SHA-256 of the file it came from. */
function importEvent(o: ImportOptions, file: string, r: ImportReport, fileSha256: string) {
  return {
    action: 'household.import' as const,
    entityType: 'household',
    entityId: null,
    regionCode: o.scope || null,
    after: {
      fileSha256,
      households: r.households.imported,
      persons: r.persons.imported,
      created: r.households.created,
      updated: r.households.updated,
      unchanged: r.households.unchanged,
      rejected: { households: r.households.rejected, persons: r.persons.rejected },
      bulk: r.bulk,
      acceptValid: o.acceptValid,
    },
    reason: `import of ${file.split('/').pop()}`,
  };
}

/** A Kysely that runs everything on one pg client (the import's transaction and its COPYs). */
function onClient(client: pg.PoolClient): Kysely<DB> {
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({
          query: client.query.bind(client) as pg.PoolClient['query'],
          release: () => undefined,
        }),
        end: async () => undefined,
      },
    }),
  });
}

/** `COPY … from stdin` of text-format data on this client. */
async function copyInto(client: pg.PoolClient, copySql: string, data: string): Promise<void> {
  if (!data) return;
  await pipeline(Readable.from([data]), client.query(copyFrom(copySql)));
}

function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  return new Promise((resolve, reject) =>
    fs
      .createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', reject),
  );
}

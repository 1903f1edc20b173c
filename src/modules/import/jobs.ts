import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { UnreadableFileError } from './reader.js';
import { writeReportXlsx } from './report-xlsx.js';
import { cliReport, errorPage, type ErrorQuery } from './report-view.js';
import { createJobStore, type ImportJob, type ImportJobOptions, type Upload } from './job-store.js';
import { importJobRecords, persistedJob, persistedReport } from './job-records.js';
import { importFile } from './service.js';
import type { ImportReport } from './types.js';

export type { ImportJob, ImportJobOptions, Upload } from './job-store.js';

/** A file name safe to create: no folders, no control or reserved characters. */
export const safeFilename = (name: string) =>
  [...path.basename(name.replace(/\\/g, '/'))]
    .map((ch) => (ch < ' ' || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .slice(-120)
    .replace(/^\.+$/, '') || 'upload';

const summaryOf = ({ errors: _listed, ...summary }: ImportReport) => summary;

const baseName = (filename: string) => filename.replace(/\.[^.]*$/, '') || 'import';

/** One job: the import, its report kept in memory, on disk and in import_job. */
async function runJob(
  db: Kysely<DB>,
  o: ImportJobOptions,
  store: ReturnType<typeof createJobStore>,
  job: ImportJob,
  user: AuthUser,
): Promise<void> {
  try {
    const report = await importFile(db, job.file, {
      actor: actorOf(user),
      scope: user.scopeCode,
      acceptValid: job.acceptValid,
      dryRun: job.dryRun,
      incomeCeiling: o.incomeCeiling,
      today: o.clock.today(),
      job: { ...job, origin: 'web', ownerId: user.id, regionCode: user.scopeCode },
      now: () => o.clock.now(),
      onProgress: (rows) => (job.rows = rows),
      // the dashboards' summaries brought up to date by the job, not by the first dashboard request
      refreshSummaries: true,
      onSummariesError: (err) =>
        o.log.error({ err, importJob: job.id }, 'dashboard summaries not refreshed after the import'),
    });
    const { errors: _listed, ...summary } = report;
    job.summary = summary;
    store.cache(job.id, report);
    job.status = 'done';
    // the report outlives the cache on disk; failing to save it does not undo the import
    await fs
      .writeFile(path.join(job.dir, 'report.json'), JSON.stringify(report))
      .catch((err: unknown) => o.log.error({ err, importJob: job.id }, 'import report not saved'));
  } catch (err) {
    job.status = 'failed';
    if (err instanceof UnreadableFileError) job.message = err.message;
    else {
      job.message = 'The import failed; the registry is unchanged. The error has been logged.';
      o.log.error({ err, importJob: job.id }, 'import failed');
    }
    await importJobRecords
      .finish(db, job.id, { status: 'failed', message: job.message, at: o.clock.now() })
      .catch((e: unknown) => o.log.error({ err: e, importJob: job.id }, 'import job not recorded'));
  } finally {
    job.finishedAt = o.clock.now();
    await store.prune().catch((err: unknown) => o.log.error({ err }, 'import cleanup failed'));
  }
}

/**
 * Imports running in the background of this process. A job is kept in memory with its uploaded file
 * and report in a temp folder, and its state and report in the import_job table (job-records.ts):
 * after a restart a finished job still answers its report, and one cut by the restart answers
 * `interrupted` (an import is one transaction, which a dead process never commits). Only the user who
 * started a job (or an admin) sees it.
 */
export function createImportJobs(db: Kysely<DB>, o: ImportJobOptions) {
  const store = createJobStore(o);
  const { jobs } = store;
  const maxRunning = o.maxRunning ?? 2;
  const running = () => [...jobs.values()].filter((j) => j.status === 'running').length;
  // jobs a dead process left running: interrupted, and the space of their rows given back
  // jobs run outside the starting request's async context (whatever a request holds ends with it)
  const detached = new AsyncResource('jz-import-jobs');
  const recovered = importJobRecords
    .recover(db, o.clock.now())
    .catch((err: unknown) => o.log.error({ err }, 'import recovery failed'));

  /** Refuse early (before the upload is read) a user who may not import, or a full server. */
  function assertMayStart(user: AuthUser): void {
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not import households');
    if (running() >= maxRunning)
      throw new AppError('E_CONFLICT', `${maxRunning} imports are running; try again when one has finished`);
  }

  return {
    assertMayStart,

    /** A fresh folder and file name for an upload. */
    async newUpload(): Promise<Upload> {
      const dir = await fs.mkdtemp(path.join(o.dir ?? os.tmpdir(), 'jz-import-'));
      return { dir, path: path.join(dir, 'upload.part'), bytes: 0 };
    },

    /** Remove an upload no job has taken (a request that failed after the file arrived). */
    async discard(upload: Upload): Promise<void> {
      if ([...jobs.values()].some((j) => j.dir === upload.dir)) return;
      await fs.rm(upload.dir, { recursive: true, force: true });
    },

    /** Start importing an upload in the background as `user`, within the user's scope. */
    async start(
      user: AuthUser,
      upload: Upload,
      opts: { filename: string; acceptValid: boolean; dryRun: boolean },
    ): Promise<{ id: string }> {
      const filename = safeFilename(opts.filename);
      // the file keeps its name: its extension tells CSV from XLSX, and the audit event names it
      const file = path.join(upload.dir, 'file', filename);
      await fs.mkdir(path.dirname(file));
      await fs.rename(upload.path, file);
      assertMayStart(user); // again, and with no await until the job is registered
      const job: ImportJob = {
        id: randomUUID(),
        ownerId: user.id,
        status: 'running',
        filename,
        acceptValid: opts.acceptValid,
        dryRun: opts.dryRun,
        bytes: upload.bytes,
        rows: 0,
        startedAt: o.clock.now(),
        finishedAt: null,
        dir: upload.dir,
        file,
      };
      jobs.set(job.id, job);
      detached.runInAsyncScope(() => void runJob(db, o, store, job, user));
      return { id: job.id };
    },

    /** The job's state; once done, its report with one page of the errors (filtered). */
    async view(user: AuthUser, id: string, q: ErrorQuery) {
      if (!jobs.has(id)) {
        await recovered;
        const { state, report } = await persistedJob(db, user, id);
        return report
          ? { ...state, report: { ...summaryOf(report), ...errorPage(report.errors, q) } }
          : state;
      }
      const job = store.jobOf(user, id);
      const state = {
        id: job.id,
        status: job.status,
        filename: job.filename,
        acceptValid: job.acceptValid,
        dryRun: job.dryRun,
        bytes: job.bytes,
        rows: job.rows,
        startedAt: job.startedAt.toISOString(),
        finishedAt: job.finishedAt?.toISOString() ?? null,
        message: job.message,
      };
      if (job.status !== 'done' || !job.summary) return state;
      const { report } = await store.finished(user, id);
      return { ...state, report: { ...job.summary, ...errorPage(report.errors, q) } };
    },

    /** The CLI's JSON report of a finished job. */
    async reportJson(user: AuthUser, id: string) {
      const { filename, report } = jobs.has(id)
        ? await store.finished(user, id).then((f) => ({ filename: f.job.filename, report: f.report }))
        : await persistedReport(db, user, id);
      return { filename: `${baseName(filename)}-report.json`, report: cliReport(report) };
    },

    /** The report workbook of a finished job, streamed (the uploaded file is read again). */
    async reportXlsx(user: AuthUser, id: string): Promise<{ filename: string; stream: Readable }> {
      if (!jobs.has(id)) {
        await persistedReport(db, user, id);
        throw new AppError(
          'E_NOT_FOUND',
          'The uploaded file is not kept across a restart: the JSON report is',
        );
      }
      const { job, report } = await store.finished(user, id);
      const out = new PassThrough();
      writeReportXlsx(job.file, report.errors, out).catch((err: unknown) => out.destroy(err as Error));
      return { filename: `${baseName(job.filename)}-报告.xlsx`, stream: out };
    },

    /** Forget every finished job and its files (server shutdown); running ones go when they end. */
    close: store.close,
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;

import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { UnreadableFileError } from './reader.js';
import { writeReportXlsx } from './report-xlsx.js';
import { cliReport, errorPage, type ErrorQuery } from './report-view.js';
import { importFile, type ImportReport } from './service.js';

/** An uploaded file in a folder of its own, not yet (or no longer) owned by a job. */
export interface Upload {
  dir: string;
  path: string;
  bytes: number;
}

export interface ImportJob {
  id: string;
  ownerId: string;
  status: 'running' | 'done' | 'failed';
  filename: string;
  acceptValid: boolean;
  dryRun: boolean;
  bytes: number;
  rows: number;
  startedAt: Date;
  finishedAt: Date | null;
  message?: string;
  /** The report without its error list (that stays on disk, and in a small cache). */
  summary?: Omit<ImportReport, 'errors'>;
  dir: string;
  file: string;
}

export interface ImportJobOptions {
  /** Per-capita net income ceiling (yuan/year), as `jingzhun import --ceiling`. */
  incomeCeiling: number;
  /** The one clock: an import's "today", and the jobs' start and finish instants. */
  clock: Clock;
  /** Folder of the uploads (default: the OS temp folder). */
  dir?: string;
  /** Finished jobs kept, with their files; older ones are removed. */
  keep?: number;
  /** Finished jobs older than this are removed whatever their number. */
  maxAgeMs?: number;
  /** Imports running at once in this process. */
  maxRunning?: number;
  log: { error(obj: object, msg: string): void };
}

const REPORTS_CACHED = 3;

/** A file name safe to create: no folders, no control or reserved characters. */
export const safeFilename = (name: string) =>
  [...path.basename(name.replace(/\\/g, '/'))]
    .map((ch) => (ch < ' ' || '<>:"|?*'.includes(ch) ? '_' : ch))
    .join('')
    .slice(-120)
    .replace(/^\.+$/, '') || 'upload';

const baseName = (filename: string) => filename.replace(/\.[^.]*$/, '') || 'import';

/**
 * Imports running in the background of this process. A job is kept in memory with its uploaded file
 * and report in a temp folder: jobs are lost on restart, the data is not (an import is one
 * transaction, which a dead process never commits). Only the user who started a job (or an admin)
 * sees it.
 */
export function createImportJobs(db: Kysely<DB>, o: ImportJobOptions) {
  const jobs = new Map<string, ImportJob>();
  const reports = new Map<string, ImportReport>();
  const keep = o.keep ?? 20;
  const maxAgeMs = o.maxAgeMs ?? 24 * 3600_000;
  const maxRunning = o.maxRunning ?? 2;
  const running = () => [...jobs.values()].filter((j) => j.status === 'running').length;
  let closed = false;

  const cache = (id: string, report: ImportReport) => {
    reports.delete(id);
    reports.set(id, report);
    for (const old of [...reports.keys()].slice(0, -REPORTS_CACHED)) reports.delete(old);
  };

  const remove = async (job: ImportJob) => {
    jobs.delete(job.id);
    reports.delete(job.id);
    await fs.rm(job.dir, { recursive: true, force: true });
  };

  const prune = async () => {
    const finished = [...jobs.values()]
      .filter((j) => j.finishedAt)
      .sort((a, b) => b.finishedAt!.getTime() - a.finishedAt!.getTime());
    const now = Date.now();
    for (const [i, job] of finished.entries())
      if (closed || i >= keep || now - job.finishedAt!.getTime() > maxAgeMs) await remove(job);
  };

  async function run(job: ImportJob, user: AuthUser): Promise<void> {
    try {
      const report = await importFile(db, job.file, {
        actor: actorOf(user),
        scope: user.scopeCode,
        acceptValid: job.acceptValid,
        dryRun: job.dryRun,
        incomeCeiling: o.incomeCeiling,
        today: o.clock.today(),
        onProgress: (rows) => (job.rows = rows),
      });
      const { errors: _listed, ...summary } = report;
      job.summary = summary;
      cache(job.id, report);
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
    } finally {
      job.finishedAt = o.clock.now();
      await prune().catch((err: unknown) => o.log.error({ err }, 'import cleanup failed'));
    }
  }

  /** The job, if `user` may see it (its owner, or an admin). */
  function jobOf(user: AuthUser, id: string): ImportJob {
    const job = jobs.get(id);
    if (!job || (job.ownerId !== user.id && user.role !== 'admin')) throw notFound('import', id);
    return job;
  }

  async function finished(user: AuthUser, id: string): Promise<{ job: ImportJob; report: ImportReport }> {
    const job = jobOf(user, id);
    if (job.status === 'running') throw new AppError('E_CONFLICT', 'The import is still running');
    if (job.status === 'failed') throw new AppError('E_NOT_FOUND', `Import ${id} failed: it has no report`);
    const report =
      reports.get(id) ??
      (JSON.parse(await fs.readFile(path.join(job.dir, 'report.json'), 'utf8')) as ImportReport);
    cache(id, report);
    return { job, report };
  }

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
      void run(job, user);
      return { id: job.id };
    },

    /** The job's state; once done, its report with one page of the errors (filtered). */
    async view(user: AuthUser, id: string, q: ErrorQuery) {
      const job = jobOf(user, id);
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
      const { report } = await finished(user, id);
      return { ...state, report: { ...job.summary, ...errorPage(report.errors, q) } };
    },

    /** The CLI's JSON report of a finished job. */
    async reportJson(user: AuthUser, id: string) {
      const { job, report } = await finished(user, id);
      return { filename: `${baseName(job.filename)}-report.json`, report: cliReport(report) };
    },

    /** The report workbook of a finished job, streamed (the uploaded file is read again). */
    async reportXlsx(user: AuthUser, id: string): Promise<{ filename: string; stream: Readable }> {
      const { job, report } = await finished(user, id);
      const out = new PassThrough();
      writeReportXlsx(job.file, report.errors, out).catch((err: unknown) => out.destroy(err as Error));
      return { filename: `${baseName(job.filename)}-报告.xlsx`, stream: out };
    },

    /** Forget every finished job and its files (server shutdown); running ones go when they end. */
    async close(): Promise<void> {
      closed = true;
      await prune();
    },
  };
}

export type ImportJobs = ReturnType<typeof createImportJobs>;

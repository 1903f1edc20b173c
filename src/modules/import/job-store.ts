import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError, notFound } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import type { Clock } from '../../kernel/clock.js';
import type { ImportReport } from './types.js';

const REPORTS_CACHED = 3;

/** An uploaded file in a folder of its own, not yet (or no longer) owned by a job. */
export interface Upload {
  dir: string;
  path: string;
  bytes: number;
}

export interface ImportJob {
  id: string;
  ownerId: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
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

/**
 * The web imports' jobs in memory: each with its folder on disk, the last few reports cached, old
 * finished jobs pruned (by number and age), and a job visible only to its owner or an admin.
 */
export function createJobStore(o: Pick<ImportJobOptions, 'clock' | 'keep' | 'maxAgeMs'>) {
  const jobs = new Map<string, ImportJob>();
  const reports = new Map<string, ImportReport>();
  const keep = o.keep ?? 20;
  const maxAgeMs = o.maxAgeMs ?? 24 * 3600_000;
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
    const now = o.clock.now().getTime();
    for (const [i, job] of finished.entries())
      if (closed || i >= keep || now - job.finishedAt!.getTime() > maxAgeMs) await remove(job);
  };

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

  return {
    jobs,
    cache,
    prune,
    jobOf,
    finished,
    /** Forget every finished job and its files (server shutdown); running ones go when they end. */
    async close(): Promise<void> {
      closed = true;
      await prune();
    },
  };
}

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { isAlive, processStartTime } from '../../db/data-folder-owner.js';
import type { DB } from '../../db/types.js';
import { AppError, notFound } from '../../kernel/errors.js';
import type { AuthUser } from '../../kernel/user.js';
import { BULK_TABLES } from './bulk.js';
import type { ImportJobRef, ImportReport } from './types.js';

export type { ImportJobRef } from './types.js';

/** Households written and rolled back from which the registry tables are vacuumed (bulk: whatever their number). */
export const VACUUM_AFTER_HOUSEHOLDS = 5_000;

const host = os.hostname();

/** Whether a process recorded on this host (pid and start time) is gone. */
function gone(pid: number, procStart: string | null): boolean {
  if (!isAlive(pid)) return true;
  const now = processStartTime(pid);
  return Boolean(procStart && now && procStart !== now);
}

/**
 * The import_job table (migration 026): a job's state and report kept across a restart. The row is
 * written (autocommit) when the import starts, set done with its report inside the import's own
 * transaction (so "done, committed" and the data commit together), and otherwise finished after it.
 */
export const importJobRecords = {
  /** A CLI import's job reference (no owner, whole country). */
  cliRef(file: string, o: { acceptValid: boolean; dryRun: boolean }): ImportJobRef {
    return {
      id: randomUUID(),
      origin: 'cli',
      ownerId: null,
      regionCode: '',
      filename: path.basename(file),
      bytes: 0,
      acceptValid: o.acceptValid,
      dryRun: o.dryRun,
    };
  },

  async start(db: Kysely<DB>, j: ImportJobRef): Promise<void> {
    await db
      .insertInto('import_job')
      .values({
        id: j.id,
        origin: j.origin,
        owner_id: j.ownerId,
        region_code: j.regionCode,
        status: 'running',
        filename: j.filename,
        accept_valid: j.acceptValid,
        dry_run: j.dryRun,
        bytes: j.bytes,
        started_at: j.startedAt ?? sql<Date>`now()`,
        host,
        pid: process.pid,
        proc_start: processStartTime(process.pid) ?? null,
      })
      .execute();
  },

  /** Inside the import's transaction, just before it commits. */
  async committed(trx: Kysely<DB>, id: string, report: ImportReport, at?: Date): Promise<void> {
    await trx
      .updateTable('import_job')
      .set({
        status: 'done',
        committed: true,
        bulk: report.bulk,
        rows: report.persons.imported + report.persons.rejected,
        report: JSON.stringify({ ...report, committed: true }),
        finished_at: at ?? sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  },

  /** After an import that did not commit (dry run, rejected, failed); a committed row stays as it is. */
  async finish(
    db: Kysely<DB>,
    id: string,
    f: { status: 'done' | 'failed'; at?: Date; report?: ImportReport; message?: string },
  ): Promise<void> {
    await db
      .updateTable('import_job')
      .set({
        status: f.status,
        bulk: f.report?.bulk ?? false,
        rows: f.report ? f.report.persons.imported + f.report.persons.rejected : 0,
        report: f.report ? JSON.stringify(f.report) : null,
        message: f.message ?? null,
        finished_at: f.at ?? sql<Date>`now()`,
      })
      .where('id', '=', id)
      .where('committed', '=', false)
      .execute();
  },

  async get(db: Kysely<DB>, id: string) {
    return db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * Imports recorded as running on this host by a process that is gone (killed, or a server that
   * died) are marked interrupted — their transaction never committed, so nothing of them did — and
   * the registry tables they wrote are vacuumed so that the space of their rolled-back rows comes
   * back. Returns the ids marked.
   */
  async recover(db: Kysely<DB>, at?: Date): Promise<string[]> {
    const running = await db
      .selectFrom('import_job')
      .select(['id', 'pid', 'proc_start'])
      .where('status', '=', 'running')
      .where('host', '=', host)
      .execute();
    const dead = running.filter((r) => gone(r.pid, r.proc_start)).map((r) => r.id);
    if (dead.length === 0) return [];
    await db
      .updateTable('import_job')
      .set({
        status: 'interrupted',
        finished_at: at ?? sql<Date>`now()`,
        message: 'The import was interrupted (its process stopped); nothing of it was committed.',
      })
      .where('id', 'in', dead)
      .where('status', '=', 'running')
      .execute();
    await vacuumRegistry(db);
    await db
      .updateTable('import_job')
      .set({ vacuumed_at: at ?? sql<Date>`now()` })
      .where('id', 'in', dead)
      .execute();
    return dead;
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A web job no longer in memory (the server restarted), if `user` may see it (its owner, or an admin). */
export async function persistedJob(db: Kysely<DB>, user: AuthUser, id: string) {
  const row = UUID.test(id) ? await importJobRecords.get(db, id) : undefined;
  if (!row || row.origin !== 'web' || (row.owner_id !== user.id && user.role !== 'admin'))
    throw notFound('import', id);
  const report = row.status === 'done' ? (row.report as ImportReport | null) : null;
  const state = {
    id: row.id,
    status: row.status as 'running' | 'done' | 'failed' | 'interrupted',
    filename: row.filename,
    acceptValid: row.accept_valid,
    dryRun: row.dry_run,
    bytes: Number(row.bytes),
    rows: Number(row.rows),
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    message: row.message ?? undefined,
  };
  return { state, report };
}

/** The report of a web job no longer in memory; its uploaded file is not kept across a restart. */
export async function persistedReport(db: Kysely<DB>, user: AuthUser, id: string) {
  const { state, report } = await persistedJob(db, user, id);
  if (state.status === 'running') throw new AppError('E_CONFLICT', 'The import is still running');
  if (!report) throw new AppError('E_NOT_FOUND', `Import ${id} ${state.status}: it has no report`);
  return { filename: state.filename, report };
}

/** VACUUM (and analyze) the tables an import writes: outside any transaction, locking no reader. */
export async function vacuumRegistry(db: Kysely<DB>): Promise<void> {
  await sql`vacuum (analyze) ${sql.join(BULK_TABLES.map((t) => sql.table(t)))}`.execute(db);
}

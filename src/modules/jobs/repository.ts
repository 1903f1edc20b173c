import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** A background job as stored (migration 048); `stale` = running, but its heartbeat stopped. */
export interface JobRow {
  id: string;
  kind: 'evaluation' | 'quality';
  region_code: string;
  region_name: string | null;
  year: number | null;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  step: string | null;
  done: number;
  total: number;
  result_id: string | null;
  summary: Record<string, unknown> | null;
  message: string | null;
  started_by_name: string;
  started_at: Date;
  finished_at: Date | null;
  stale: boolean;
}

/** Seconds without a heartbeat after which a running job is taken as interrupted (its server ended). */
export const STALE_AFTER_S = 120;

const columns = sql`j.id::text, j.kind, j.region_code, r.name as region_name, j.year, j.status, j.step,
  j.done, j.total, j.result_id::text, j.summary, j.message, j.started_by_name, j.started_at, j.finished_at,
  (j.status = 'running' and j.heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_S})) as stale`;

/** Background jobs (src/modules/jobs): SQL only; the service checks scope and permissions. */
export const jobRepository = {
  /** Serialise job starts (one transaction at a time checks and inserts). */
  lockStarts: (trx: Kysely<DB>) => sql`select pg_advisory_xact_lock(7340048)`.execute(trx),

  /** Mark running jobs whose heartbeat stopped as interrupted (except `live`: this process runs them). */
  interruptStale: (trx: Kysely<DB>, live: string[]) =>
    sql`update background_job set status = 'interrupted', finished_at = now(),
          message = 'the server stopped while the job ran; nothing of it was kept'
        where status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_S})
          and id <> all(${live}::bigint[])`.execute(trx),

  /** A running job on the same line of the region tree as `region` (above, at or below it). */
  async runningOnLine(trx: Kysely<DB>, region: string): Promise<JobRow | undefined> {
    const r = await sql<JobRow>`select ${columns}
      from background_job j left join region r on r.code = j.region_code
      where j.status = 'running'
        and (starts_with(${region}, j.region_code) or starts_with(j.region_code, ${region}))
      order by j.id limit 1`.execute(trx);
    return r.rows[0];
  },

  async insert(
    trx: Kysely<DB>,
    j: {
      kind: string;
      region: string;
      year: number | null;
      total: number;
      userId: string | null;
      userName: string;
      at: Date;
    },
  ): Promise<string> {
    const r = await sql<{ id: string }>`insert into background_job
        (kind, region_code, year, status, total, started_by, started_by_name, started_at)
      values (${j.kind}, ${j.region}, ${j.year}, 'running', ${j.total}, ${j.userId}, ${j.userName}, ${j.at})
      returning id::text`.execute(trx);
    return r.rows[0]!.id;
  },

  progress: (db: Kysely<DB>, id: string, p: { done: number; total: number; step: string | null }) =>
    sql`update background_job set done = ${p.done}, total = ${p.total}, step = ${p.step}, heartbeat_at = now()
        where id = ${id} and status = 'running'`.execute(db),

  heartbeat: (db: Kysely<DB>, id: string) =>
    sql`update background_job set heartbeat_at = now() where id = ${id} and status = 'running'`.execute(db),

  finish: (
    db: Kysely<DB>,
    id: string,
    f: {
      status: 'done' | 'failed';
      resultId: string | null;
      summary: Record<string, unknown> | null;
      message: string | null;
      at: Date;
    },
  ) =>
    sql`update background_job set status = ${f.status}, result_id = ${f.resultId},
          summary = ${f.summary ? JSON.stringify(f.summary) : null}::jsonb, message = ${f.message},
          finished_at = ${f.at}, heartbeat_at = now(), done = case when ${f.status} = 'done' then total else done end
        where id = ${id}`.execute(db),

  async byId(db: Kysely<DB>, id: string): Promise<JobRow | undefined> {
    const r = await sql<JobRow>`select ${columns}
      from background_job j left join region r on r.code = j.region_code where j.id = ${id}`.execute(db);
    return r.rows[0];
  },

  /** The latest jobs in a region's subtree, newest first (optionally of one kind). */
  async latest(db: Kysely<DB>, scope: string, kind: string | undefined, limit: number): Promise<JobRow[]> {
    const r = await sql<JobRow>`select ${columns}
      from background_job j left join region r on r.code = j.region_code
      where ${inRegion('j.region_code', scope)} ${kind ? sql`and j.kind = ${kind}` : sql``}
      order by j.id desc limit ${limit}`.execute(db);
    return r.rows;
  },

  regionName: async (db: Kysely<DB>, code: string) =>
    (await sql<{ name: string }>`select name from region where code = ${code}`.execute(db)).rows[0]?.name ??
    null,
};

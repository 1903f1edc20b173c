import { AsyncResource } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import type { QualityService } from '../quality/service.js';
import type { RuleRun } from '../worklists/rule-run.js';
import { assertMayEvaluate } from '../worklists/service.js';
import { jobRepository as repo, type JobRow } from './repository.js';

/**
 * Batch work started from the app (issue 20 item 8): the batch evaluation (the rule run that
 * `jingzhun evaluate` runs) and the quality checks (what `jingzhun quality run` runs), as background
 * jobs of the server process. The job's row (migration 048) carries its progress, its heartbeat and
 * the run it wrote, so that a page reload reads the state back from the server; one running job per
 * line of the region tree (a county's job blocks its townships' and the province's) at a time.
 */
export type JobKind = 'evaluation' | 'quality';

export interface StartJob {
  kind: JobKind;
  region?: string | undefined;
  year?: number | undefined;
}

const KIND_ZH: Record<JobKind, string> = { evaluation: '批量评估', quality: '数据质量检查' };
const HEARTBEAT_MS = 20_000;

/**
 * A job as answered. `live`: the ids of the jobs this process is running — alive whatever their
 * heartbeat says (a heartbeat can wait minutes for a connection while a large region's checks hold
 * the pool; only a job of a process that ended is interrupted).
 */
export const jobDto = (j: JobRow, live: ReadonlySet<string> = new Set()) => ({
  id: j.id,
  kind: j.kind,
  regionCode: j.region_code,
  regionName: j.region_name,
  year: j.year,
  status: j.stale && !live.has(j.id) ? ('interrupted' as const) : j.status,
  step: j.step,
  done: j.done,
  total: j.total,
  resultId: j.result_id,
  summary: j.summary,
  message:
    j.stale && !live.has(j.id) ? 'the server stopped while the job ran; nothing of it was kept' : j.message,
  startedBy: j.started_by_name,
  startedAt: j.started_at.toISOString(),
  finishedAt: j.finished_at ? j.finished_at.toISOString() : null,
});
export type JobDto = ReturnType<typeof jobDto>;

function assertMayStart(user: AuthUser, kind: JobKind): void {
  if (kind === 'evaluation') return assertMayEvaluate(user);
  if (!permissionsOf(user.role).runQualityChecks)
    throw new AppError('E_FORBIDDEN', 'Only township officers and above run the quality checks', {
      messageZh: '只有乡镇及以上人员可以运行数据质量检查',
    });
}

const conflict = (running: JobRow) =>
  new AppError(
    'E_CONFLICT',
    `Job ${running.id} (${running.kind}) is already running on region ${running.region_code || 'the whole country'}, started by ${running.started_by_name}; wait for it to finish`,
    {
      jobId: running.id,
      kind: running.kind,
      region: running.region_code,
      messageZh: `${running.region_name ?? (running.region_code || '全国')}正在运行任务 #${running.id}（${KIND_ZH[running.kind]}，${running.started_by_name} 启动），请等它完成后再开始`,
    },
  );

export function createJobService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  ruleRun: RuleRun;
  quality: Pick<QualityService, 'runAll'>;
  log: { error(obj: object, msg: string): void };
}) {
  const { db, clock } = deps;
  const running = new Set<Promise<void>>();
  const live = new Set<string>();
  // jobs run outside the starting request's async context: its bounds (statement timeout, the
  // cancelling of its queries when the answer is sent) end with the request (server/bounded-work.ts)
  const detached = new AsyncResource('jz-background-jobs');

  /** The work of one job, reporting progress to its row; the runs audit themselves. */
  async function work(id: string, user: AuthUser, o: Required<Pick<StartJob, 'kind'>> & StartJob) {
    let writes: Promise<unknown> = Promise.resolve();
    const progress = (done: number, total: number, step: string | null) => {
      writes = writes.then(() => repo.progress(db, id, { done, total, step })).catch(() => undefined);
    };
    const beat = setInterval(() => void repo.heartbeat(db, id).catch(() => undefined), HEARTBEAT_MS);
    beat.unref();
    try {
      const result =
        o.kind === 'evaluation'
          ? await deps.ruleRun({
              year: o.year!,
              region: o.region!,
              actor: actorOf(user),
              onProgress: (done, total) => progress(done, total, null),
            })
          : await deps.quality.runAll(o.region!, actorOf(user), 'manual', progress);
      await writes;
      const summary =
        'items' in result
          ? { households: result.households, items: result.items, toVerify: result.toVerify }
          : { findings: result.findings, checks: result.checks.length };
      await repo.finish(db, id, {
        status: 'done',
        resultId: result.runId,
        summary,
        message: null,
        at: clock.now(),
      });
    } catch (err) {
      deps.log.error({ err, job: id }, 'background job failed');
      await writes;
      await repo
        .finish(db, id, {
          status: 'failed',
          resultId: null,
          summary: null,
          message:
            err instanceof AppError
              ? err.message
              : 'The job failed; nothing of it was kept. The error has been logged.',
          at: clock.now(),
        })
        .catch((e: unknown) => deps.log.error({ err: e, job: id }, 'background job not recorded'));
    } finally {
      clearInterval(beat);
    }
  }

  return {
    /** Start a job (202 with the job); a job already running on the region's line answers 409 naming it. */
    async start(user: AuthUser, o: StartJob): Promise<JobDto> {
      assertMayStart(user, o.kind);
      const region = scopeFor(user, o.region);
      if (o.kind === 'evaluation' && o.year === undefined)
        throw new AppError('E_VALIDATION', 'body.year: the batch evaluation needs the income year', {
          field: 'body.year',
          messageZh: '批量评估需要选择收入年度（year）',
        });
      const id = await db.transaction().execute(async (trx) => {
        await repo.lockStarts(trx);
        await repo.interruptStale(trx, [...live]);
        const other = await repo.runningOnLine(trx, region);
        if (other) throw conflict(other);
        return repo.insert(trx, {
          kind: o.kind,
          region,
          year: o.kind === 'evaluation' ? o.year! : null,
          total: 0,
          userId: user.id,
          userName: user.username,
          at: clock.now(),
        });
      });
      live.add(id);
      const p = detached
        .runInAsyncScope(() => work(id, user, { ...o, region }))
        .finally(() => {
          running.delete(p);
          live.delete(id);
        });
      running.add(p);
      return jobDto((await repo.byId(db, id))!, live);
    },

    /** One job, if its region lies in the user's scope (otherwise 404, as a missing one). */
    async get(user: AuthUser, id: string): Promise<JobDto> {
      const j = await repo.byId(db, id);
      assertObjectInScope(user, j?.region_code, 'job', id);
      return jobDto(j!, live);
    },

    /** The latest jobs in a region of the user's scope (the page reads its running job back from here). */
    async list(user: AuthUser, q: { region?: string | undefined; kind?: JobKind | undefined }) {
      const scope = scopeFor(user, q.region);
      return { items: (await repo.latest(db, scope, q.kind, 20)).map((j) => jobDto(j, live)) };
    },

    /** Wait for the jobs of this process to end (server close, tests). */
    async close(): Promise<void> {
      await Promise.allSettled([...running]);
    },
  };
}
export type JobService = ReturnType<typeof createJobService>;

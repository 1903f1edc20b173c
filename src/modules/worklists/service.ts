import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { redactReasons } from '../../domain/explanations.js';
import type { Reason } from '../../domain/rules/reason.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import type { RuleRun } from './rule-run.js';
import { worklistRepository } from './repository.js';
import { caseKindFor } from './selection.js';

export interface WorklistQuery {
  region?: string | undefined;
  rule?: string | undefined;
  decision?: string | undefined;
  open?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** The latest rule run whose region covers `region` (the warnings derive income signals from it). */
export const latestRuleRun = (db: Kysely<DB>, region: string) => worklistRepository.latestRun(db, region);

/** The batch evaluation is run by county officers and above (permission table: runBatchEvaluation). */
export function assertMayEvaluate(user: AuthUser): void {
  if (!permissionsOf(user.role).runBatchEvaluation)
    throw new AppError('E_FORBIDDEN', 'Only an administrator or a county officer runs the batch evaluation', {
      messageZh: '只有县级及以上人员可以运行批量评估',
    });
}

/** Worklists of the latest rule run (batch evaluation) covering a region, and runs started from the web. */
export function createWorklistService(db: Kysely<DB>, runRules: RuleRun) {
  return {
    async list(user: AuthUser, q: WorklistQuery) {
      const scope = scopeFor(user, q.region);
      const run = await worklistRepository.latestRun(db, scope);
      if (!run) return { run: null, total: 0, page: q.page, pageSize: q.pageSize, counts: [], items: [] };
      const { total, rows, byRule } = await worklistRepository.items(db, {
        runId: run.id,
        scope,
        rule: q.rule,
        decision: q.decision,
        open: q.open,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      return {
        run: {
          id: run.id,
          year: run.year,
          regionPrefix: run.region_prefix,
          asOf: run.as_of,
          finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
          households: run.households,
          items: run.items,
          startedBy: run.started_by,
        },
        total,
        page: q.page,
        pageSize: q.pageSize,
        counts: byRule.map((c) => ({ rule: c.rule, decision: c.decision, n: Number(c.n) })),
        items: rows.map((r) => ({
          id: r.id,
          householdId: r.household_id,
          householdNo: r.household_no,
          headName: r.head_name ?? '',
          householdStatus: r.status,
          villageCode: r.village_code,
          villageName: r.village_name ?? '',
          rule: r.rule,
          decision: r.decision,
          // withheld by data class (explanations.ts); stored items without grounds count as resting on all
          reasons: redactReasons(r.reasons as Reason[], { role: user.role }),
          caseKind: caseKindFor(r.rule, r.decision),
          caseId: r.case_id,
          caseState: r.case_state,
        })),
      };
    },

    /** Run the batch evaluation of a region from the web (admin, or a county officer in scope). */
    async run(user: AuthUser, year: number, region: string) {
      assertMayEvaluate(user);
      return runRules({ year, region: scopeFor(user, region), actor: actorOf(user) });
    },
  };
}
export type WorklistService = ReturnType<typeof createWorklistService>;

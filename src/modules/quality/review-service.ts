import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf, type Role } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import { actorOf } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { keyOf, reviewRepository as repo, type FindingKey } from './review-repository.js';

export interface ReviewBody {
  findingIds: string[];
  decision: 'confirmed' | 'dismissed';
  reason?: string | undefined;
}

interface Reviewer {
  id: string;
  username: string;
  role: Role;
  scopeCode: string;
}

/** A review as shown beside a finding in the drill-down. */
export const reviewDto = (r: {
  decision: string;
  reason: string | null;
  reviewed_by_name: string;
  reviewed_at: Date;
}) => ({
  decision: r.decision as 'confirmed' | 'dismissed',
  reason: r.reason,
  reviewedBy: r.reviewed_by_name,
  reviewedAt: r.reviewed_at.toISOString(),
});

/**
 * Bulk review of quality findings (issue 20 item 8): the selected rows confirmed (a real error, to be
 * fixed) or dismissed with a reason, in one transaction, each audited; a row missing, outside the
 * scope or of a check withheld from the reader names its row and nothing is written. The decision is
 * kept by what the finding is about, so the same finding in the next run shows it.
 */
export function createFindingReview(db: Kysely<DB>, clock: Clock, withheld: (role: Role) => string[]) {
  return {
    async review(user: Reviewer, body: ReviewBody) {
      if (!permissionsOf(user.role).runQualityChecks)
        throw new AppError('E_FORBIDDEN', 'Only township officers and above review quality findings', {
          messageZh: '只有乡镇及以上人员可以审核数据质量问题',
        });
      const reason = body.reason?.trim() || null;
      if (body.decision === 'dismissed' && (reason === null || reason.length < 2))
        throw new AppError('E_VALIDATION', 'body.reason: a dismissal needs its reason', {
          field: 'body.reason',
          messageZh: '排除问题须填写理由（reason）',
        });
      const hidden = new Set(withheld(user.role));
      return db.transaction().execute(async (trx) => {
        const found = new Map((await repo.findingsById(trx, body.findingIds)).map((f) => [f.id, f]));
        const rows: FindingKey[] = body.findingIds.map((id, i) => {
          const f = found.get(id);
          if (!f || !withinScope(user, f.region_code) || hidden.has(f.check_id))
            throw new AppError('E_NOT_FOUND', `row ${i + 1}: quality finding ${id} not found`, {
              field: `body.findingIds.${i}`,
              row: i + 1,
              messageZh: `第 ${i + 1} 行：质量问题 ${id} 不存在`,
            });
          return f;
        });
        const before = await repo.reviewsOf(trx, rows);
        const at = clock.now();
        const seen = new Set<string>();
        for (const f of rows) {
          if (seen.has(keyOf(f))) continue; // two runs' copies of one finding: one decision
          seen.add(keyOf(f));
          await repo.upsert(trx, f, {
            decision: body.decision,
            reason,
            userId: user.id,
            userName: user.username,
            at,
          });
          const prev = before.get(keyOf(f));
          await recordAudit(trx, actorOf(user), {
            action: 'quality.finding.review',
            entityType: 'quality_finding',
            entityId: f.id,
            regionCode: f.region_code,
            before: prev ? { decision: prev.decision, reason: prev.reason } : null,
            after: { decision: body.decision, checkId: f.check_id, householdId: f.household_id },
            reason,
          });
        }
        return { reviewed: seen.size, decision: body.decision };
      });
    },
  };
}

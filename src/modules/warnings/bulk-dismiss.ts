import { AppError } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { WarningContext } from './context.js';
import { warningRepository } from './repository.js';

/** An error of one row of the selection (1-based, in the order sent): nothing of the batch is written. */
export const rowError = (err: AppError, row: number, household: string) => {
  const d = (err.details ?? {}) as { messageZh?: string };
  return new AppError(err.code, `row ${row} (household ${household}): ${err.message}`, {
    ...(err.details as object),
    row,
    field: `body.householdIds.${row - 1}`,
    messageZh: `第 ${row} 行（农户 ${household}）：${d.messageZh ?? err.message}`,
  });
};

/**
 * Bulk review of warnings (issue 20 item 8): the open signals of the selected households dismissed
 * with one reason, in one transaction, each household audited as the single dismissal is; a
 * household missing, outside the scope or without open signals names its row and nothing is written.
 */
export function createBulkDismiss(ctx: WarningContext) {
  const { db, clock } = ctx;
  return {
    async dismissMany(user: AuthUser, householdIds: string[], reason: string) {
      ctx.mayEdit(user);
      return db.transaction().execute(async (trx) => {
        const items: { householdId: string; signals: string[] }[] = [];
        for (const [i, id] of householdIds.entries()) {
          const h = await ctx.householdInScope(user, id, trx).catch((err: unknown) => {
            throw err instanceof AppError ? rowError(err, i + 1, id) : err;
          });
          const ids = await warningRepository.dismiss(trx, id, null, reason, user.id, clock.now());
          if (ids.length === 0)
            throw rowError(
              new AppError('E_CONFLICT', 'no open warning signals to dismiss', {
                messageZh: '没有待处理的预警',
              }),
              i + 1,
              h.household_no,
            );
          await recordAudit(trx, actorOf(user), {
            action: 'warning.dismiss',
            entityType: 'household',
            entityId: id,
            regionCode: h.village_code,
            after: { signals: ids },
            reason,
          });
          items.push({ householdId: id, signals: ids });
        }
        return { households: items.length, signals: items.reduce((s, x) => s + x.signals.length, 0), items };
      });
    },
  };
}

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { assertManage } from './access.js';
import { assignLocked, lockCadre } from './assign-step.js';
import { assignmentRepository as repo } from './assignment-repository.js';

export interface BulkAssignBody {
  householdIds: string[];
  cadreId: string;
  startDate?: string | undefined;
  reason: string;
}

/** An error of one row of the selection (1-based, in the order sent): nothing of the batch is written. */
const rowError = (err: AppError, row: number, householdId: string, householdNo: string | null) => {
  const d = (err.details ?? {}) as { messageZh?: string };
  const who = householdNo ?? householdId;
  return new AppError(err.code, `row ${row} (household ${who}): ${err.message}`, {
    ...(err.details as object),
    row,
    householdId,
    messageZh: `第 ${row} 行（农户 ${who}）：${d.messageZh ?? err.message}`,
  });
};

/**
 * Bulk assignment of one responsible cadre (结对帮扶责任人) to many households, from the household
 * list or "my households": one transaction — every household locked in id order, each checked for
 * scope, each assignment or hand-over audited as the single one is — so a row that fails (out of
 * scope, missing, a start not after its current cadre's) leaves every household unchanged.
 */
export function createBulkAssignmentService(db: Kysely<DB>, clock: Clock) {
  return {
    async bulkAssign(user: AuthUser, body: BulkAssignBody) {
      assertManage(user);
      const start = body.startDate ?? clock.today();
      if (start > clock.today())
        throw new AppError('E_VALIDATION', 'startDate may not be in the future', {
          field: 'body.startDate',
          messageZh: '开始日期不能晚于今天',
        });
      const dup = body.householdIds.findIndex((id, i) => body.householdIds.indexOf(id) !== i);
      if (dup >= 0)
        throw new AppError(
          'E_VALIDATION',
          `row ${dup + 1}: household ${body.householdIds[dup]} is listed twice`,
          {
            field: `body.householdIds.${dup}`,
            row: dup + 1,
            messageZh: `第 ${dup + 1} 行：农户 ${body.householdIds[dup]} 重复`,
          },
        );
      const rows = body.householdIds.map((id, i) => ({ id, row: i + 1 }));
      // locks in id order, so that two overlapping batches never wait on each other crosswise
      const ordered = [...rows].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
      return db.transaction().execute(async (trx) => {
        const out: { householdId: string; householdNo: string; outcome: 'assigned' | 'handover' | 'same' }[] =
          [];
        let cadre: Awaited<ReturnType<typeof lockCadre>> | null = null;
        for (const { id, row } of ordered) {
          const h = await repo.householdForUpdate(trx, id);
          // outside the scope answers as missing: neither its existence nor its region is told
          if (!h || !withinScope(user, h.village_code))
            throw rowError(
              new AppError('E_NOT_FOUND', `household ${id} not found`, {
                field: `body.householdIds.${row - 1}`,
                messageZh: `农户 ${id} 不存在`,
              }),
              row,
              id,
              null,
            );
          try {
            cadre ??= await lockCadre(trx, user, h.village_code, body.cadreId);
            // a county unit's cadre is usable for its own villages only: checked for each household
            if (!withinScope(user, cadre.region_code))
              await lockCadre(trx, user, h.village_code, body.cadreId);
            const outcome = await assignLocked(trx, user, { ...h, id: String(h.id) }, cadre, {
              start,
              reason: body.reason,
            });
            out.push({ householdId: String(h.id), householdNo: h.household_no, outcome });
          } catch (err) {
            throw err instanceof AppError ? rowError(err, row, id, h.household_no) : err;
          }
        }
        const byRow = new Map(out.map((o) => [o.householdId, o]));
        const items = rows.map((r) => byRow.get(r.id)!);
        return {
          cadreId: String(cadre!.id),
          cadreName: cadre!.name,
          startDate: start,
          assigned: items.filter((o) => o.outcome !== 'same').length,
          unchanged: items.filter((o) => o.outcome === 'same').length,
          items,
        };
      });
    },
  };
}

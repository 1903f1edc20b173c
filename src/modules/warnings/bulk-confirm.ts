import { AppError } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { rowError } from './bulk-dismiss.js';
import { caseChannelOf } from './case-opening.js';
import type { WarningContext } from './context.js';
import { warningRepository } from './repository.js';

/**
 * Bulk confirmation of warnings (issue 20 item 8): for each selected household, what confirming a
 * single household's warning does (case-opening.ts) — a monitoring case opened through the cases
 * service and the open signals marked with it, audited per household — all in one transaction; a
 * household missing, outside the scope, without open signals or with an open monitoring case names
 * its row and nothing is written.
 */
export function createBulkConfirm(ctx: WarningContext) {
  const { db, cases, clock } = ctx;
  return {
    async confirmMany(user: AuthUser, householdIds: string[], note: string | undefined) {
      return db.transaction().execute(async (trx) => {
        const items: { householdId: string; caseId: string; signals: string[] }[] = [];
        for (const [i, id] of householdIds.entries()) {
          let householdNo = id;
          const asRow = (err: unknown) => (err instanceof AppError ? rowError(err, i + 1, householdNo) : err);
          try {
            const h = await ctx.householdInScope(user, id, trx);
            householdNo = h.household_no;
            const pending = (await warningRepository.signalsOfHousehold(trx, id)).filter(
              (s) => s.status === 'open',
            );
            if (pending.length === 0)
              throw new AppError('E_CONFLICT', 'no open warning signals to confirm', {
                messageZh: '没有待处理的预警',
              });
            const kinds = [...new Set(pending.map((s) => s.kind))].join('、');
            let marked: string[] = [];
            const caseId = await cases.openWithin(
              trx,
              user,
              {
                kind: 'monitoring',
                householdId: id,
                payload: { note: note ?? `防返贫预警：${kinds}` },
                data: { channel: caseChannelOf(pending) },
              },
              async (t, newCase) => {
                marked = await warningRepository.markCaseOpened(t, id, newCase, user.id, clock.now());
                await recordAudit(t, actorOf(user), {
                  action: 'warning.case_opened',
                  entityType: 'household',
                  entityId: id,
                  regionCode: h.village_code,
                  after: { caseId: newCase, signals: marked },
                  reason: note ?? null,
                });
              },
            );
            items.push({ householdId: id, caseId, signals: marked });
          } catch (err) {
            throw asRow(err);
          }
        }
        return {
          households: items.length,
          signals: items.reduce((s, x) => s + x.signals.length, 0),
          items,
        };
      });
    },
  };
}

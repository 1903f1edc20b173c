import { AppError } from '../../kernel/errors.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { WarningContext } from './context.js';
import { warningRepository, type SignalRow } from './repository.js';

/** The case channel of a household's open signals: the channel of its first one. */
export const caseChannelOf = (pending: SignalRow[]) => {
  const top = pending[0]!.channel;
  if (top === 'department') return 'department_warning';
  if (top === 'income') return 'worklist';
  return top as 'self_report' | 'cadre_screening';
};

/** What the worklist does with a household's open signals: open a monitoring case, or dismiss them. */
export function createCaseOpening(ctx: WarningContext) {
  const { db, cases, clock } = ctx;
  return {
    /** Open a monitoring case (cases service) and mark the household's open signals with it, in one transaction. */
    async openCase(user: AuthUser, householdId: string, note: string | undefined) {
      const h = await ctx.householdInScope(user, householdId);
      const open = await warningRepository.signalsOfHousehold(db, householdId);
      const pending = open.filter((s) => s.status === 'open');
      if (pending.length === 0)
        throw new AppError('E_CONFLICT', `household ${h.household_no} has no open warning signals`);
      const kinds = [...new Set(pending.map((s) => s.kind))].join('、');
      let marked: string[] = [];
      const detail = await cases.open(
        user,
        {
          kind: 'monitoring',
          householdId,
          payload: { note: note ?? `防返贫预警：${kinds}` },
          data: { channel: caseChannelOf(pending) },
        },
        async (trx, caseId) => {
          marked = await warningRepository.markCaseOpened(trx, householdId, caseId, user.id, clock.now());
          await recordAudit(trx, actorOf(user), {
            action: 'warning.case_opened',
            entityType: 'household',
            entityId: householdId,
            regionCode: h.village_code,
            after: { caseId, signals: marked },
            reason: note ?? null,
          });
        },
      );
      return { caseId: detail.id, signals: marked };
    },

    async dismiss(user: AuthUser, householdId: string, reason: string, signalIds?: string[]) {
      ctx.mayEdit(user);
      return db.transaction().execute(async (trx) => {
        const h = await ctx.householdInScope(user, householdId, trx);
        const ids = await warningRepository.dismiss(
          trx,
          householdId,
          signalIds ?? null,
          reason,
          user.id,
          clock.now(),
        );
        if (ids.length === 0)
          throw new AppError(
            'E_CONFLICT',
            `household ${h.household_no} has no open warning signals to dismiss`,
          );
        await recordAudit(trx, actorOf(user), {
          action: 'warning.dismiss',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          after: { signals: ids },
          reason,
        });
        return { signals: ids };
      });
    },
  };
}

import type { ReportKind } from '../../domain/warnings/kinds.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { WarningContext } from './context.js';
import { warningRepository } from './repository.js';
import { recordSelfReport, type SelfReportInput } from './self-report.js';

/** Signals recorded by users: a cadre's screening, a self-report on a household's behalf. */
export interface ScreeningInput {
  householdId: string;
  kind: ReportKind;
  observedOn?: string | undefined;
  estimatedLoss?: number | undefined;
  note?: string | undefined;
}

export function createScreening(ctx: WarningContext) {
  const { db, clock } = ctx;
  return {
    async screen(user: AuthUser, input: ScreeningInput) {
      ctx.mayEdit(user);
      const observedOn = input.observedOn ?? clock.today();
      const estimatedLoss = input.estimatedLoss ?? null;
      const id = await db.transaction().execute(async (trx) => {
        const h = await ctx.householdInScope(user, input.householdId, trx);
        const signalId = await warningRepository.insertSignal(trx, {
          household_id: h.id,
          village_code: h.village_code,
          channel: 'cadre_screening',
          kind: input.kind,
          observed_on: observedOn,
          detail: JSON.stringify({ estimatedLoss, note: input.note ?? null }),
          source: null,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'warning.screening',
          entityType: 'warning_signal',
          entityId: signalId,
          regionCode: h.village_code,
          after: { householdId: h.id, kind: input.kind, observedOn, estimatedLoss },
          reason: input.note ?? null,
        });
        return signalId;
      });
      return { id };
    },

    async selfReport(user: AuthUser, householdId: string, input: SelfReportInput) {
      ctx.mayEdit(user);
      const id = await db.transaction().execute(async (trx) => {
        await ctx.householdInScope(user, householdId, trx);
        return recordSelfReport(trx, householdId, input, actorOf(user));
      });
      return { id };
    },
  };
}

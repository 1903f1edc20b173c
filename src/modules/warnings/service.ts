import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { createBulkConfirm } from './bulk-confirm.js';
import { createBulkDismiss } from './bulk-dismiss.js';
import { createCaseOpening } from './case-opening.js';
import { warningContext, type WarningDeps } from './context.js';
import { deriveSignals } from './derive.js';
import { createDisasterAreas } from './disaster-areas.js';
import { createWarningScores } from './score-service.js';
import { createScreening } from './screening.js';

export { recordSelfReport, type SelfReportInput } from './self-report.js';
export type { WorklistQuery } from './score-service.js';
export type { ScreeningInput } from './screening.js';

/**
 * Early warning against return to poverty: signals from self-reports, screenings, department lists
 * and the income check; an explainable score per household; a worklist that opens a monitoring case
 * (through the cases service) or dismisses the signals with a reason. Everything audited. The parts:
 * scores (score-service.ts), screenings and self-reports (screening.ts, self-report.ts), opening a
 * case or dismissing (case-opening.ts), disaster areas (disaster-areas.ts), derivation (derive.ts).
 */
export function createWarningService(deps: WarningDeps) {
  const ctx = warningContext(deps);
  return {
    ...createWarningScores(ctx),
    ...createScreening(ctx),
    ...createCaseOpening(ctx),
    ...createBulkDismiss(ctx),
    ...createBulkConfirm(ctx),
    ...createDisasterAreas(ctx),

    async derive(user: AuthUser, region: string | undefined) {
      if (user.role !== 'admin' && user.role !== 'county_officer')
        throw new AppError('E_FORBIDDEN', 'Only an administrator or a county officer derives warnings');
      const scope = scopeFor(user, region);
      return deriveSignals(ctx.db, scope, {
        paramsFor: ctx.paramsFor,
        actor: actorOf(user),
        now: ctx.clock.now(),
      });
    },
  };
}
export type WarningService = ReturnType<typeof createWarningService>;

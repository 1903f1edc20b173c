import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { planFitRepository as fits } from './fit-repository.js';
import type { FitService } from './fit-service.js';

type MeasureCounts = Awaited<ReturnType<typeof fits.measureCounts>>;

/** Measures by status, the open ones past their deadline, and the amount of those not cancelled. */
function measureFigures(rows: MeasureCounts) {
  const measures = { planned: 0, in_progress: 0, completed: 0, cancelled: 0 };
  let overdue = 0;
  let amount = 0;
  for (const c of rows) {
    measures[c.status as keyof typeof measures] = c.n;
    overdue += c.overdue;
    if (c.status !== 'cancelled') amount += Number(c.amount ?? 0);
  }
  return { measures, overdue, amount: Math.round(amount * 100) / 100 };
}

/** Plan figures of a region and year: plans, fit, agreement, measures by status, overdue, amount. */
export function createPlanSummaryService(db: Kysely<DB>, clock: Clock, fit: Pick<FitService, 'refreshFits'>) {
  /** The summary's figures without a scope check (callers check: e.g. the responsibility summary). */
  async function figures(region: string, year: number) {
    await fit.refreshFits(region, year);
    const [counts, withoutPlan, measureRows] = await Promise.all([
      fits.planCounts(db, region, year),
      fits.withoutPlan(db, region, year),
      fits.measureCounts(db, region, year, clock.today()),
    ]);
    const plans = { draft: 0, agreed: 0, declined: 0 };
    let total = 0;
    let notFitting = 0;
    for (const c of counts) {
      plans[c.status as keyof typeof plans] = c.n;
      total += c.n;
      notFitting += c.unfit;
    }
    const { measures, overdue, amount } = measureFigures(measureRows);
    return {
      year,
      region,
      plans: total,
      fitting: total - notFitting,
      notFitting,
      withoutPlan,
      ...plans,
      measures,
      overdue,
      amount,
    };
  }

  return {
    figures,

    /** Figures for a region ('' or absent: the user's scope) and year. */
    summary: (user: AuthUser, q: { region?: string | undefined; year: number }) =>
      figures(scopeFor(user, q.region), q.year),
  };
}
export type PlanSummaryService = ReturnType<typeof createPlanSummaryService>;

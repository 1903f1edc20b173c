import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { PlanService } from '../plans/service.js';
import { gapRepository as repo } from './gap-repository.js';

/** The dashboard's responsibility figures: cadre gaps, overdue visits, villages without team, plan fit. */
export function createResponsibilitySummary(
  db: Kysely<DB>,
  clock: Clock,
  plans: Pick<PlanService, 'figures'>,
) {
  return {
    /**
     * `year` (the dashboard's year selector): a past year is read as of its last day — statuses of that
     * year, cadres assigned, visits made and teams in place by then, the plans of that year; the current
     * year (or none, or a later one) as of today.
     */
    async summary(user: AuthUser, region?: string, year?: number) {
      const scope = scopeFor(user, region);
      const today = clock.today();
      const thisYear = Number(today.slice(0, 4));
      const past = year !== undefined && year < thisYear;
      const asOf = past ? `${year}-12-31` : today;
      const [s, p] = await Promise.all([
        repo.summary(db, scope, asOf, past ? year : undefined),
        plans.figures(scope, past ? year : thisYear),
      ]);
      return {
        region: scope,
        asOf,
        cadres: { active: s.hh.cadres, householdsNeeding: s.hh.needing, householdsWithout: s.hh.without },
        visits: { planned: s.overdue.planned, overdue: s.overdue.overdue, neverVisited: s.overdue.never },
        teams: { poorVillages: s.villages.poor, villagesWithout: s.villages.without },
        plans: {
          year: p.year,
          plans: p.plans,
          notFitting: p.notFitting,
          withoutPlan: p.withoutPlan,
          overdueMeasures: p.overdue,
        },
      };
    },
  };
}
export type ResponsibilitySummaryService = ReturnType<typeof createResponsibilitySummary>;

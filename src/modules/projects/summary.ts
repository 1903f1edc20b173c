import { progressPct } from '../../domain/projects/targets.js';
import type { Clock } from '../../kernel/clock.js';
import type { AuthUser } from '../../kernel/user.js';
import type { TargetService } from '../targets/service.js';
import type { ProjectService } from './service.js';

/** The dashboard's delivery figures: target progress (computed), funds disbursed, idle and bonsai projects. */
export function createAssistanceSummary(
  targets: Pick<TargetService, 'tree'>,
  projects: Pick<ProjectService, 'list'>,
  clock: Clock,
) {
  return async (user: AuthUser, q: { region?: string | undefined; year?: number | undefined }) => {
    const probe = await targets.tree(user, {
      region: q.region,
      year: q.year ?? Number(clock.today().slice(0, 4)),
    });
    const year = q.year ?? probe.years[0] ?? probe.year;
    const tree = year === probe.year ? probe : await targets.tree(user, { region: q.region, year });
    const list = await projects.list(user, { region: q.region });
    return {
      year,
      targets: tree.node.indicators,
      funds: { ...list.funds, pct: progressPct(list.funds.disbursed, list.funds.allocated || null) },
      projects: list.counts,
    };
  };
}
export type AssistanceSummary = ReturnType<typeof createAssistanceSummary>;

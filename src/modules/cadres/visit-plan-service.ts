import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { HOUSEHOLD_KINDS, type HouseholdKind } from '../../domain/cadres/rules.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertInScope, containsScope, onScopeLine, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { visitRepository as repo } from './visit-repository.js';

type Rule = Awaited<ReturnType<typeof repo.planRules>>[number];

export interface PlanRuleInput {
  regionPrefix: string;
  kind: HouseholdKind;
  visitsPerYear: number;
  reason: string;
}

/** Per household kind, the rule of the longest prefix that contains the region. */
function effectivePlan(rules: readonly Rule[], region: string) {
  const at = { scopeCode: region };
  return HOUSEHOLD_KINDS.map((kind: HouseholdKind) => {
    const best = rules
      .filter((r) => r.household_kind === kind && containsScope(at, r.region_prefix))
      .sort((a, b) => b.region_prefix.length - a.region_prefix.length)[0];
    return { kind, visitsPerYear: best?.visits_per_year ?? null, regionPrefix: best?.region_prefix ?? null };
  });
}

/** The visit plan (走访计划): minimum visits a year by household kind, set per region by county officers. */
export function createVisitPlanService(db: Kysely<DB>) {
  /** The effective plan of a region ('' or absent: the user's scope) and the rules above and below it. */
  async function plan(user: AuthUser, region?: string) {
    const scope = scopeFor(user, region);
    const rules = await repo.planRules(db);
    const relevant = rules.filter((r) => onScopeLine({ scopeCode: scope }, r.region_prefix));
    return {
      region: scope,
      effective: effectivePlan(rules, scope),
      rules: relevant.map((r) => ({
        regionPrefix: r.region_prefix,
        kind: r.household_kind,
        visitsPerYear: r.visits_per_year,
        setBy: r.set_by,
        setAt: new Date(r.set_at).toISOString(),
        reason: r.reason,
      })),
    };
  }

  return {
    plan,

    /** Set the minimum visits a year of a household kind for a region (county officers; audited). */
    async setPlanRule(user: AuthUser, body: PlanRuleInput) {
      if (!permissionsOf(user.role).editVisitPlan)
        throw new AppError('E_FORBIDDEN', 'Only county officers and admins change the visit plan');
      assertInScope(user, body.regionPrefix);
      await db.transaction().execute(async (trx) => {
        const before = (await repo.planRules(trx)).find(
          (r) => r.region_prefix === body.regionPrefix && r.household_kind === body.kind,
        );
        await repo.upsertRule(trx, {
          region_prefix: body.regionPrefix,
          household_kind: body.kind,
          visits_per_year: body.visitsPerYear,
          set_by: user.username,
          reason: body.reason,
        });
        await recordAudit(trx, actorOf(user), {
          action: 'visit_plan.set',
          entityType: 'visit_plan_rule',
          entityId: `${body.regionPrefix || '*'}:${body.kind}`,
          regionCode: body.regionPrefix || null,
          before: before ? { visitsPerYear: before.visits_per_year } : null,
          after: { visitsPerYear: body.visitsPerYear },
          reason: body.reason,
        });
      });
      return plan(user, body.regionPrefix);
    },
  };
}
export type VisitPlanService = ReturnType<typeof createVisitPlanService>;

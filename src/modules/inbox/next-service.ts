import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { nextSteps, type NextSources, type NextStep } from '../../domain/inbox/next-steps.js';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { nextRepository as repo } from './next-repository.js';

/** At most this many households per request (a page of 我的帮扶户). */
export const MAX_NEXT_HOUSEHOLDS = 200;

const missingOf = (reasons: unknown): string[] =>
  Array.isArray(reasons)
    ? reasons.flatMap((r: { missing?: unknown }) =>
        Array.isArray(r?.missing) ? r.missing.filter((x): x is string => typeof x === 'string') : [],
      )
    : [];

/** "What to do next" per household, from the sources where each fact lives. */
export function createNextSteps(db: Kysely<DB>, clock: Clock) {
  /** Each household's steps; one that is unknown or outside the user's scope answers 404. */
  async function forHouseholds(user: AuthUser, ids: readonly string[]): Promise<Record<string, NextStep[]>> {
    const scope = scopeFor(user);
    const today = clock.today();
    const wanted = [...new Set(ids)].slice(0, MAX_NEXT_HOUSEHOLDS);
    if (wanted.length === 0) return {};
    const visible = (await repo.inScope(db, scope, wanted)).map((h) => String(h.id));
    // a household that does not exist or lies outside the scope answers 404, like every foreign object
    const foreign = wanted.find((id) => !visible.includes(id));
    if (foreign !== undefined) throw notFound('household', foreign);
    const [warnings, visits, measures, worklist, proposals] = await Promise.all([
      repo.openWarnings(db, visible),
      repo.overdueVisits(db, scope, today, visible),
      repo.overdueMeasures(db, today, visible),
      repo.worklist(db, scope, visible),
      repo.proposals(db, visible),
    ]);
    const out: Record<string, NextStep[]> = {};
    for (const id of visible) {
      const visit = visits.find((v) => String(v.household_id) === id);
      const s: NextSources = {
        householdId: id,
        warnings: warnings
          .filter((w) => String(w.household_id) === id)
          .map((w) => ({ id: String(w.id), kind: w.kind, channel: w.channel, observedOn: w.observed_on })),
        visitOverdueSince: visit ? visit.due_on : undefined,
        measures: measures
          .filter((m) => String(m.household_id) === id)
          .map((m) => ({ id: String(m.id), type: m.measure_type, deadline: m.deadline })),
        worklist: worklist
          .filter((w) => String(w.household_id) === id)
          .map((w) => ({ rule: w.rule, decision: w.decision, missing: missingOf(w.reasons) })),
        proposals: proposals
          .filter((p) => String(p.household_id) === id)
          .map((p) => ({ kind: p.kind, since: p.since })),
      };
      out[id] = nextSteps(s);
    }
    return out;
  }

  return {
    forHouseholds,
    /** One household's steps. */
    async forHousehold(user: AuthUser, id: string): Promise<NextStep[]> {
      return (await forHouseholds(user, [id]))[id] ?? [];
    },
  };
}

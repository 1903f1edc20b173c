import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import { gapRepository as repo } from './gap-repository.js';
import { limitOffset, pageOf } from './mapper.js';

export interface GapQuery {
  region?: string | undefined;
  page: number;
  pageSize: number;
}

/** The gap lists of a region ('' or absent: the user's scope): no cadre, overdue visits, no work team. */
export function createGapService(db: Kysely<DB>, clock: Clock) {
  return {
    /** Poor, returned and monitored households without a current responsible cadre. */
    async withoutCadre(user: AuthUser, q: GapQuery) {
      const scope = scopeFor(user, q.region);
      const { total, rows } = await repo.withoutCadre(db, { scope, ...limitOffset(q) });
      const items = rows.map((r) => ({
        householdId: String(r.household_id),
        householdNo: r.household_no,
        headName: r.head_name,
        villageCode: r.village_code,
        villageName: r.village_name,
        status: r.status,
        lastAssignmentEnd: r.since,
      }));
      return pageOf(total, q.page, q.pageSize, items);
    },

    /** Households whose next visit under the visit plan is overdue (or never visited). */
    async overdueVisits(user: AuthUser, q: GapQuery & { cadreId?: string | undefined }) {
      const scope = scopeFor(user, q.region);
      const f = { scope, today: clock.today(), cadreId: q.cadreId, ...limitOffset(q) };
      const { total, rows } = await repo.overdueVisits(db, f);
      const items = rows.map((r) => ({
        householdId: String(r.household_id),
        householdNo: r.household_no,
        headName: r.head_name,
        villageCode: r.village_code,
        villageName: r.village_name,
        status: r.status,
        kind: r.kind,
        visitsPerYear: r.visits_per_year,
        lastVisit: r.last_visit,
        dueOn: r.due_on,
        cadreId: r.cadre_id === null ? null : String(r.cadre_id),
        cadreName: r.cadre_name,
      }));
      return pageOf(total, q.page, q.pageSize, items);
    },

    /** Poor villages without a current work team. */
    async villagesWithoutTeam(user: AuthUser, q: GapQuery) {
      const scope = scopeFor(user, q.region);
      const { total, rows } = await repo.villagesWithoutTeam(db, {
        scope,
        today: clock.today(),
        ...limitOffset(q),
      });
      const items = rows.map((r) => ({
        villageCode: r.village_code,
        villageName: r.village_name,
        townshipName: r.township_name,
        lastTeamEnd: r.last_team_end,
      }));
      return pageOf(total, q.page, q.pageSize, items);
    },
  };
}
export type GapService = ReturnType<typeof createGapService>;

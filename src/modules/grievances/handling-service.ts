import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { GRIEVANCE_KINDS } from '../../domain/grievances/lifecycle.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { grievanceDeadlinesFor, settingAreaOf } from '../settings/effective.js';
import type { Escalation } from './escalation.js';
import { invalid, step } from './grievance-step.js';
import { listItem, officerView } from './officer-view.js';
import { grievanceRepository as repo } from './repository.js';

export interface GrievanceListQuery {
  region?: string | undefined;
  state?: string | undefined;
  overdue?: boolean | undefined;
  escalated?: boolean | undefined;
  page: number;
  pageSize: number;
}

function requireHandler(user: AuthUser) {
  if (!permissionsOf(user.role).handleGrievances)
    throw new AppError('E_FORBIDDEN', 'Grievances are handled by township and county officers');
}

/**
 * Handling by officers: the township of the grievance acknowledges and resolves it within deadlines
 * kept as data (a regional setting, src/modules/settings); reads escalate overdue ones first, so they are never
 * behind the clock.
 */
export function createGrievanceHandlingService(db: Kysely<DB>, clock: Clock, escalation: Escalation) {
  async function loadInScope(user: AuthUser, id: string, trx: Kysely<DB> = db, lock = false) {
    requireHandler(user);
    const g = lock ? await repo.forUpdate(trx, id) : await repo.byId(trx, id);
    if (!g) throw notFound('grievance', id);
    assertObjectInScope(user, g.township_code, 'grievance', id);
    return g;
  }

  async function transition(user: AuthUser, id: string, action: 'acknowledge' | 'resolve', text: string) {
    const now = clock.now();
    const note = text.trim();
    const g = await db.transaction().execute(async (trx) => {
      const g = await loadInScope(user, id, trx, true);
      const state = step(g, action);
      if (action === 'resolve' && !note) throw invalid('outcome', 'say what was found and done');
      const set =
        action === 'acknowledge'
          ? { state, acknowledged_at: now }
          : { state, resolved_at: now, outcome: note };
      const updated = await repo.update(trx, g.id, set);
      await repo.addEvent(trx, {
        grievance_id: g.id,
        at: now,
        action,
        actor_name: user.displayName,
        note: note || null,
      });
      await recordAudit(trx, actorOf(user), {
        action: `grievance.${action}`,
        entityType: 'grievance',
        entityId: g.id,
        regionCode: g.region_code,
        before: { state: g.state },
        after: { state, outcome: updated.outcome },
        reason: note || null,
      });
      return updated;
    });
    return officerView(db, user, g, false, clock.now());
  }

  return {
    async list(user: AuthUser, f: GrievanceListQuery) {
      requireHandler(user);
      const scope = scopeFor(user, f.region);
      await escalation.escalateOverdue(); // escalation on read: the list is never behind the clock
      const now = clock.now();
      const { total, rows } = await repo.list(db, {
        scope,
        state: f.state,
        overdueAt: f.overdue ? now : undefined,
        escalated: f.escalated,
        page: f.page,
        pageSize: f.pageSize,
      });
      return { total, items: rows.map((r) => listItem(r, now)) };
    },

    async detail(user: AuthUser, id: string, unmask: boolean) {
      await escalation.escalateOverdue();
      const g = await loadInScope(user, id);
      if (unmask) {
        if (!permissionsOf(user.role).unmask)
          throw new AppError('E_FORBIDDEN', 'Your role may not unmask contacts');
        await db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user), {
            action: 'grievance.unmask',
            entityType: 'grievance',
            entityId: g.id,
            regionCode: g.region_code,
          }),
        );
      }
      return officerView(db, user, g, unmask, clock.now());
    },

    acknowledge: (user: AuthUser, id: string, note: string) => transition(user, id, 'acknowledge', note),
    resolve: (user: AuthUser, id: string, outcome: string) => transition(user, id, 'resolve', outcome),

    /** The deadlines effective in `region` (default: the user's scope), per kind (a regional setting). */
    async deadlines(user: AuthUser, region?: string) {
      const d = await grievanceDeadlinesFor(db, settingAreaOf(scopeFor(user, region)));
      return GRIEVANCE_KINDS.map((kind) => ({
        kind,
        ack_days: d[kind].ackDays,
        resolve_days: d[kind].resolveDays,
      }));
    },
  };
}
export type GrievanceHandlingService = ReturnType<typeof createGrievanceHandlingService>;

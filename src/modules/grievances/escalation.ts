import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { SYSTEM_ACTOR } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { overdueOf } from './grievance-step.js';
import { grievanceRepository as repo } from './repository.js';

/** The escalation schedule: open grievances past a deadline go to their county, once. */
export function createEscalation(db: Kysely<DB>, clock: Clock) {
  return {
    /** Escalate every open grievance past a deadline to its county, once; audited. Returns how many. */
    async escalateOverdue(): Promise<number> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const rows = await repo.overdueForEscalation(trx, now);
        for (const g of rows) {
          const reason = overdueOf(g, now);
          if (!reason) continue;
          await repo.update(trx, g.id, { escalated_at: now, escalation_reason: reason });
          await repo.addEvent(trx, {
            grievance_id: g.id,
            at: now,
            action: 'escalate',
            actor_name: SYSTEM_ACTOR.name,
            note: reason,
          });
          await recordAudit(trx, SYSTEM_ACTOR, {
            action: 'grievance.escalate',
            entityType: 'grievance',
            entityId: g.id,
            regionCode: g.region_code,
            before: { escalated: false },
            after: { escalatedTo: g.county_code, reason },
          });
        }
        return rows.length;
      });
    },
  };
}
export type Escalation = ReturnType<typeof createEscalation>;

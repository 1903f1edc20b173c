import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import {
  complainantView,
  fileGrievance,
  giveFeedback,
  type FeedbackInput,
  type NewGrievance,
} from './complainant.js';
import type { Escalation } from './escalation.js';
import { grievanceRepository as repo } from './repository.js';

/**
 * Public filing and tracking (no sign-in): anyone files a grievance (anonymous allowed) against a
 * township or village, follows it by its tracking code, and gives feedback on the outcome.
 */
export function createGrievanceFilingService(db: Kysely<DB>, clock: Clock, escalation: Escalation) {
  async function publicByCode(trx: Kysely<DB>, trackingCode: string) {
    const g = await repo.byTrackingCode(trx, trackingCode.trim().toUpperCase());
    if (!g || g.channel !== 'public') throw notFound('grievance with tracking code', trackingCode);
    return g;
  }

  return {
    async filePublic(input: NewGrievance) {
      const actor = { id: null, name: input.anonymous ? 'anonymous' : 'public' };
      const g = await db
        .transaction()
        .execute((trx) => fileGrievance(trx, input, { now: clock.now(), actor }));
      return {
        trackingCode: g.tracking_code,
        ackDueAt: g.ack_due_at.toISOString(),
        resolveDueAt: g.resolve_due_at.toISOString(),
      };
    },

    async track(trackingCode: string) {
      await escalation.escalateOverdue();
      return complainantView(db, await publicByCode(db, trackingCode), clock.now());
    },

    async publicFeedback(trackingCode: string, input: FeedbackInput) {
      const g = await db.transaction().execute(async (trx) => {
        const locked = (await repo.forUpdate(trx, (await publicByCode(trx, trackingCode)).id))!;
        return giveFeedback(trx, locked, input, {
          now: clock.now(),
          actor: { id: null, name: 'complainant' },
        });
      });
      return complainantView(db, g, clock.now());
    },

    /** Townships and villages to choose from on the public page (names and codes are public). */
    async regionChoices(parent: string) {
      const p = await repo.region(db, parent);
      if (!p || p.level < 3 || p.level > 4)
        throw new AppError('E_VALIDATION', `Invalid query.parent: ${parent} is not a county or township`);
      return (await repo.children(db, parent)).map((r) => ({ code: r.code, name: r.name, level: r.level }));
    },
  };
}
export type GrievanceFilingService = ReturnType<typeof createGrievanceFilingService>;

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { recordAudit } from '../audit/service.js';
import {
  complainantView,
  fileGrievance,
  householdFeedback,
  type FeedbackInput,
  type NewGrievance,
} from '../grievances/service.js';
import { confirmDelivery } from '../participation/service.js';
import { recordAgreement } from '../plans/service.js';
import { recordSelfReport, type SelfReportInput } from '../warnings/service.js';
import { householdActor, type PortalHousehold } from './household.js';
import { householdRepository as repo } from './household-repository.js';
import { thisYear } from './view-service.js';

export interface RatingInput {
  year: number;
  measureId?: string | undefined;
  rating: number;
  comment?: string | undefined;
}

/** What a signed-in household does: agree to its plan, confirm needs, rate help, report, complain. */
export function createPortalActionService(db: Kysely<DB>, clock: Clock) {
  /** The rating's year is a year of help, and its measure (if any) one of the household's of that year. */
  async function checkRating(trx: Kysely<DB>, h: PortalHousehold, input: RatingInput) {
    if (input.year > thisYear(clock) || input.year < 2014)
      throw new AppError('E_VALIDATION', `Invalid body.year: ${input.year} is not a year of help`, {
        field: 'body.year',
      });
    if (!input.measureId) return;
    const m = await repo.measureOf(trx, h.id, input.measureId);
    if (!m) throw notFound('measure of household', input.measureId);
    if (m.year !== input.year)
      throw new AppError(
        'E_VALIDATION',
        `Invalid body.year: measure ${input.measureId} belongs to ${m.year}`,
      );
  }

  return {
    /** Agree to the plan, or decline it with a reason (method 'portal'); by names a present member. */
    async agree(
      h: PortalHousehold,
      input: { agreed: boolean; by: string; declineReason?: string | undefined },
    ) {
      const year = await repo.latestPlanYear(db, h.id, thisYear(clock));
      if (year === undefined) throw notFound('plan of household', h.householdNo);
      const agreement = {
        agreed: input.agreed,
        by: input.by,
        method: 'portal' as const,
        declineReason: input.declineReason,
      };
      const p = await recordAgreement(db, householdActor(h), h.id, year, agreement, { now: clock.now() });
      return { year: p.year, status: p.status as 'agreed' | 'declined' | 'draft' };
    },

    async confirmNeed(
      h: PortalHousehold,
      needId: string,
      input: { note: string; rating?: number | undefined },
    ) {
      const confirm = { by: 'household' as const, householdId: h.id, ...input, actor: householdActor(h) };
      await db.transaction().execute((trx) => confirmDelivery(trx, needId, { ...confirm, at: clock.now() }));
      return { status: 'confirmed' as const };
    },

    /** Rate the help of a year (measureId omitted) or one measure of the plan: 1–5 and a comment. */
    async rate(h: PortalHousehold, input: RatingInput) {
      const now = clock.now();
      const measureId = input.measureId ?? null;
      return db.transaction().execute(async (trx) => {
        await checkRating(trx, h, input);
        const comment = input.comment?.trim() || null;
        const existing = await repo.ratingFor(trx, h.id, input.year, measureId);
        if (existing) await repo.updateRating(trx, existing.id, input.rating, comment, now);
        else
          await repo.insertRating(trx, {
            household_id: h.id,
            village_code: h.villageCode,
            year: input.year,
            measure_id: measureId,
            rating: input.rating,
            comment,
            rated_at: now,
          });
        await recordAudit(trx, householdActor(h), {
          action: 'portal.rate',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.villageCode,
          before: existing ? { rating: existing.rating } : null,
          after: { year: input.year, measureId, rating: input.rating },
          reason: comment,
        });
        return { year: input.year, measureId, rating: input.rating, comment };
      });
    },

    /** A new difficulty: a self-report in the early-warning channel (appears in the warnings worklist). */
    async reportDifficulty(h: PortalHousehold, input: SelfReportInput) {
      const id = await db.transaction().execute((trx) => recordSelfReport(trx, h.id, input));
      return { id };
    },

    async fileGrievance(h: PortalHousehold, input: Pick<NewGrievance, 'kind' | 'description'>) {
      const grievance = { kind: input.kind, description: input.description, regionCode: h.villageCode };
      const o = { now: clock.now(), householdId: h.id, actor: householdActor(h) };
      const g = await db.transaction().execute((trx) => fileGrievance(trx, grievance, o));
      return complainantView(db, g, clock.now());
    },

    async grievanceFeedback(h: PortalHousehold, grievanceId: string, input: FeedbackInput) {
      const o = { now: clock.now(), actor: householdActor(h) };
      const g = await db.transaction().execute((trx) => householdFeedback(trx, h.id, grievanceId, input, o));
      return complainantView(db, g, clock.now());
    },
  };
}
export type PortalActionService = ReturnType<typeof createPortalActionService>;

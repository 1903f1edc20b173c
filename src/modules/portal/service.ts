import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { afterFailure, formatCode, normalizeCode, randomCode } from '../../domain/grievances/access-code.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope } from '../../kernel/scope.js';
import { recordAudit, type Actor } from '../audit/service.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from '../auth/password.js';
import type { AuthUser } from '../../kernel/user.js';
import {
  complainantView,
  fileGrievance,
  giveFeedback,
  type FeedbackInput,
  type NewGrievance,
} from '../grievances/service.js';
import { grievanceRepository } from '../grievances/repository.js';
import { confirmDelivery } from '../participation/service.js';
import type { CardService } from '../plans/card.js';
import { recordAgreement } from '../plans/service.js';
import { recordSelfReport, type SelfReportInput } from '../warnings/service.js';
import { portalRepository as repo } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/**
 * The household portal: a household signs in with its household number and an access code (issued
 * by its cadre or township, stored only as a hash, printed on its card); a separate, short session
 * that reaches only /api/portal/*. Everything a household reads or does is its own household's.
 */
export const PORTAL_SESSION_MINUTES = 120;

export interface PortalHousehold {
  id: string;
  householdNo: string;
  villageCode: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const householdActor = (h: { household_no: string } | PortalHousehold): Actor => ({
  id: null,
  name: `household ${'householdNo' in h ? h.householdNo : h.household_no}`,
});

const wrongCode = () =>
  new AppError('E_UNAUTHENTICATED', 'Wrong household number or access code', { field: 'code' });

/** Hash an access code as the portal compares it (normalised). */
export const hashAccessCode = (code: string) => hashPassword(normalizeCode(code));

export interface IssuedCode {
  householdId: string;
  householdNo: string;
  headName: string | null;
  code: string;
}

export function createPortalService(db: Kysely<DB>, deps: { cards: CardService; clock: Clock }) {
  const clock = deps.clock;

  return {
    async login(householdNo: string, code: string) {
      const now = clock.now();
      const row = await repo.householdByNo(db, householdNo.trim());
      if (!row || !row.code_hash) {
        await verifyPassword(code, await DUMMY_HASH_PROMISE); // same time as a real check
        throw wrongCode();
      }
      if (row.locked_until && row.locked_until > now)
        throw new AppError(
          'E_RATE_LIMITED',
          `Too many wrong codes: sign-in of this household is locked until ${row.locked_until.toISOString()}`,
          { lockedUntil: row.locked_until.toISOString() },
        );
      if (!(await verifyPassword(normalizeCode(code), row.code_hash))) {
        const f = afterFailure(row.failed_count ?? 0, now);
        await db.transaction().execute(async (trx) => {
          await repo.setFailures(trx, row.id, f.failedCount, f.lockedUntil);
          if (f.lockedUntil)
            await recordAudit(trx, householdActor(row), {
              action: 'portal.lockout',
              entityType: 'household',
              entityId: row.id,
              regionCode: row.village_code,
              after: { lockedUntil: f.lockedUntil.toISOString() },
            });
        });
        throw wrongCode();
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MINUTES * 60_000);
      await db.transaction().execute(async (trx) => {
        await repo.deleteExpired(trx, now);
        await repo.setFailures(trx, row.id, 0, null);
        await repo.createSession(trx, {
          token_hash: hashToken(token),
          household_id: row.id,
          expires_at: expiresAt,
        });
        await recordAudit(trx, householdActor(row), {
          action: 'portal.login',
          entityType: 'household',
          entityId: row.id,
          regionCode: row.village_code,
        });
      });
      return {
        token,
        expiresAt,
        household: { id: row.id, householdNo: row.household_no, villageCode: row.village_code },
      };
    },

    async householdForToken(token: string): Promise<PortalHousehold | null> {
      const r = await repo.sessionHousehold(db, hashToken(token), clock.now());
      return r ? { id: r.id, householdNo: r.household_no, villageCode: r.village_code } : null;
    },

    async logout(token: string) {
      await repo.deleteSession(db, hashToken(token));
    },

    /**
     * Issue fresh access codes (replacing any earlier code and ending its sessions) for households in
     * the user's scope; returns the codes once, for showing or printing on the household cards. Audited
     * per household (never the code itself).
     */
    async issueCodes(user: AuthUser, householdIds: string[]): Promise<IssuedCode[]> {
      if (!permissionsOf(user.role).editHouseholds)
        throw new AppError('E_FORBIDDEN', 'Your role may not issue portal access codes');
      const hs = await repo.householdsByIds(db, [...new Set(householdIds)]);
      const missing = householdIds.find((id) => !hs.some((h) => h.id === id));
      if (missing) throw notFound('household', missing);
      for (const h of hs) assertInScope(user, h.village_code);
      const issued: IssuedCode[] = [];
      const hashes = await Promise.all(
        hs.map(async () => {
          const code = randomCode(randomBytes);
          return { code, hash: await hashAccessCode(code) };
        }),
      );
      await db.transaction().execute(async (trx) => {
        for (const [i, h] of hs.entries()) {
          const { code, hash } = hashes[i]!;
          await repo.upsertAccess(trx, h.id, hash, user.id, clock.now());
          await repo.deleteSessionsOf(trx, h.id);
          await recordAudit(
            trx,
            { id: user.id, name: user.username },
            {
              action: 'portal.code_issue',
              entityType: 'household',
              entityId: h.id,
              regionCode: h.village_code,
              reason: 'portal access code (re)issued; earlier code and sessions invalid',
            },
          );
          issued.push({
            householdId: h.id,
            householdNo: h.household_no,
            headName: h.head_name,
            code: formatCode(code),
          });
        }
      });
      return issued;
    },

    /** Fresh codes for every household whose card a village prints. */
    async issueCodesForVillage(user: AuthUser, villageCode: string) {
      assertInScope(user, villageCode);
      return this.issueCodes(user, await repo.cardHouseholdIds(db, villageCode));
    },

    /** The household's own record: the household card's content (members masked), plan, ratings. */
    async me(h: PortalHousehold) {
      const now = clock.now();
      const year = (await repo.latestPlanYear(db, h.id, now.getUTCFullYear())) ?? now.getUTCFullYear();
      // the card service reads as a user: a read-only view scoped to the household's own village
      const reader: AuthUser = {
        id: '0',
        username: `household:${h.householdNo}`,
        displayName: h.householdNo,
        role: 'village_cadre',
        scopeCode: h.villageCode,
      };
      const card = await deps.cards.household(reader, h.id, year);
      const [measures, ratings] = await Promise.all([
        repo.planMeasures(db, h.id, year),
        repo.ratings(db, h.id),
      ]);
      return {
        year,
        village: card.village,
        card: card.cards[0]!,
        measures: measures.map((m) => ({ id: m.id, nameZh: m.name_zh, nameEn: m.name_en, status: m.status })),
        ratings: ratings.map((r) => ({
          year: r.year,
          measureId: r.measure_id,
          rating: r.rating,
          comment: r.comment,
          ratedAt: r.rated_at.toISOString(),
        })),
      };
    },

    /** Agree to the plan, or decline it with a reason (method 'portal'); by names a present member. */
    async agree(
      h: PortalHousehold,
      input: { agreed: boolean; by: string; declineReason?: string | undefined },
    ) {
      const now = clock.now();
      const year = await repo.latestPlanYear(db, h.id, now.getUTCFullYear());
      if (year === undefined) throw notFound('plan of household', h.householdNo);
      const p = await recordAgreement(
        db,
        householdActor(h),
        h.id,
        year,
        { agreed: input.agreed, by: input.by, method: 'portal', declineReason: input.declineReason },
        { now },
      );
      return { year: p.year, status: p.status as 'agreed' | 'declined' | 'draft' };
    },

    async needs(h: PortalHousehold) {
      return (await repo.needs(db, h.id)).map((n) => ({
        id: n.id,
        kind: n.kind,
        title: n.title,
        description: n.description,
        amount: Number(n.amount),
        status: n.status,
        organisation: n.organisation_name,
        deliveryNote: n.delivery_note,
        publishedAt: new Date(n.published_at).toISOString(),
        deliveredAt: n.delivered_at ? new Date(n.delivered_at).toISOString() : null,
        confirmedAt: n.confirmed_at ? new Date(n.confirmed_at).toISOString() : null,
        rating: n.confirm_rating,
      }));
    },

    async confirmNeed(
      h: PortalHousehold,
      needId: string,
      input: { note: string; rating?: number | undefined },
    ) {
      await db.transaction().execute((trx) =>
        confirmDelivery(trx, needId, {
          by: 'household',
          householdId: h.id,
          note: input.note,
          rating: input.rating,
          actor: householdActor(h),
        }),
      );
      return { status: 'confirmed' as const };
    },

    /** Rate the help of a year (measureId omitted) or one measure of the plan: 1–5 and a comment. */
    async rate(
      h: PortalHousehold,
      input: { year: number; measureId?: string | undefined; rating: number; comment?: string | undefined },
    ) {
      const now = clock.now();
      if (input.year > now.getUTCFullYear() || input.year < 2014)
        throw new AppError('E_VALIDATION', `Invalid body.year: ${input.year} is not a year of help`, {
          field: 'body.year',
        });
      const measureId = input.measureId ?? null;
      return db.transaction().execute(async (trx) => {
        if (measureId) {
          const m = await repo.measureOf(trx, h.id, measureId);
          if (!m) throw notFound('measure of household', measureId);
          if (m.year !== input.year)
            throw new AppError(
              'E_VALIDATION',
              `Invalid body.year: measure ${measureId} belongs to ${m.year}`,
            );
        }
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

    async grievances(h: PortalHousehold) {
      const rows = await grievanceRepository.ofHousehold(db, h.id);
      return Promise.all(rows.map((g) => complainantView(db, g, clock.now())));
    },

    async fileGrievance(h: PortalHousehold, input: Pick<NewGrievance, 'kind' | 'description'>) {
      const g = await db
        .transaction()
        .execute((trx) =>
          fileGrievance(
            trx,
            { kind: input.kind, description: input.description, regionCode: h.villageCode },
            { now: clock.now(), householdId: h.id, actor: householdActor(h) },
          ),
        );
      return complainantView(db, g, clock.now());
    },

    async grievanceFeedback(h: PortalHousehold, grievanceId: string, input: FeedbackInput) {
      const g = await db.transaction().execute(async (trx) => {
        const g = await grievanceRepository.forUpdate(trx, grievanceId);
        if (!g || g.household_id !== h.id) throw notFound('grievance', grievanceId);
        return giveFeedback(trx, g, input, { now: clock.now(), actor: householdActor(h) });
      });
      return complainantView(db, g, clock.now());
    },
  };
}
export type PortalService = ReturnType<typeof createPortalService>;

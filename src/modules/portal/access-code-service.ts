import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { formatCode, normalizeCode, randomCode } from '../../domain/grievances/access-code.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/password.js';
import { accessRepository as repo } from './access-repository.js';

/** Hash an access code as the portal compares it (normalised). */
export const hashAccessCode = (code: string) => hashPassword(normalizeCode(code));

export interface IssuedCode {
  householdId: string;
  householdNo: string;
  headName: string | null;
  code: string;
}

export interface AccessStatus {
  issuedAt: string | null;
  failedSignIns: number;
  failedSince: string | null;
  lastFailedAt: string | null;
  slowedUntil: string | null;
}

/**
 * Portal access codes, issued by a household's cadre or township, stored only as a hash, printed on
 * the household's card.
 */
export function createAccessCodeService(db: Kysely<DB>, clock: Clock) {
  /**
   * Issue fresh access codes (replacing any earlier code and ending its sessions) for households in
   * the user's scope; returns the codes once, for showing or printing on the household cards. Audited
   * per household (never the code itself).
   */
  async function issueCodes(user: AuthUser, householdIds: string[]): Promise<IssuedCode[]> {
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not issue portal access codes');
    const hs = await repo.householdsByIds(db, [...new Set(householdIds)]);
    const missing = householdIds.find((id) => !hs.some((h) => h.id === id));
    if (missing) throw notFound('household', missing);
    for (const h of hs) assertObjectInScope(user, h.village_code, 'household', h.id);
    const codes = hs.map(() => randomCode(randomBytes));
    const hashes = await Promise.all(codes.map(hashAccessCode));
    await db.transaction().execute(async (trx) => {
      for (const [i, h] of hs.entries()) {
        await repo.upsertAccess(trx, h.id, hashes[i]!, user.id, clock.now());
        await repo.deleteSessionsOf(trx, h.id);
        await recordAudit(trx, actorOf(user), {
          action: 'portal.code_issue',
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          reason: 'portal access code (re)issued; earlier code and sessions invalid',
        });
      }
    });
    return hs.map((h, i) => ({
      householdId: h.id,
      householdNo: h.household_no,
      headName: h.head_name,
      code: formatCode(codes[i]!),
    }));
  }

  return {
    issueCodes,

    /**
     * What the household's cadre sees of its portal access: when the code was issued and the wrong
     * sign-ins since (a household being guessed at, or one that lost its code), and any wait now.
     */
    async status(user: AuthUser, householdId: string): Promise<AccessStatus> {
      if (user.role === 'organisation')
        throw new AppError('E_FORBIDDEN', 'Only officers and cadres may do this');
      const h = await repo.householdById(db, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      const a = await repo.accessStatus(db, householdId);
      const now = clock.now();
      return {
        issuedAt: a?.issued_at.toISOString() ?? null,
        failedSignIns: a?.failures_total ?? 0,
        failedSince: a?.failures_since?.toISOString() ?? null,
        lastFailedAt: a?.last_failed_at?.toISOString() ?? null,
        slowedUntil: a?.retry_at && a.retry_at > now ? a.retry_at.toISOString() : null,
      };
    },

    /** Fresh codes for every household whose card a village prints. */
    async issueCodesForVillage(user: AuthUser, villageCode: string) {
      assertInScope(user, villageCode);
      return issueCodes(user, await repo.cardHouseholdIds(db, villageCode));
    },
  };
}
export type AccessCodeService = ReturnType<typeof createAccessCodeService>;

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { afterFailure, normalizeCode } from '../../domain/grievances/access-code.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { recordAudit } from '../audit/service.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password.js';
import { accessRepository as repo } from './access-repository.js';
import { householdActor, type PortalHousehold } from './household.js';

/**
 * Portal sign-in: a household signs in with its household number and its access code; a separate,
 * short session that reaches only /api/portal/*. Wrong codes count and lock the household's sign-in.
 */
export const PORTAL_SESSION_MINUTES = 120;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const wrongCode = () =>
  new AppError('E_UNAUTHENTICATED', 'Wrong household number or access code', { field: 'code' });

type AccessRow = NonNullable<Awaited<ReturnType<typeof repo.householdByNo>>>;

export function createPortalSessionService(db: Kysely<DB>, clock: Clock) {
  /** A wrong code: count it, and lock the household's sign-in after too many (audited). */
  async function countFailure(row: AccessRow, now: Date) {
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
  }

  /** A new session of the household (expired ones swept, failures reset); audited. Returns the token. */
  async function openSession(row: AccessRow, now: Date) {
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
    return { token, expiresAt };
  }

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
        await countFailure(row, now);
        throw wrongCode();
      }
      const { token, expiresAt } = await openSession(row, now);
      const household = { id: row.id, householdNo: row.household_no, villageCode: row.village_code };
      return { token, expiresAt, household };
    },

    async householdForToken(token: string): Promise<PortalHousehold | null> {
      const r = await repo.sessionHousehold(db, hashToken(token), clock.now());
      return r ? { id: r.id, householdNo: r.household_no, villageCode: r.village_code } : null;
    },

    async logout(token: string) {
      await repo.deleteSession(db, hashToken(token));
    },
  };
}
export type PortalSessionService = ReturnType<typeof createPortalSessionService>;

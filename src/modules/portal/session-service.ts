import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { normalizeCode } from '../../domain/grievances/access-code.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { recordAudit } from '../audit/service.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../auth/password.js';
import { accessRepository as repo } from './access-repository.js';
import { householdActor, type PortalHousehold } from './household.js';
import { afterWrongCode, HOUSEHOLD_THROTTLE, QUIET_MS, SOURCE_THROTTLE, waitSeconds } from './throttle.js';

/**
 * Portal sign-in: a household signs in with its household number and its access code; a separate,
 * short session that reaches only /api/portal/*. Wrong codes never lock a household out: they slow
 * further tries of the household and of the source address down (throttle.ts), and the household's
 * cadre sees them (access-code-service.ts `status`).
 */
export const PORTAL_SESSION_MINUTES = 120;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const wrongCode = () =>
  new AppError('E_UNAUTHENTICATED', 'Wrong household number or access code', { field: 'code' });

/** 429: wait `seconds` (the route sends them as Retry-After). */
const throttled = (by: 'household' | 'source', seconds: number) =>
  new AppError(
    'E_RATE_LIMITED',
    by === 'household'
      ? `Too many wrong codes for this household: wait ${seconds} s, then try again`
      : `Too many wrong sign-ins from this address: wait ${seconds} s, then try again`,
    { retryAfterSeconds: seconds, throttled: by },
  );

type Db = Kysely<DB>;
type HouseholdRow = NonNullable<Awaited<ReturnType<typeof repo.householdByNo>>>;
type Attempt =
  | { kind: 'ok'; row: HouseholdRow }
  | { kind: 'wrong' }
  | { kind: 'throttled'; by: 'household' | 'source'; seconds: number };

const stateOf = (r: { failed_count: number; last_failed_at: Date | null } | undefined) =>
  r && { failedCount: r.failed_count, lastFailedAt: r.last_failed_at };

export function createPortalSessionService(db: Db, clock: Clock) {
  /** A wrong code from `source`: counted for the source and, if it has a code, the household. */
  async function countFailure(
    trx: Db,
    now: Date,
    source: { key: string; state: Awaited<ReturnType<typeof repo.sourceState>> },
    household?: { row: HouseholdRow; state: NonNullable<Awaited<ReturnType<typeof repo.lockAccess>>> },
  ) {
    await repo.deleteQuietSources(trx, new Date(now.getTime() - QUIET_MS));
    const s = afterWrongCode(stateOf(source.state), now, SOURCE_THROTTLE);
    await repo.setSourceFailure(trx, source.key, { ...s, at: now });
    if (!household) return;
    const f = afterWrongCode(stateOf(household.state), now, HOUSEHOLD_THROTTLE);
    await repo.recordFailure(trx, household.row.id, { ...f, at: now });
    if (f.failedCount === HOUSEHOLD_THROTTLE.freeFailures)
      await recordAudit(trx, householdActor(household.row), {
        action: 'portal.lockout',
        entityType: 'household',
        entityId: household.row.id,
        regionCode: household.row.village_code,
        after: { failures: household.state.failures_total + 1, retryAt: f.retryAt?.toISOString() },
        reason: 'repeated wrong access codes: further tries slowed down (no lockout)',
      });
  }

  /** One try, serialised per source address and per household: its outcome (failures recorded). */
  function attempt(householdNo: string, code: string, sourceKey: string, now: Date): Promise<Attempt> {
    return db.transaction().execute(async (trx): Promise<Attempt> => {
      await repo.lockSource(trx, sourceKey);
      const source = { key: sourceKey, state: await repo.sourceState(trx, sourceKey) };
      const sourceWait = waitSeconds(source.state?.retry_at, now);
      if (sourceWait) return { kind: 'throttled', by: 'source', seconds: sourceWait };
      const row = await repo.householdByNo(trx, householdNo);
      const state = row?.code_hash ? await repo.lockAccess(trx, row.id) : undefined;
      if (!row?.code_hash || !state) {
        await verifyPassword(code, await DUMMY_HASH_PROMISE); // same time as a real check
        await countFailure(trx, now, source);
        return { kind: 'wrong' };
      }
      const wait = waitSeconds(state.retry_at, now);
      if (wait) return { kind: 'throttled', by: 'household', seconds: wait };
      if (await verifyPassword(normalizeCode(code), row.code_hash)) return { kind: 'ok', row };
      await countFailure(trx, now, source, { row, state });
      return { kind: 'wrong' };
    });
  }

  /** A new session of the household (expired ones swept, the run of wrong codes ended); audited. */
  async function openSession(row: HouseholdRow, now: Date) {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PORTAL_SESSION_MINUTES * 60_000);
    await db.transaction().execute(async (trx) => {
      await repo.deleteExpired(trx, now);
      await repo.clearRun(trx, row.id);
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
    /** Sign in from `source` (the client's address): 401 for a wrong code, 429 while throttled. */
    async login(householdNo: string, code: string, source: string) {
      const now = clock.now();
      const a = await attempt(householdNo.trim(), code, source, now);
      if (a.kind === 'throttled') throw throttled(a.by, a.seconds);
      if (a.kind === 'wrong') throw wrongCode();
      const { token, expiresAt } = await openSession(a.row, now);
      const r = a.row;
      return {
        token,
        expiresAt,
        household: { id: r.id, householdNo: r.household_no, villageCode: r.village_code },
      };
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

import type { Kysely } from 'kysely';
import type { DB, Household } from '../../db/types.js';
import type { FieldError } from '../../domain/registry-edit/validate.js';
import { permissionsOf } from '../../domain/roles.js';
import { viewerOf } from '../../domain/visibility.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit, type AuditAction } from '../audit/service.js';
import { editRepository } from './edit-repository.js';
import { historyDto, householdDto, memberDto, yearDto } from './mapper.js';
import { householdRepository } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

/** A 400 naming every field at fault; an ID number problem first gives E_INVALID_ID_NUMBER. */
export function invalid(errors: FieldError[]): AppError {
  const first = errors[0]!;
  return new AppError(
    first.code.startsWith('E_ID_') ? 'E_INVALID_ID_NUMBER' : 'E_VALIDATION',
    `Invalid body.${first.field}: ${first.message}`,
    errors.map((e) => ({ field: `body.${e.field}`, code: e.code, message: e.message })),
  );
}

export interface AuditChange {
  action: AuditAction;
  before: unknown;
  after: unknown;
  reason?: string | undefined;
}

/**
 * The frame of every household edit: role, one transaction, the household locked, scope, the
 * version (a stale one → 409 E_CONFLICT with the current record, nothing written), then the change,
 * its audit event in the same transaction, and the record as it now is (masked).
 */
export function createEditTransaction(db: Kysely<DB>, clock: Clock) {
  /** The record as `user` sees it in the everyday view (the answer of an edit, a 409's `details.current`). */
  async function record(trx: Kysely<DB>, id: string, user: AuthUser) {
    const h = (await householdRepository.byId(trx, id))!;
    const [members, years, history] = await Promise.all([
      householdRepository.members(trx, id),
      householdRepository.years(trx, id),
      householdRepository.statusHistory(trx, id),
    ]);
    const v = viewerOf(user.role, false, clock.today());
    return {
      household: householdDto(h, v),
      members: members.map((m) => memberDto(m, v)),
      years: years.map(yearDto),
      statusHistory: history.map(historyDto),
    };
  }

  /** Run `change` on the locked household; it returns the audit of what it wrote, or null for no change. */
  async function edit(
    user: AuthUser,
    id: string,
    version: number,
    change: (trx: Kysely<DB>, h: Household) => Promise<AuditChange | null>,
  ) {
    if (!permissionsOf(user.role).editHouseholds)
      throw new AppError('E_FORBIDDEN', 'Your role may not edit households');
    return db.transaction().execute(async (trx) => {
      const h = await editRepository.lock(trx, id);
      if (!h) throw notFound('household', id);
      assertObjectInScope(user, h.village_code, 'household', id);
      if (h.version !== version)
        throw new AppError(
          'E_CONFLICT',
          `Household ${h.household_no} was changed by someone else (now version ${h.version}, yours ${version}); reload it and apply your change again`,
          { current: await record(trx, id, user) },
        );
      const done = await change(trx, h);
      if (done)
        await recordAudit(trx, actorOf(user), {
          action: done.action,
          entityType: 'household',
          entityId: h.id,
          regionCode: h.village_code,
          before: done.before,
          after: done.after,
          reason: done.reason ?? null,
        });
      return record(trx, id, user);
    });
  }

  return { edit, clock };
}
export type EditTransaction = ReturnType<typeof createEditTransaction>;

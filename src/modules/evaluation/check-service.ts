import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { AppError } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { evaluationRepository as repo } from './repository.js';

/** A field check of a sampled household: what is asked depends on the stratum; audited, optimistic lock. */
export interface CheckInput {
  version: number;
  checkStatus: 'checked' | 'unreachable';
  wronglyExited?: boolean | null | undefined;
  eligibleUnregistered?: boolean | null | undefined;
  approves?: boolean | null | undefined;
  note?: string | null | undefined;
}

const invalid = (message: string) => new AppError('E_VALIDATION', message);

/** The stored values of a check, or E_VALIDATION when an answer is missing or does not fit the stratum. */
function checkValues(exited: boolean, input: CheckInput, userId: string) {
  const checked = input.checkStatus === 'checked';
  if (exited && input.eligibleUnregistered != null)
    throw invalid('eligibleUnregistered: an exited household is checked for a wrong exit, not omission');
  if (!exited && input.wronglyExited != null)
    throw invalid(
      'wronglyExited: a household outside the registry is checked for omission, not a wrong exit',
    );
  if (checked && exited && input.wronglyExited == null)
    throw invalid('wronglyExited: required for a checked exited household');
  if (checked && !exited && input.eligibleUnregistered == null)
    throw invalid('eligibleUnregistered: required for a checked household outside the registry');
  if (checked && input.approves == null)
    throw invalid('approves: required for a checked household (群众认可度)');
  return {
    check_status: input.checkStatus,
    wrongly_exited: checked && exited ? (input.wronglyExited ?? null) : null,
    eligible_unregistered: checked && !exited ? (input.eligibleUnregistered ?? null) : null,
    approves: checked ? (input.approves ?? null) : null,
    note: input.note?.trim() || null,
    checked_by: userId,
  };
}

/** Record a check; `sampleInScope` is the service's scope check of the sample. */
export function createCheckRecorder(
  db: Kysely<DB>,
  sampleInScope: (user: AuthUser, id: string) => Promise<unknown>,
) {
  return async function recordCheck(
    user: AuthUser,
    sampleId: string,
    householdId: string,
    input: CheckInput,
  ) {
    if (!permissionsOf(user.role).recordEvaluationChecks)
      throw new AppError('E_FORBIDDEN', 'Only township officers and above record evaluation checks');
    await sampleInScope(user, sampleId);
    const row = await repo.sampledHousehold(db, sampleId, householdId);
    if (!row) throw new AppError('E_NOT_FOUND', `Household ${householdId} is not in sample ${sampleId}`);
    assertObjectInScope(
      user,
      row.village_code,
      () => new AppError('E_NOT_FOUND', `Household ${householdId} is not in sample ${sampleId}`),
    );
    const values = checkValues(row.stratum === 'exited', input, user.id);
    return db.transaction().execute(async (trx) => {
      const updated = await repo.recordCheck(trx, sampleId, householdId, input.version, values);
      if (!updated)
        throw new AppError(
          'E_CONFLICT',
          `Household ${householdId} of sample ${sampleId} was changed by someone else; reload`,
          { currentVersion: row.version },
        );
      await recordAudit(trx, actorOf(user), {
        action: 'evaluation.check',
        entityType: 'evaluation_sample',
        entityId: sampleId,
        regionCode: row.village_code,
        before: {
          householdId,
          checkStatus: row.check_status,
          wronglyExited: row.wrongly_exited,
          eligibleUnregistered: row.eligible_unregistered,
          approves: row.approves,
        },
        after: { householdId, ...values },
      });
      return { version: updated.version, checkStatus: updated.check_status };
    });
  };
}

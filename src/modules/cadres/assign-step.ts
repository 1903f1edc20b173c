import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays } from '../../domain/calendar.js';
import { inScope } from '../../domain/region-code.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { withinScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { badField } from './access.js';
import { assignmentRepository as repo } from './assignment-repository.js';
import { cadreRepository } from './repository.js';

/** One assignment inside a caller's transaction: shared by the single and the bulk assignment. */

type LockedHousehold = { village_code: string; household_no: string };
export type LockedCadre = NonNullable<Awaited<ReturnType<typeof cadreRepository.cadreForUpdate>>>;

/** An active cadre of the officer's scope, or of a unit above the household (county, township). */
export async function lockCadre(trx: Kysely<DB>, user: AuthUser, village: string, cadreId: string) {
  const c = await cadreRepository.cadreForUpdate(trx, cadreId);
  // a cadre of another region answers as a missing one, before anything names it
  if (!c || (!withinScope(user, c.region_code) && !inScope(c.region_code, village)))
    throw notFound('cadre', cadreId);
  if (!c.active) throw badField('cadreId', `cadre ${c.name} is no longer active`);
  return c;
}

/**
 * Make `c` the household's responsible cadre from `start`; a current one is handed over (its assignment
 * ends the day before, history kept). 'same' when `c` already is the current one (nothing written);
 * a start not after the current assignment's start is refused. Audited.
 */
export async function assignLocked(
  trx: Kysely<DB>,
  user: AuthUser,
  h: LockedHousehold & { id: string },
  c: LockedCadre,
  body: { start: string; reason: string },
): Promise<'assigned' | 'handover' | 'same'> {
  const cur = await repo.currentAssignment(trx, h.id);
  if (cur && String(cur.cadre_id) === String(c.id)) return 'same';
  if (cur && body.start <= cur.start_date)
    throw new AppError(
      'E_VALIDATION',
      `startDate must be after the current assignment's start ${cur.start_date} (household ${h.household_no})`,
      {
        field: 'startDate',
        householdId: h.id,
        messageZh: `开始日期须晚于农户 ${h.household_no} 现任责任人的开始日期 ${cur.start_date}`,
      },
    );
  if (cur) await repo.endAssignment(trx, String(cur.id), addDays(body.start, -1), body.reason);
  const { id } = await repo.insertAssignment(trx, {
    household_id: h.id,
    cadre_id: String(c.id),
    start_date: body.start,
    reason: body.reason,
    created_by: user.id,
  });
  await recordAudit(trx, actorOf(user), {
    action: cur ? 'cadre_assignment.handover' : 'cadre_assignment.assign',
    entityType: 'household',
    entityId: h.id,
    regionCode: h.village_code,
    before: cur ? { cadreId: String(cur.cadre_id), startDate: cur.start_date } : null,
    after: { assignmentId: String(id), cadreId: String(c.id), cadreName: c.name, startDate: body.start },
    reason: body.reason,
  });
  return cur ? 'handover' : 'assigned';
}

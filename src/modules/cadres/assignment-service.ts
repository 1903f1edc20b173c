import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { addDays } from '../../domain/calendar.js';
import { needsCadre } from '../../domain/cadres/rules.js';
import { inScope } from '../../domain/region-code.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, withinScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManage, badField } from './access.js';
import { assignmentRepository as repo } from './assignment-repository.js';
import { cadreRepository } from './repository.js';
import { dueDto } from './mapper.js';

type AssignmentRow = Awaited<ReturnType<typeof repo.assignments>>[number];
type Locked = { village_code: string };

const assignmentDto = (a: AssignmentRow) => ({
  id: String(a.id),
  cadreId: String(a.cadre_id),
  name: a.name,
  workUnit: a.work_unit,
  unitLevel: a.unit_level,
  phone: a.phone,
  startDate: a.start_date,
  endDate: a.end_date,
  reason: a.reason,
  endReason: a.end_reason,
});

/** Households' responsible cadres: the current one and the history, assignment, hand-over, end. */
export function createAssignmentService(db: Kysely<DB>, clock: Clock) {
  /** (After the permission check.) Lock the household, check scope, run `change` and return the household's responsibility. */
  async function onHousehold(
    user: AuthUser,
    householdId: string,
    change: (trx: Kysely<DB>, h: Locked & { household_no: string }) => Promise<void>,
  ) {
    await db.transaction().execute(async (trx) => {
      const h = await repo.householdForUpdate(trx, householdId);
      if (!h) throw notFound('household', householdId);
      assertObjectInScope(user, h.village_code, 'household', householdId);
      await change(trx, h);
    });
    return householdResponsibility(user, householdId);
  }

  /** An active cadre of the officer's scope, or of a unit above the household (county, township). */
  async function lockCadre(trx: Kysely<DB>, user: AuthUser, h: Locked, cadreId: string) {
    const c = await cadreRepository.cadreForUpdate(trx, cadreId);
    // a cadre of another region answers as a missing one, before anything names it
    if (!c || (!withinScope(user, c.region_code) && !inScope(c.region_code, h.village_code)))
      throw notFound('cadre', cadreId);
    if (!c.active) throw badField('cadreId', `cadre ${c.name} is no longer active`);
    return c;
  }

  async function householdResponsibility(user: AuthUser, householdId: string) {
    const h = await repo.household(db, householdId);
    if (!h) throw notFound('household', householdId);
    assertObjectInScope(user, h.village_code, 'household', householdId);
    const [rows, plan] = await Promise.all([
      repo.assignments(db, householdId),
      repo.householdPlan(db, householdId, clock.today()),
    ]);
    const all = rows.map(assignmentDto);
    return {
      householdId,
      status: h.status,
      needsCadre: needsCadre(h.status),
      current: all.find((a) => a.endDate === null) ?? null,
      history: all.filter((a) => a.endDate !== null),
      visit: plan ? dueDto(plan) : null,
    };
  }

  return {
    householdResponsibility,

    /**
     * Assign a responsible cadre to a household; a current one is handed over (its assignment ends the
     * day before the new one starts, history kept). Audited.
     */
    assign(
      user: AuthUser,
      householdId: string,
      body: { cadreId: string; startDate?: string | undefined; reason: string },
    ) {
      assertManage(user);
      const start = body.startDate ?? clock.today();
      if (start > clock.today())
        throw new AppError('E_VALIDATION', 'startDate may not be in the future', { field: 'startDate' });
      return onHousehold(user, householdId, async (trx, h) => {
        const c = await lockCadre(trx, user, h, body.cadreId);
        const cur = await repo.currentAssignment(trx, householdId);
        if (cur && String(cur.cadre_id) === String(c.id))
          throw new AppError('E_CONFLICT', `${c.name} is already the household's responsible cadre`, {
            field: 'cadreId',
          });
        if (cur && start <= cur.start_date)
          throw new AppError(
            'E_VALIDATION',
            `startDate must be after the current assignment's start ${cur.start_date}`,
            {
              field: 'startDate',
            },
          );
        if (cur) await repo.endAssignment(trx, String(cur.id), addDays(start, -1), body.reason);
        const { id } = await repo.insertAssignment(trx, {
          household_id: householdId,
          cadre_id: String(c.id),
          start_date: start,
          reason: body.reason,
          created_by: user.id,
        });
        await recordAudit(trx, actorOf(user), {
          action: cur ? 'cadre_assignment.handover' : 'cadre_assignment.assign',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          before: cur ? { cadreId: String(cur.cadre_id), startDate: cur.start_date } : null,
          after: { assignmentId: String(id), cadreId: String(c.id), cadreName: c.name, startDate: start },
          reason: body.reason,
        });
      });
    },

    /** End the current assignment without a successor (e.g. the household moved away). Audited. */
    endAssignment(
      user: AuthUser,
      householdId: string,
      body: { endDate?: string | undefined; reason: string },
    ) {
      assertManage(user);
      const end = body.endDate ?? clock.today();
      return onHousehold(user, householdId, async (trx, h) => {
        const cur = await repo.currentAssignment(trx, householdId);
        if (!cur) throw new AppError('E_CONFLICT', `household ${h.household_no} has no current cadre`);
        if (end < cur.start_date)
          throw new AppError('E_VALIDATION', `endDate must not be before the start ${cur.start_date}`, {
            field: 'endDate',
          });
        await repo.endAssignment(trx, String(cur.id), end, body.reason);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre_assignment.end',
          entityType: 'household',
          entityId: householdId,
          regionCode: h.village_code,
          before: { cadreId: String(cur.cadre_id), startDate: cur.start_date },
          after: { endDate: end },
          reason: body.reason,
        });
      });
    },
  };
}
export type AssignmentService = ReturnType<typeof createAssignmentService>;

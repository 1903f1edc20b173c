import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { needsCadre } from '../../domain/cadres/rules.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManage } from './access.js';
import { assignLocked, lockCadre } from './assign-step.js';
import { assignmentRepository as repo } from './assignment-repository.js';
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
        const c = await lockCadre(trx, user, h.village_code, body.cadreId);
        const done = await assignLocked(trx, user, { ...h, id: householdId }, c, {
          start,
          reason: body.reason,
        });
        if (done === 'same')
          throw new AppError('E_CONFLICT', `${c.name} is already the household's responsible cadre`, {
            field: 'cadreId',
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

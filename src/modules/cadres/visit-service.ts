import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { visitDateProblem, type VisitPurpose } from '../../domain/cadres/rules.js';
import { permissionsOf } from '../../domain/roles.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { cadreUsable } from './access.js';
import { assignmentRepository } from './assignment-repository.js';
import { limitOffset, pageOf, visitDto } from './mapper.js';
import { cadreRepository } from './repository.js';
import { visitRepository as repo } from './visit-repository.js';

export interface NewVisit {
  householdId: string;
  cadreId?: string | undefined;
  visitDate?: string | undefined;
  purpose: VisitPurpose;
  findings: string;
  followUp?: string | null | undefined;
  /** A key made on the device: the same key from the same user again answers the stored visit. */
  clientKey?: string | undefined;
}

export interface VisitQuery {
  region?: string | undefined;
  householdId?: string | undefined;
  cadreId?: string | undefined;
  page: number;
  pageSize: number;
}

/** A visit sent again under its device key: the one stored, if it is of the same household. */
function sameVisit(stored: { id: string; household_id: string }, householdId: string): string {
  if (String(stored.household_id) !== householdId)
    throw new AppError(
      'E_CONFLICT',
      'This visit key was already used for another household (此走访编号已用于另一户)',
      {
        field: 'clientKey',
      },
    );
  return String(stored.id);
}

/** Visits to households (入户走访): the list of a region, a household or a cadre; recording one. */
export function createVisitService(db: Kysely<DB>, clock: Clock) {
  /**
   * Whose visit it is: the user's own cadre; another cadre only for a manager; else the household's
   * current cadre (or none).
   */
  async function visitingCadre(trx: Kysely<DB>, user: AuthUser, body: NewVisit) {
    const own = await cadreRepository.cadreIdOfUser(trx, user.id);
    const cadreId: string | null = own ? String(own) : null;
    if (body.cadreId && body.cadreId !== cadreId) {
      if (!permissionsOf(user.role).manageResponsibility)
        throw new AppError('E_FORBIDDEN', 'You may record visits only as yourself', { field: 'cadreId' });
      const c = await cadreRepository.cadreById(trx, body.cadreId);
      const h = await assignmentRepository.household(trx, body.householdId);
      // a cadre of another region answers as a missing one: the answer would name it
      if (!c || !h || !cadreUsable(user, c.region_code, h.village_code))
        throw notFound('cadre', body.cadreId);
      return String(c.id);
    }
    if (cadreId) return cadreId;
    const cur = await assignmentRepository.currentAssignment(trx, body.householdId);
    return cur ? String(cur.cadre_id) : null;
  }

  return {
    async visits(user: AuthUser, q: VisitQuery) {
      const scope = scopeFor(user, q.region);
      const { householdId, cadreId } = q;
      const { total, rows } = await repo.visits(db, { scope, householdId, cadreId, ...limitOffset(q) });
      return pageOf(total, q.page, q.pageSize, rows.map(visitDto));
    },

    /**
     * Record a visit: by the signed-in cadre (their linked cadre row), or by an officer for a cadre
     * (default: the household's current cadre). Audited.
     */
    async recordVisit(user: AuthUser, body: NewVisit) {
      const today = clock.today();
      const date = body.visitDate ?? today;
      const problem = visitDateProblem(date, today);
      if (problem) throw new AppError('E_VALIDATION', problem, { field: 'visitDate' });
      const id = await db.transaction().execute(async (trx) => {
        const h = await assignmentRepository.household(trx, body.householdId);
        if (!h) throw notFound('household', body.householdId);
        assertObjectInScope(user, h.village_code, 'household', body.householdId);
        const stored = body.clientKey ? await repo.visitByClientKey(trx, user.id, body.clientKey) : undefined;
        if (stored) return sameVisit(stored, body.householdId);
        const cadreId = await visitingCadre(trx, user, body);
        const inserted = await repo.insertVisit(trx, {
          household_id: body.householdId,
          village_code: h.village_code,
          cadre_id: cadreId,
          recorded_by: user.id,
          visit_date: date,
          purpose: body.purpose,
          findings: body.findings,
          follow_up: body.followUp ?? null,
          client_key: body.clientKey ?? null,
        });
        if (!inserted)
          return sameVisit((await repo.visitByClientKey(trx, user.id, body.clientKey!))!, body.householdId);
        const { id } = inserted;
        await recordAudit(trx, actorOf(user), {
          action: 'visit.create',
          entityType: 'household',
          entityId: body.householdId,
          regionCode: h.village_code,
          after: { visitId: String(id), cadreId, visitDate: date, purpose: body.purpose },
        });
        return String(id);
      });
      const { rows } = await repo.visits(db, {
        scope: '',
        householdId: body.householdId,
        limit: 50,
        offset: 0,
      });
      return visitDto(rows.find((r) => String(r.id) === id)!);
    },
  };
}
export type VisitService = ReturnType<typeof createVisitService>;

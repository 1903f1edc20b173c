import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { permissionsOf } from '../../domain/roles.js';
import { seen, viewerOf } from '../../domain/visibility.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import type { RegionService } from '../regions/service.js';
import { historyDto, householdDto, memberDto, yearDto } from './mapper.js';
import { householdRepository, type HouseholdFilter } from './repository.js';
import type { Clock } from '../../kernel/clock.js';

export interface ListQuery {
  region: string;
  status?: string | undefined;
  type?: string | undefined;
  cause?: string | undefined;
  q?: string | undefined;
  sort: HouseholdFilter['sort'];
  order: HouseholdFilter['order'];
  page: number;
  pageSize: number;
}

/** `reads`: the search's handle (a replica when configured, db/read-routing.ts). */
export function createHouseholdService(db: Kysely<DB>, regions: RegionService, clock: Clock, reads = db) {
  return {
    async list(user: AuthUser, q: ListQuery) {
      const scope = scopeFor(user, q.region);
      const year = await regions.latestYear();
      const { total, totalCapped, rows } = await householdRepository.list(reads, {
        scope,
        status: q.status,
        type: q.type,
        cause: q.cause,
        q: q.q,
        year,
        sort: q.sort,
        order: q.order,
        limit: q.pageSize,
        offset: (q.page - 1) * q.pageSize,
      });
      const v = viewerOf(user.role, false, clock.today());
      return {
        total,
        totalCapped,
        page: q.page,
        pageSize: q.pageSize,
        items: rows.map((r) => ({
          id: r.id,
          householdNo: r.household_no,
          villageCode: r.village_code,
          villageName: r.village_name,
          townshipName: r.township_name ?? '',
          headName: seen(v, 'name', r.head_name) ?? '',
          headIdNumber: seen(v, 'idNumber', r.head_id_number) ?? '',
          size: r.size,
          status: r.status,
          householdType: r.household_type,
          mainCause: r.main_cause,
          perCapitaIncome: r.per_capita_income === null ? null : Number(r.per_capita_income),
          incomeYear: r.income_year,
        })),
      };
    },

    /** One household with members, years and history; sensitive fields masked unless `unmask` (logged). */
    async detail(user: AuthUser, id: string, unmask: boolean) {
      const h = await householdRepository.byId(db, id);
      if (!h) throw notFound('household', id);
      assertObjectInScope(user, h.village_code, 'household', id);
      const canUnmask = permissionsOf(user.role).unmask;
      if (unmask && !canUnmask)
        throw new AppError('E_FORBIDDEN', 'Your role may not see unmasked personal data');
      if (unmask) {
        await db.transaction().execute((trx) =>
          recordAudit(trx, actorOf(user), {
            action: 'household.unmask',
            entityType: 'household',
            entityId: id,
            regionCode: h.village_code,
            reason: 'viewed ID numbers, phone, bank account and health',
          }),
        );
      }
      const [members, years, history, path] = await Promise.all([
        householdRepository.members(db, id, h.village_code),
        householdRepository.years(db, id, h.village_code),
        householdRepository.statusHistory(db, id),
        regions.path(user, h.village_code),
      ]);
      const masked = !unmask;
      const v = viewerOf(user.role, unmask, clock.today());
      return {
        household: householdDto(h, v),
        members: members.map((m) => memberDto(m, v)),
        years: years.map(yearDto),
        statusHistory: history.map(historyDto),
        path,
        masked,
        canUnmask,
        canEdit: permissionsOf(user.role).editHouseholds,
        canChangeStatus: permissionsOf(user.role).changeStatus,
      };
    },
  };
}
export type HouseholdService = ReturnType<typeof createHouseholdService>;

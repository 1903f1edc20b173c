import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertInScope, assertObjectInScope, scopeFor } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { assertManage, badField } from './access.js';
import { cadreDto, limitOffset, pageOf } from './mapper.js';
import { cadreRepository as repo } from './repository.js';
import type { CadreBody, CadrePatch } from './schema.js';

type Patch = z.infer<typeof CadrePatch>;

/** The columns a patch sets (only the fields it names). */
const patchColumns = (patch: Patch) => ({
  ...(patch.name !== undefined && { name: patch.name }),
  ...(patch.workUnit !== undefined && { work_unit: patch.workUnit }),
  ...(patch.unitLevel !== undefined && { unit_level: patch.unitLevel }),
  ...(patch.phone !== undefined && { phone: patch.phone }),
  ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
  ...(patch.userId !== undefined && { user_id: patch.userId }),
  ...(patch.active !== undefined && { active: patch.active }),
});

/** Responsible cadres (帮扶责任人): the list of a region, create, change, link to a login. */
export function createCadreRegistryService(db: Kysely<DB>) {
  /** A linked login must exist, lie in the officer's scope and not be linked to another cadre. */
  async function checkLogin(trx: Kysely<DB>, user: AuthUser, userId: string, cadreId: string | null) {
    const u = await repo.userById(trx, userId);
    if (!u) throw badField('userId', `user ${userId} does not exist`);
    assertObjectInScope(user, u.scope_code, () => badField('userId', `user ${userId} does not exist`));
    const other = await repo.cadreIdOfUser(trx, userId);
    if (other && other !== cadreId)
      throw new AppError('E_CONFLICT', `user ${u.username} is already linked to cadre ${other}`, {
        field: 'userId',
      });
  }

  return {
    async listCadres(
      user: AuthUser,
      q: { region?: string | undefined; q?: string | undefined; page: number; pageSize: number },
    ) {
      const scope = scopeFor(user, q.region);
      const { total, rows } = await repo.listCadres(db, { scope, q: q.q, ...limitOffset(q) });
      return pageOf(total, q.page, q.pageSize, rows.map(cadreDto));
    },

    async createCadre(user: AuthUser, body: z.infer<typeof CadreBody>) {
      assertManage(user);
      assertInScope(user, body.regionCode);
      const id = await db.transaction().execute(async (trx) => {
        const region = await repo.village(trx, body.regionCode);
        if (!region)
          throw new AppError('E_VALIDATION', `regionCode: region ${body.regionCode} does not exist`);
        if (body.userId) await checkLogin(trx, user, body.userId, null);
        const row = {
          name: body.name,
          work_unit: body.workUnit,
          unit_level: body.unitLevel,
          phone: body.phone ?? null,
          region_code: body.regionCode,
          user_id: body.userId ?? null,
        };
        const { id } = await repo.insertCadre(trx, row);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre.create',
          entityType: 'cadre',
          entityId: String(id),
          regionCode: body.regionCode,
          after: row,
        });
        return String(id);
      });
      return cadreDto((await repo.cadreById(db, id))!);
    },

    async updateCadre(user: AuthUser, id: string, patch: Patch) {
      assertManage(user);
      await db.transaction().execute(async (trx) => {
        const c = await repo.cadreForUpdate(trx, id);
        if (!c) throw notFound('cadre', id);
        assertObjectInScope(user, c.region_code, 'cadre', id);
        if (patch.regionCode) assertInScope(user, patch.regionCode);
        if (patch.userId) await checkLogin(trx, user, patch.userId, id);
        const set = patchColumns(patch);
        const before = Object.fromEntries(Object.keys(set).map((k) => [k, c[k as keyof typeof c]]));
        await repo.updateCadre(trx, id, set);
        await recordAudit(trx, actorOf(user), {
          action: 'cadre.update',
          entityType: 'cadre',
          entityId: id,
          regionCode: c.region_code,
          before,
          after: set,
          reason: patch.reason,
        });
      });
      return cadreDto((await repo.cadreById(db, id))!);
    },
  };
}
export type CadreRegistryService = ReturnType<typeof createCadreRegistryService>;

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { levelOf } from '../../domain/region-code.js';
import { personalDataIn } from '../../domain/participation/needs.js';
import { AppError, notFound } from '../../kernel/errors.js';
import { assertObjectInScope } from '../../kernel/scope.js';
import { actorOf, type AuthUser } from '../../kernel/user.js';
import { recordAudit } from '../audit/service.js';
import { organisationOf, paging, requireEditorOfTownship, type Paging } from './access.js';
import { num } from './mapper.js';
import { productRepository as repo } from './product-repository.js';
import { regionRepository } from './region-repository.js';

export interface NewProduct {
  name: string;
  producerKind: 'household' | 'cooperative';
  producerName?: string | undefined;
  townshipCode: string;
  unit: string;
  price: number;
  quantityAvailable: number;
  season?: string | undefined;
  description?: string | undefined;
  householdIds: string[];
}

const invalid = (field: string, message: string) => new AppError('E_VALIDATION', message, { field });

function checkProduct(user: AuthUser, p: NewProduct): void {
  if (levelOf(p.townshipCode) !== 4)
    throw invalid('townshipCode', 'townshipCode must be a 9-digit township code');
  requireEditorOfTownship(user, p.townshipCode);
  if (p.producerKind === 'cooperative' && !p.producerName?.trim())
    throw invalid('producerName', 'a cooperative product needs producerName');
  if (p.householdIds.length === 0)
    throw invalid('householdIds', 'link at least one household whose income the product carries');
  if (personalDataIn(`${p.name} ${p.producerName ?? ''} ${p.description ?? ''}`).length)
    throw invalid('description', 'product text must not contain personal data');
}

/** The linked households exist, lie in the cadre's scope and in the product's township. */
async function checkHouseholds(trx: Kysely<DB>, user: AuthUser, township: string, ids: string[]) {
  const hs = await repo.householdsIn(trx, ids);
  for (const id of ids) {
    const h = hs.find((x) => x.id === id);
    if (!h) throw notFound('household', id);
    assertObjectInScope(user, h.village_code, 'household', id);
    if (!h.village_code.startsWith(township))
      throw invalid('householdIds', `household ${id} is not in township ${township}`);
  }
}

/** Consumption assistance: products of poor households and cooperatives. */
export function createProductService(db: Kysely<DB>) {
  return {
    async products(user: AuthUser, q: { township?: string | undefined } & Paging) {
      const officer = user.role !== 'organisation';
      if (!officer) await organisationOf(db, user);
      const [rows, count] = await repo.products(db, {
        township: q.township,
        activeOnly: !officer,
        ...paging(q),
      });
      return {
        total: Number(count.n),
        items: rows.map((p) => ({
          id: p.id,
          name: p.name,
          producerKind: p.producer_kind,
          producerName: p.producer_kind === 'cooperative' ? p.producer_name : null,
          township: { code: p.township_code, name: p.township_name },
          unit: p.unit,
          price: num(p.price),
          quantityAvailable: num(p.quantity_available),
          season: p.season,
          description: p.description,
          active: p.active,
          // how many households a product carries: officers only
          households: officer ? num(p.households) : null,
        })),
      };
    },

    async createProduct(user: AuthUser, p: NewProduct): Promise<{ id: string }> {
      checkProduct(user, p);
      return db.transaction().execute(async (trx) => {
        if (!(await regionRepository.region(trx, p.townshipCode))) throw notFound('region', p.townshipCode);
        const ids = [...new Set(p.householdIds)];
        await checkHouseholds(trx, user, p.townshipCode, ids);
        const row = await repo.insertProduct(trx, {
          name: p.name.trim(),
          producer_kind: p.producerKind,
          producer_name: p.producerKind === 'cooperative' ? p.producerName!.trim() : null,
          township_code: p.townshipCode,
          unit: p.unit,
          price: p.price,
          quantity_available: p.quantityAvailable,
          season: p.season ?? null,
          description: p.description ?? '',
          created_by: user.id,
        });
        await repo.linkHouseholds(
          trx,
          ids.map((h) => ({ product_id: row.id, household_id: h, share: 1 })),
        );
        await recordAudit(trx, actorOf(user), {
          action: 'product.create',
          entityType: 'product',
          entityId: row.id,
          regionCode: p.townshipCode,
          after: { name: p.name, producerKind: p.producerKind, price: p.price, households: ids.length },
        });
        return { id: row.id };
      });
    },
  };
}
export type ProductService = ReturnType<typeof createProductService>;

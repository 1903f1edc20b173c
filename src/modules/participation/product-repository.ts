import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of consumption assistance: products and the households whose income they carry. */
export const productRepository = {
  products: (
    db: Kysely<DB>,
    f: {
      township?: string | undefined;
      activeOnly: boolean;
      limit: number;
      offset: number;
    },
  ) => {
    let q = db.selectFrom('product as pr').innerJoin('region as t', 't.code', 'pr.township_code');
    if (f.township) q = q.where(inRegion('pr.township_code', f.township));
    if (f.activeOnly) q = q.where('pr.active', '=', true);
    return Promise.all([
      q
        .select([
          'pr.id',
          'pr.name',
          'pr.producer_kind',
          'pr.producer_name',
          'pr.township_code',
          't.name as township_name',
          'pr.unit',
          'pr.price',
          'pr.quantity_available',
          'pr.season',
          'pr.description',
          'pr.active',
          (eb) =>
            eb
              .selectFrom('product_household as ph')
              .whereRef('ph.product_id', '=', 'pr.id')
              .select((e) => e.fn.countAll<string>().as('n'))
              .as('households'),
        ])
        .orderBy('pr.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
  },
  productForUpdate: (db: Kysely<DB>, id: string) =>
    db.selectFrom('product').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  insertProduct: (db: Kysely<DB>, v: Insertable<DB['product']>) =>
    db.insertInto('product').values(v).returning('id').executeTakeFirstOrThrow(),
  linkHouseholds: (db: Kysely<DB>, rows: { product_id: string; household_id: string; share: number }[]) =>
    rows.length ? db.insertInto('product_household').values(rows).execute() : Promise.resolve([]),
  householdsIn: (db: Kysely<DB>, ids: string[]) =>
    ids.length
      ? db.selectFrom('household').select(['id', 'village_code']).where('id', 'in', ids).execute()
      : Promise.resolve([]),
  productHouseholds: (db: Kysely<DB>, productId: string) =>
    db
      .selectFrom('product_household')
      .select(['household_id', 'share'])
      .where('product_id', '=', productId)
      .orderBy('household_id')
      .execute(),
  setProductQuantity: (db: Kysely<DB>, id: string, quantity: string) =>
    db.updateTable('product').set({ quantity_available: quantity }).where('id', '=', id).execute(),
};

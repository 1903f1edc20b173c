import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { containsRegion, inRegion } from '../../kernel/scope.js';

/** SQL of orders of products, their fulfilment and the income that reached households. */
export const orderRepository = {
  insertOrder: (db: Kysely<DB>, v: Insertable<DB['product_order']>) =>
    db.insertInto('product_order').values(v).returning('id').executeTakeFirstOrThrow(),
  orders: (
    db: Kysely<DB>,
    f: {
      organisationId?: string | undefined;
      scope?: string | undefined;
      status?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    let q = db
      .selectFrom('product_order as po')
      .innerJoin('product as pr', 'pr.id', 'po.product_id')
      .innerJoin('organisation as o', 'o.id', 'po.organisation_id')
      .innerJoin('region as t', 't.code', 'pr.township_code');
    if (f.organisationId) q = q.where('po.organisation_id', '=', f.organisationId);
    // the product's township lies in the scope, or contains it (a village cadre sees its township's)
    const scope = f.scope;
    if (scope !== undefined)
      q = q.where((eb) =>
        eb.or([inRegion('pr.township_code', scope), containsRegion('pr.township_code', scope)]),
      );
    if (f.status) q = q.where('po.status', '=', f.status);
    return Promise.all([
      q
        .select([
          'po.id',
          'po.product_id',
          'pr.name as product_name',
          'pr.unit',
          'pr.township_code',
          't.name as township_name',
          'po.organisation_id',
          'o.name as organisation_name',
          'po.kind',
          'po.quantity',
          'po.unit_price',
          'po.amount',
          'po.status',
          'po.note',
          'po.ordered_at',
          'po.fulfilled_at',
        ])
        .orderBy('po.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
  },
  orderForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('product_order as po')
      .innerJoin('product as pr', 'pr.id', 'po.product_id')
      .select(['po.id', 'po.product_id', 'po.status', 'po.amount', 'po.organisation_id', 'pr.township_code'])
      .where('po.id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  fulfilOrder: (db: Kysely<DB>, id: string, by: string | null, at: Date) =>
    db
      .updateTable('product_order')
      .set({ status: 'fulfilled', fulfilled_at: at, fulfilled_by: by })
      .where('id', '=', id)
      .execute(),
  insertIncome: (db: Kysely<DB>, rows: { order_id: string; household_id: string; amount: number }[]) =>
    rows.length ? db.insertInto('product_income').values(rows).execute() : Promise.resolve([]),

  /** Income that reached households from fulfilled orders in a region: totals, by township, households. */
  income: async (db: Kysely<DB>, scope: string, limit: number) => {
    const [total, byTownship, households] = await Promise.all([
      sql<{ amount: string | null; households: string; orders: string }>`
        select sum(i.amount) as amount, count(distinct i.household_id) as households, count(distinct i.order_id) as orders
        from product_income i join household h on h.id = i.household_id
        where ${inRegion('h.village_code', scope)}`.execute(db),
      sql<{ code: string; name: string; amount: string; households: string }>`
        select r.code, r.name, sum(i.amount) as amount, count(distinct i.household_id) as households
        from product_income i join household h on h.id = i.household_id
        join region r on r.code = left(h.village_code, 9)
        where ${inRegion('h.village_code', scope)}
        group by r.code, r.name order by r.code`.execute(db),
      sql<{ household_id: string; household_no: string; village_name: string; amount: string }>`
        select h.id as household_id, h.household_no, v.name as village_name, sum(i.amount) as amount
        from product_income i join household h on h.id = i.household_id join region v on v.code = h.village_code
        where ${inRegion('h.village_code', scope)}
        group by h.id, h.household_no, v.name order by sum(i.amount) desc, h.id limit ${limit}`.execute(db),
    ]);
    return { total: total.rows[0]!, byTownship: byTownship.rows, households: households.rows };
  },
};

import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of social participation: organisations, needs and pledges, products, orders and income. */

const NEED_COLUMNS = [
  'n.id',
  'n.kind',
  'n.source',
  'n.household_id',
  'n.village_code',
  'n.township_code',
  'n.title',
  'n.description',
  'n.amount',
  'n.status',
  'n.published_at',
  'n.matched_at',
  'n.delivered_at',
  'n.confirmed_at',
  'n.confirmed_by',
  'n.confirm_note',
  'n.confirm_rating',
  'n.on_behalf_reason',
  't.name as township_name',
  'v.name as village_name',
  'h.household_no',
  'p.organisation_id',
  'o.name as organisation_name',
  'p.amount as pledge_amount',
  'p.quantity as pledge_quantity',
  'p.expected_date',
  'p.note as pledge_note',
  'p.pledged_at',
  'p.delivery_note',
] as const;

export interface NeedFilter {
  scope?: string | undefined; // village_code prefix (officers)
  township?: string | undefined; // township code or prefix (board)
  kind?: string | undefined;
  status?: string | undefined;
  organisationId?: string | undefined;
  id?: string | undefined;
  excludeWithdrawn?: boolean;
  limit: number;
  offset: number;
}

function needQuery(db: Kysely<DB>, f: NeedFilter) {
  let q = db
    .selectFrom('need as n')
    .innerJoin('region as t', 't.code', 'n.township_code')
    .innerJoin('region as v', 'v.code', 'n.village_code')
    .leftJoin('household as h', 'h.id', 'n.household_id')
    .leftJoin('need_pledge as p', 'p.need_id', 'n.id')
    .leftJoin('organisation as o', 'o.id', 'p.organisation_id');
  if (f.scope !== undefined) q = q.where(inRegion('n.village_code', f.scope));
  if (f.township) q = q.where(inRegion('n.township_code', f.township));
  if (f.kind) q = q.where('n.kind', '=', f.kind);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (f.excludeWithdrawn) q = q.where('n.status', '<>', 'withdrawn');
  if (f.organisationId) q = q.where('p.organisation_id', '=', f.organisationId);
  if (f.id) q = q.where('n.id', '=', f.id);
  return q;
}

export type NeedRow = Awaited<ReturnType<typeof participationRepository.needs>>[number];

export const participationRepository = {
  // ---- organisations
  insertOrganisation: (
    db: Kysely<DB>,
    v: {
      name: string;
      kind: string;
      credit_code: string | null;
      contact_person: string;
      contact_phone: string;
      region_code: string;
      username: string;
      password_hash: string;
    },
  ) => db.insertInto('organisation').values(v).returning(['id', 'status']).executeTakeFirstOrThrow(),
  usernameTaken: async (db: Kysely<DB>, username: string) =>
    !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) ||
    !!(await db
      .selectFrom('organisation')
      .select('id')
      .where('username', '=', username)
      .where('status', '<>', 'rejected')
      .executeTakeFirst()),
  codeTaken: async (db: Kysely<DB>, code: string) =>
    !!(await db
      .selectFrom('organisation')
      .select('id')
      .where('credit_code', '=', code)
      .where('status', '<>', 'rejected')
      .executeTakeFirst()),
  organisations: (
    db: Kysely<DB>,
    scope: string,
    status: string | undefined,
    limit: number,
    offset: number,
  ) => {
    let q = db
      .selectFrom('organisation as o')
      .innerJoin('region as r', 'r.code', 'o.region_code')
      .where(inRegion('o.region_code', scope));
    if (status) q = q.where('o.status', '=', status);
    return Promise.all([
      q
        .select([
          'o.id',
          'o.name',
          'o.kind',
          'o.credit_code',
          'o.contact_person',
          'o.contact_phone',
          'o.region_code',
          'r.name as region_name',
          'o.status',
          'o.username',
          'o.created_at',
          'o.reviewed_at',
          'o.reject_reason',
        ])
        .orderBy(sql`o.status = 'pending'`, 'desc')
        .orderBy('o.id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    ]);
  },
  organisationById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('organisation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  organisationOfUser: (db: Kysely<DB>, userId: string) =>
    db
      .selectFrom('organisation as o')
      .innerJoin('region as r', 'r.code', 'o.region_code')
      .select(['o.id', 'o.name', 'o.kind', 'o.region_code', 'r.name as region_name', 'o.status'])
      .where('o.user_id', '=', userId)
      .where('o.status', '=', 'approved')
      .executeTakeFirst(),
  setOrganisationReviewed: (
    db: Kysely<DB>,
    id: string,
    v: { status: string; reviewed_by: string | null; reject_reason?: string | null; user_id?: string | null },
  ) =>
    db
      .updateTable('organisation')
      .set({ ...v, reviewed_at: new Date() })
      .where('id', '=', id)
      .execute(),
  insertOrgUser: async (
    db: Kysely<DB>,
    v: { username: string; display_name: string; password_hash: string; scope_code: string },
  ) =>
    (
      await db
        .insertInto('app_user')
        .values({ ...v, role: 'organisation' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
  regionsUnder: (db: Kysely<DB>, parent: string | null) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level'])
      .where((eb) => (parent ? eb('parent_code', '=', parent) : eb('parent_code', 'is', null)))
      .orderBy('code')
      .execute(),
  region: (db: Kysely<DB>, code: string) =>
    db
      .selectFrom('region')
      .select(['code', 'name', 'level', 'parent_code'])
      .where('code', '=', code)
      .executeTakeFirst(),

  // ---- needs
  needs: (db: Kysely<DB>, f: NeedFilter) =>
    needQuery(db, f)
      .select([...NEED_COLUMNS])
      .orderBy(sql`case n.status when 'open' then 0 when 'pledged' then 1 when 'delivered' then 2 else 3 end`)
      .orderBy('n.published_at', 'desc')
      .orderBy('n.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
  countNeeds: async (db: Kysely<DB>, f: NeedFilter) =>
    Number(
      (
        await needQuery(db, f)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  needForUpdate: (db: Kysely<DB>, id: string) =>
    db.selectFrom('need').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  pledgeOf: (db: Kysely<DB>, needId: string) =>
    db.selectFrom('need_pledge').selectAll().where('need_id', '=', needId).executeTakeFirst(),
  householdForNeed: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'address', 'phone', 'head_name', 'household_no'])
      .where('id', '=', id)
      .executeTakeFirst(),
  personalStringsOf: async (db: Kysely<DB>, householdId: string) =>
    (
      await db
        .selectFrom('member')
        .select(['name', 'id_number'])
        .where('household_id', '=', householdId)
        .execute()
    ).flatMap((m) => [m.name, m.id_number]),
  insertNeed: (db: Kysely<DB>, v: Insertable<DB['need']>) =>
    db.insertInto('need').values(v).returning('id').executeTakeFirstOrThrow(),
  insertPledge: (db: Kysely<DB>, v: Insertable<DB['need_pledge']>) =>
    db.insertInto('need_pledge').values(v).execute(),
  updateNeed: (db: Kysely<DB>, id: string, v: Updateable<DB['need']>) =>
    db.updateTable('need').set(v).where('id', '=', id).execute(),
  markPledgeDelivered: (db: Kysely<DB>, needId: string, note: string, at: Date) =>
    db
      .updateTable('need_pledge')
      .set({ delivered_at: at, delivery_note: note })
      .where('need_id', '=', needId)
      .execute(),

  /** Matching statistics of the needs in a region, by township and by organisation. */
  needStats: async (db: Kysely<DB>, scope: string) => {
    const base = (
      group: ReturnType<typeof sql>,
      name: ReturnType<typeof sql>,
      join: ReturnType<typeof sql>,
    ) =>
      sql<{
        key: string | null;
        name: string | null;
        total: string;
        matched: string;
        delivered: string;
        confirmed: string;
        median_days: number | null;
        value_pledged: string | null;
        value_delivered: string | null;
      }>`select ${group} as key, ${name} as name, count(*) as total,
          count(*) filter (where n.status in ('pledged', 'delivered', 'confirmed')) as matched,
          count(*) filter (where n.status in ('delivered', 'confirmed')) as delivered,
          count(*) filter (where n.status = 'confirmed') as confirmed,
          percentile_cont(0.5) within group (order by extract(epoch from n.matched_at - n.published_at) / 86400)
            filter (where n.matched_at is not null) as median_days,
          sum(p.amount) as value_pledged,
          sum(p.amount) filter (where n.status in ('delivered', 'confirmed')) as value_delivered
        from need n left join need_pledge p on p.need_id = n.id ${join}
        where n.status <> 'withdrawn' and ${inRegion('n.village_code', scope)}
        group by 1, 2 order by 1`;
    const [total, byTownship, byOrganisation, byKind] = await Promise.all([
      base(sql`''`, sql`''`, sql``).execute(db),
      base(sql`n.township_code`, sql`t.name`, sql`join region t on t.code = n.township_code`).execute(db),
      base(
        sql`p.organisation_id::text`,
        sql`o.name`,
        sql`join organisation o on o.id = p.organisation_id`,
      ).execute(db),
      base(sql`n.kind`, sql`n.kind`, sql``).execute(db),
    ]);
    return {
      total: total.rows[0],
      byTownship: byTownship.rows,
      byOrganisation: byOrganisation.rows,
      byKind: byKind.rows,
    };
  },

  organisationTotals: async (db: Kysely<DB>, organisationId: string) => {
    const r = await sql<{
      pledges: string;
      delivered: string;
      confirmed: string;
      value_delivered: string | null;
      orders: string;
      order_amount: string | null;
      income_reached: string | null;
    }>`select
        (select count(*) from need_pledge where organisation_id = ${organisationId}) as pledges,
        (select count(*) from need_pledge p join need n on n.id = p.need_id
          where p.organisation_id = ${organisationId} and n.status in ('delivered', 'confirmed')) as delivered,
        (select count(*) from need_pledge p join need n on n.id = p.need_id
          where p.organisation_id = ${organisationId} and n.status = 'confirmed') as confirmed,
        (select sum(p.amount) from need_pledge p join need n on n.id = p.need_id
          where p.organisation_id = ${organisationId} and n.status in ('delivered', 'confirmed')) as value_delivered,
        (select count(*) from product_order where organisation_id = ${organisationId} and status <> 'cancelled') as orders,
        (select sum(amount) from product_order where organisation_id = ${organisationId} and status <> 'cancelled') as order_amount,
        (select sum(i.amount) from product_income i join product_order po on po.id = i.order_id
          where po.organisation_id = ${organisationId}) as income_reached`.execute(db);
    return r.rows[0]!;
  },

  // ---- products
  products: (
    db: Kysely<DB>,
    f: {
      township?: string | undefined;
      scope?: string | undefined;
      activeOnly: boolean;
      limit: number;
      offset: number;
    },
  ) => {
    let q = db.selectFrom('product as pr').innerJoin('region as t', 't.code', 'pr.township_code');
    if (f.township) q = q.where(inRegion('pr.township_code', f.township));
    if (f.scope !== undefined) q = q.where(inRegion('pr.township_code', f.scope.slice(0, 9)));
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
    if (f.scope !== undefined) q = q.where(inRegion('pr.township_code', f.scope.slice(0, 9)));
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
  fulfilOrder: (db: Kysely<DB>, id: string, by: string | null) =>
    db
      .updateTable('product_order')
      .set({ status: 'fulfilled', fulfilled_at: new Date(), fulfilled_by: by })
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

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of organisations: registration, review, the organisation's account and its totals. */
export const organisationRepository = {
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
    v: {
      status: string;
      reviewed_by: string | null;
      reviewed_at: Date;
      reject_reason?: string | null;
      user_id?: string | null;
    },
  ) => db.updateTable('organisation').set(v).where('id', '=', id).execute(),
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
  userExists: async (db: Kysely<DB>, username: string) =>
    !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()),
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
};

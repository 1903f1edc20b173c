import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** SQL of the needs board: needs, pledges and the household behind a need. */

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

export type NeedRow = Awaited<ReturnType<typeof needRepository.needs>>[number];

export const needRepository = {
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
};

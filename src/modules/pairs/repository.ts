import { sql, type Insertable, type Kysely } from 'kysely';
import type { AssistCommitmentTable, AssistDeliveryTable, AssistPairTable, DB } from '../../db/types.js';
import { containsRegion, inRegion } from '../../kernel/scope.js';

export interface PairRow {
  id: string;
  kind: string;
  helper_name: string;
  helper_level: string;
  recipient_code: string;
  recipient_name: string;
  start_year: number;
  end_year: number | null;
  note: string | null;
}

export interface PairYearRow {
  pair_id: string;
  year: number;
  category: string;
  committed: string | null;
  delivered: string | null;
}

/** Pairs whose receiving region lies in the scope, or contains it (a prefecture's pair concerns its counties). */
const touchesScope = (scope: string) =>
  sql<boolean>`(${inRegion('p.recipient_code', scope)} or ${containsRegion('p.recipient_code', scope)})`;

/** Paired assistance (结对帮扶 · 东西部协作): pairs, yearly commitments, deliveries. */
export const pairsRepository = {
  list: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<PairRow>`
        select p.id, p.kind, p.helper_name, p.helper_level, p.recipient_code, r.name as recipient_name,
          p.start_year, p.end_year, p.note
        from assist_pair p join region r on r.code = p.recipient_code
        where ${touchesScope(scope)}
        order by p.recipient_code, p.kind, p.id`.execute(db)
    ).rows,

  byId: async (db: Kysely<DB>, id: string) =>
    (
      await sql<PairRow>`
        select p.id, p.kind, p.helper_name, p.helper_level, p.recipient_code, r.name as recipient_name,
          p.start_year, p.end_year, p.note
        from assist_pair p join region r on r.code = p.recipient_code where p.id = ${id}`.execute(db)
    ).rows[0],

  /** Committed vs delivered per pair, year and category (either side may be missing). */
  yearly: async (db: Kysely<DB>, pairIds: readonly string[]) =>
    pairIds.length === 0
      ? []
      : (
          await sql<PairYearRow>`
            with d as (
              select pair_id, year, category, sum(amount) as delivered from assist_delivery
              where pair_id = any(${pairIds}::bigint[]) group by pair_id, year, category)
            select coalesce(c.pair_id, d.pair_id) as pair_id, coalesce(c.year, d.year) as year,
              coalesce(c.category, d.category) as category, c.amount as committed, d.delivered
            from (select * from assist_commitment where pair_id = any(${pairIds}::bigint[])) c
            full join d on d.pair_id = c.pair_id and d.year = c.year and d.category = c.category
            order by 1, 2, 3`.execute(db)
        ).rows,

  deliveries: (db: Kysely<DB>, pairId: string) =>
    db
      .selectFrom('assist_delivery')
      .select(['id', 'year', 'category', 'amount', 'delivered_on', 'note'])
      .where('pair_id', '=', pairId)
      .orderBy('delivered_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  regionExists: async (db: Kysely<DB>, code: string) =>
    !!(await db.selectFrom('region').select('code').where('code', '=', code).executeTakeFirst()),

  insertPair: async (db: Kysely<DB>, row: Insertable<AssistPairTable>) =>
    (await db.insertInto('assist_pair').values(row).returning('id').executeTakeFirstOrThrow()).id,

  upsertCommitment: (db: Kysely<DB>, row: Insertable<AssistCommitmentTable>) =>
    db
      .insertInto('assist_commitment')
      .values(row)
      .onConflict((oc) => oc.columns(['pair_id', 'year', 'category']).doUpdateSet({ amount: row.amount }))
      .execute(),

  insertDelivery: async (db: Kysely<DB>, row: Insertable<AssistDeliveryTable>) =>
    (await db.insertInto('assist_delivery').values(row).returning('id').executeTakeFirstOrThrow()).id,
};

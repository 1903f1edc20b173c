import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB, HouseholdTable } from '../../db/types.js';
import { inRegion, provinceOf } from '../../kernel/scope.js';

/** Which households: a region and the list filters (shared by the list, its count and the export). */
export interface HouseholdWhere {
  scope: string;
  status?: string | undefined;
  type?: string | undefined;
  cause?: string | undefined;
  q?: string | undefined;
}

export interface HouseholdFilter extends HouseholdWhere {
  year: number | null;
  sort: 'household_no' | 'head_name' | 'size' | 'per_capita_income' | 'status';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

type HEB = ExpressionBuilder<DB & { h: HouseholdTable }, 'h'>;

/** Households (aliased `h`) matching a region and the list filters. */
export function filtered(f: HouseholdWhere, broad = false) {
  return (eb: HEB) => {
    const conds: Expression<SqlBool>[] = [inRegion('h.village_code', f.scope)];
    if (f.status) conds.push(eb('h.status', '=', f.status));
    if (f.type) conds.push(eb('h.household_type', '=', f.type));
    if (f.cause)
      conds.push(eb.or([eb('h.main_cause', '=', f.cause), sql<SqlBool>`${f.cause} = any(h.other_causes)`]));
    if (f.q) conds.push(broad ? broadMatch(eb, f.q, f.scope) : narrowMatch(eb, f.q, f.scope));
    return eb.and(conds);
  };
}

const likePrefix = (q: string) => `${q.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * Few matches: one uncorrelated id set (household number, or any member's name or ID number — the
 * head is a member), which the planner turns into a semi-join driven by the indexes.
 */
function narrowMatch(eb: HEB, q: string, scope: string) {
  const like = likePrefix(q);
  return eb(
    'h.id',
    'in',
    eb
      // household numbers from the national key table: its index of numbers answers a prefix
      // (the partition's index leads with the village, so a prefix there scans the whole region)
      .selectFrom('household_key as hn')
      .select('hn.id')
      .where('hn.household_no', 'like', like)
      .where(inRegion('hn.village_code', scope))
      .unionAll(
        eb
          .selectFrom('member as m')
          .select('m.household_id as id')
          .where((m) => m.or([m('m.name', 'like', like), m('m.id_number', 'like', like.toUpperCase())]))
          .where(inRegion('m.village_code', scope)),
      ),
  );
}

/**
 * Many matches (a broad prefix): hashed id sets read from the covering indexes (migration 025) and
 * tested per household in the list's order, so the first page and a capped count stop early.
 */
function broadMatch(eb: HEB, q: string, scope: string) {
  const like = likePrefix(q);
  const members = () =>
    eb.selectFrom('member as m').select('m.household_id').where(inRegion('m.village_code', scope));
  return eb.or([
    eb('h.household_no', 'like', like),
    eb('h.id', 'in', members().where('m.name', 'like', like)),
    eb('h.id', 'in', members().where('m.id_number', 'like', like.toUpperCase())),
  ]);
}

/** Matches beyond which a search is broad and its count is capped. */
export const COUNT_CAP = 1000;

/** Whether a search prefix matches at least COUNT_CAP rows (members or household numbers; index only). */
async function isBroad(db: Kysely<DB>, q: string, scope: string): Promise<boolean> {
  const like = likePrefix(q);
  const within = inRegion('village_code', scope);
  const r = await sql<{ n: number }>`select count(*)::int as n from (
      select 1 from member where name like ${like} and ${within}
      union all select 1 from member where id_number like ${like.toUpperCase()} and ${within}
      union all select 1 from household_key where household_no like ${like} and ${within}
      limit ${COUNT_CAP}) x`.execute(db);
  return (r.rows[0]?.n ?? 0) >= COUNT_CAP;
}

export const householdRepository = {
  async list(db: Kysely<DB>, f: HouseholdFilter) {
    const broad = f.q ? await isBroad(db, f.q, f.scope) : false;
    const base = db.selectFrom('household as h').where(filtered(f, broad));
    // a broad search counts up to COUNT_CAP (+1 to know there are more): "1000+"
    const counted = broad ? base.select(sql.lit(1).as('one')).limit(COUNT_CAP + 1) : undefined;
    const count = counted
      ? await db
          .selectFrom(counted.as('c'))
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      : await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const n = Number(count.n);
    const rows = await base
      .innerJoin('region as v', 'v.code', 'h.village_code')
      .leftJoin('region as t', 't.code', 'v.parent_code')
      .leftJoin('household_year as y', (j) =>
        // a household's years lie in its province's partition (migration 044): name it, to prune
        j
          .onRef('y.household_id', '=', 'h.id')
          .on('y.year', '=', f.year ?? -1)
          .on(inRegion('y.village_code', provinceOf(f.scope))),
      )
      .select([
        'h.id',
        'h.household_no',
        'h.village_code',
        'v.name as village_name',
        't.name as township_name',
        'h.head_name',
        'h.size',
        'h.status',
        'h.household_type',
        'h.main_cause',
        'y.per_capita_income',
        'y.year as income_year',
        (eb) =>
          eb
            .selectFrom('member as m')
            .select('m.id_number')
            .whereRef('m.household_id', '=', 'h.id')
            .whereRef('m.village_code', '=', 'h.village_code')
            .where('m.relation', '=', 'head')
            .where('m.member_status', '=', 'present')
            .limit(1)
            .as('head_id_number'),
      ])
      .orderBy(f.sort === 'per_capita_income' ? 'y.per_capita_income' : `h.${f.sort}`, (ob) =>
        f.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast(),
      )
      .orderBy('h.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { total: Math.min(n, broad ? COUNT_CAP : n), totalCapped: broad && n > COUNT_CAP, rows };
  },

  byId: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst(),
  members: (db: Kysely<DB>, id: string) =>
    db.selectFrom('member').selectAll().where('household_id', '=', id).orderBy('id').execute(),
  years: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household_year').selectAll().where('household_id', '=', id).orderBy('year').execute(),
  statusHistory: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('status_history')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('changed_on')
      .orderBy('id')
      .execute(),
};

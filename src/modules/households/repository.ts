import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type OrderByItemBuilder,
  type SqlBool,
} from 'kysely';
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

/**
 * How a search prefix is matched: `narrow` an id set the planner joins (the export's), `few` the same
 * set read first into an array — a known-small set (fewer than COUNT_CAP matches, `isBroad`) then
 * drives the household lookups by key, where the planner, misjudging a set's size, would scan the whole
 * region — and `broad` hashed id sets tested per household.
 */
export type Match = 'narrow' | 'few' | 'broad';

/** Households (aliased `h`) matching a region and the list filters. */
export function filtered(f: HouseholdWhere, match: Match = 'narrow') {
  return (eb: HEB) => {
    const conds: Expression<SqlBool>[] = [inRegion('h.village_code', f.scope)];
    if (f.status) conds.push(eb('h.status', '=', f.status));
    if (f.type) conds.push(eb('h.household_type', '=', f.type));
    if (f.cause)
      conds.push(eb.or([eb('h.main_cause', '=', f.cause), sql<SqlBool>`${f.cause} = any(h.other_causes)`]));
    if (f.q)
      conds.push(
        match === 'broad'
          ? broadMatch(eb, f.q, f.scope)
          : match === 'few'
            ? sql<SqlBool>`h.id = any(array(${matchingIds(eb, f.q, f.scope)}))`
            : eb('h.id', 'in', matchingIds(eb, f.q, f.scope)),
      );
    return eb.and(conds);
  };
}

const likePrefix = (q: string) => `${q.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * Few matches: one uncorrelated id set (household number, or any member's name or ID number — the
 * head is a member), read from the indexes.
 */
function matchingIds(eb: HEB, q: string, scope: string) {
  const like = likePrefix(q);
  return (
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
      )
  );
}

/**
 * Many matches (a broad prefix): hashed id sets read from the covering indexes (migration 025) and
 * tested per household of the region (cheaper than thousands of lookups by key).
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

/** How many households match (the old two-step count): for a page past the end, which counts nothing. */
async function countMatches(db: Kysely<DB>, f: HouseholdWhere, match: Match): Promise<number> {
  const base = db.selectFrom('household as h').where(filtered(f, match));
  // a broad search counts up to COUNT_CAP (+1 to know there are more): "1000+"
  const count =
    match === 'broad'
      ? await db
          .selectFrom(
            base
              .select(sql.lit(1).as('one'))
              .limit(COUNT_CAP + 1)
              .as('c'),
          )
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      : await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(count.n);
}

export const householdRepository = {
  /**
   * One page of the list and the count of all matching households, in one query: the matching
   * households are counted, sorted and cut to the page; only the page's rows are then joined to their
   * village, township, year and head's ID number. A search whose matches are few (`isBroad`) reads
   * them by key.
   */
  async list(db: Kysely<DB>, f: HouseholdFilter) {
    const match: Match = f.q ? ((await isBroad(db, f.q, f.scope)) ? 'broad' : 'few') : 'narrow';
    const byIncome = f.sort === 'per_capita_income';
    const direction = (ob: OrderByItemBuilder) =>
      f.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast();
    // a household's years lie in its province's partition (migration 044): name it, to prune
    const yearRow = (y: 'y' | 'ys') =>
      sql<SqlBool>`${sql.ref(`${y}.household_id`)} = h.id and ${sql.ref(`${y}.year`)} = ${f.year ?? -1}
        and ${inRegion(`${y}.village_code`, provinceOf(f.scope))}`;
    // the page's keys first: the households' ids in the list's order (the default order, by number,
    // read from the index alone: migration 059), counted; then only the page's rows are read
    const page = db
      .selectFrom('household as h')
      .where(filtered(f, match))
      .select([
        'h.id',
        'h.village_code',
        byIncome
          ? sql<
              string | null
            >`(select ys.per_capita_income from household_year ys where ${yearRow('ys')})`.as('sort_key')
          : sql<unknown>`${sql.ref(`h.${f.sort}`)}`.as('sort_key'),
        // with a search, the matches are few or all read for the sort anyway: counted as they pass;
        // a plain list is counted apart (an index-only count), once, in the same statement
        f.q
          ? sql<string>`count(*) over ()`.as('matched')
          : (eb) =>
              eb
                .selectFrom('household as h')
                .where(filtered(f, match))
                .select(sql<string>`count(*)`.as('n'))
                .as('matched'),
      ])
      .orderBy('sort_key', direction)
      .orderBy('h.id')
      .limit(f.limit)
      .offset(f.offset);
    const rows = await db
      .selectFrom(page.as('p'))
      .innerJoin('household as h', (j) =>
        j
          .onRef('h.id', '=', 'p.id')
          .onRef('h.village_code', '=', 'p.village_code')
          .on(inRegion('h.village_code', f.scope)),
      )
      .innerJoin('region as v', 'v.code', 'h.village_code')
      .leftJoin('region as t', 't.code', 'v.parent_code')
      .leftJoin('household_year as y', (j) => j.on(yearRow('y')))
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
        'p.matched',
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
      .orderBy('p.sort_key', direction)
      .orderBy('p.id')
      .execute();
    const n = rows[0] ? Number(rows[0].matched) : f.offset === 0 ? 0 : await countMatches(db, f, match);
    const broad = match === 'broad';
    return {
      total: broad ? Math.min(n, COUNT_CAP) : n,
      totalCapped: broad && n > COUNT_CAP,
      rows: rows.map(({ matched: _matched, ...r }) => r),
    };
  },

  byId: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').selectAll().where('id', '=', id).executeTakeFirst(),
  /** `villageCode`, the household's when known: its members lie in that province's partition (044). */
  members: (db: Kysely<DB>, id: string, villageCode?: string) =>
    db
      .selectFrom('member')
      .selectAll()
      .where('household_id', '=', id)
      .$if(villageCode !== undefined, (qb) => qb.where(inRegion('village_code', provinceOf(villageCode!))))
      .orderBy('id')
      .execute(),
  /** `villageCode`, the household's when known: its years lie in that province's partition (044). */
  years: (db: Kysely<DB>, id: string, villageCode?: string) =>
    db
      .selectFrom('household_year')
      .selectAll()
      .where('household_id', '=', id)
      .$if(villageCode !== undefined, (qb) => qb.where(inRegion('village_code', provinceOf(villageCode!))))
      .orderBy('year')
      .execute(),
  statusHistory: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('status_history')
      .selectAll()
      .where('household_id', '=', id)
      .orderBy('changed_on')
      .orderBy('id')
      .execute(),
};

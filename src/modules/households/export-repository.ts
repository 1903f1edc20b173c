import { sql, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/types.js';
import { filtered, type HouseholdWhere } from './repository.js';

/** Position after the last household of a page, in export order (village code, household number). */
export interface ExportCursor {
  villageCode: string;
  householdNo: string;
}

const after = (c: ExportCursor | null) =>
  c
    ? sql<SqlBool>`(h.village_code, h.household_no) > (${c.villageCode}, ${c.householdNo})`
    : sql<SqlBool>`true`;

/** One keyset page of matching households with place names, the head's ID number and a year's income. */
const householdPage = (
  db: Kysely<DB>,
  where: HouseholdWhere,
  year: number | null,
  cursor: ExportCursor | null,
  limit: number,
) =>
  db
    .selectFrom('household as h')
    .where(filtered(where))
    .where(after(cursor))
    .innerJoin('region as v', 'v.code', 'h.village_code')
    .leftJoin('region as t', 't.code', 'v.parent_code')
    .leftJoin('household_year as y', (j) =>
      j.onRef('y.household_id', '=', 'h.id').on('y.year', '=', year ?? -1),
    )
    .selectAll('h')
    .select([
      'v.name as village_name',
      't.name as township_name',
      'y.per_capita_income',
      (eb) =>
        eb
          .selectFrom('member as m')
          .select('m.id_number')
          .whereRef('m.household_id', '=', 'h.id')
          .where('m.relation', '=', 'head')
          .where('m.member_status', '=', 'present')
          .limit(1)
          .as('head_id_number'),
    ])
    .orderBy('h.village_code')
    .orderBy('h.household_no')
    .limit(limit)
    .execute();

export const exportRepository = {
  households: householdPage,

  /** The latest year with income data, read in the export's own (read-only) snapshot. */
  async latestYear(db: Kysely<DB>): Promise<number | null> {
    const r = await db
      .selectFrom('household_year')
      .select((eb) => eb.fn.max('year').as('y'))
      .executeTakeFirst();
    return r?.y ?? null;
  },

  /** Present members of some households: the head first, then in the order they were registered. */
  presentMembers: (db: Kysely<DB>, householdIds: string[]) =>
    householdIds.length
      ? db
          .selectFrom('member')
          .selectAll()
          .where('household_id', 'in', householdIds)
          .where('member_status', '=', 'present')
          .orderBy('household_id')
          .orderBy(sql`relation = 'head'`, 'desc')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),

  /** Every matching household, in keyset pages of `pageSize`, so memory stays flat however many match. */
  async *pages(db: Kysely<DB>, where: HouseholdWhere, year: number | null, pageSize = 1000) {
    let cursor: ExportCursor | null = null;
    for (;;) {
      const page = await householdPage(db, where, year, cursor, pageSize);
      if (page.length) yield page;
      if (page.length < pageSize) return;
      const last = page.at(-1)!;
      cursor = { villageCode: last.village_code, householdNo: last.household_no };
    }
  },
};

export type ExportHouseholdRow = Awaited<ReturnType<typeof householdPage>>[number];

import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
} from 'kysely';
import type { DB, DepartmentRecordTable, MatchFlagTable } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export interface FlagFilter {
  scope: string;
  status?: string | undefined;
  kind?: string | undefined;
  matchType?: string | undefined;
  listId?: string | undefined;
  householdId?: string | undefined;
  id?: string | undefined;
  limit: number;
  offset: number;
}

/** A hit of a record on a present member, with what the flag rules read. */
export interface Candidate {
  record_id: string;
  record_id_number: string;
  attributes: Record<string, string>;
  member_id: string;
  birth_date: string;
  member_status: string;
  is_dibao: boolean;
  is_tekun: boolean;
  household_id: string;
  village_code: string;
  household_type: string;
  house_grade: string | null;
}

type FEB = ExpressionBuilder<DB & { f: MatchFlagTable } & { h: DB['household'] }, 'f' | 'h'>;

function flagConditions(f: FlagFilter) {
  return (eb: FEB) => {
    const conds: Expression<SqlBool>[] = [inRegion('h.village_code', f.scope)];
    if (f.status) conds.push(eb('f.status', '=', f.status));
    if (f.kind) conds.push(eb('f.list_kind', '=', f.kind));
    if (f.matchType) conds.push(eb('f.match_type', '=', f.matchType));
    if (f.listId) conds.push(eb('f.list_id', '=', f.listId));
    if (f.householdId) conds.push(eb('f.household_id', '=', f.householdId));
    if (f.id) conds.push(eb('f.id', '=', f.id));
    return eb.and(conds);
  };
}

const candidateColumns = sql`
  r.id as record_id, r.id_number as record_id_number, r.attributes,
  m.id as member_id, m.birth_date, m.member_status, m.is_dibao, m.is_tekun,
  h.id as household_id, h.village_code, h.household_type, h.house_grade`;

export const matchingRepository = {
  /** The village of a household (for the scope check of its flags). */
  householdRegion: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').select('village_code').where('id', '=', id).executeTakeFirst(),

  findList: (db: Kysely<DB>, kind: string, sha256: string, scope: string) =>
    db
      .selectFrom('department_list')
      .selectAll()
      .where('kind', '=', kind)
      .where('sha256', '=', sha256)
      .where('scope_code', '=', scope)
      .executeTakeFirst(),

  insertList: (db: Kysely<DB>, row: Insertable<DB['department_list']>) =>
    db.insertInto('department_list').values(row).returningAll().executeTakeFirstOrThrow(),

  setListCounts: (db: Kysely<DB>, id: string, rows: number, invalidIds: number) =>
    db.updateTable('department_list').set({ rows, invalid_ids: invalidIds }).where('id', '=', id).execute(),

  insertRecords: (db: Kysely<DB>, rows: Insertable<DepartmentRecordTable>[]) =>
    rows.length ? db.insertInto('department_record').values(rows).execute() : Promise.resolve([]),

  /** Records whose valid ID number is a present member's, in the scope. */
  exactCandidates: async (db: Kysely<DB>, listId: string, scope: string) =>
    (
      await sql<Candidate>`
        select ${candidateColumns}
        from department_record r
        join member m on m.id_number = r.id_number and m.member_status = 'present'
        join household h on h.id = m.household_id
        where r.list_id = ${listId} and r.id_valid and ${inRegion('h.village_code', scope)}`.execute(db)
    ).rows,

  /**
   * Records with a present member of the same name and birth date but another ID number (a typo on
   * either side), unless the record's ID number already matched someone in the scope.
   */
  fuzzyCandidates: async (db: Kysely<DB>, listId: string, scope: string) =>
    (
      await sql<Candidate>`
        select ${candidateColumns}
        from department_record r
        join member m on m.name = r.name and m.birth_date = r.birth_date
          and m.id_number <> r.id_number and m.member_status = 'present'
        join household h on h.id = m.household_id
        where r.list_id = ${listId} and r.birth_date is not null and r.name <> ''
          and ${inRegion('h.village_code', scope)}
          and not exists (
            select 1 from member m2 join household h2 on h2.id = m2.household_id
            where r.id_valid and m2.id_number = r.id_number and m2.member_status = 'present'
              and ${inRegion('h2.village_code', scope)})`.execute(db)
    ).rows,

  /** Insert flags; those already raised (same member, kind, match type, record ID) are left alone. */
  insertFlags: async (db: Kysely<DB>, rows: Insertable<MatchFlagTable>[]) => {
    if (!rows.length) return 0;
    const created = await db
      .insertInto('match_flag')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['member_id', 'list_kind', 'match_type', 'record_id_number']).doNothing(),
      )
      .returning('id')
      .execute();
    return created.length;
  },

  async listFlags(db: Kysely<DB>, f: FlagFilter) {
    const base = db
      .selectFrom('match_flag as f')
      .innerJoin('household as h', 'h.id', 'f.household_id')
      .where(flagConditions(f));
    const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .innerJoin('member as m', 'm.id', 'f.member_id')
      .innerJoin('department_record as r', 'r.id', 'f.record_id')
      .innerJoin('department_list as l', 'l.id', 'f.list_id')
      .leftJoin('region as v', 'v.code', 'h.village_code')
      .select([
        'f.id',
        'f.household_id',
        'h.household_no',
        'h.village_code',
        'v.name as village_name',
        'h.head_name',
        'f.member_id',
        'm.name as member_name',
        'm.id_number as member_id_number',
        'm.birth_date as member_birth_date',
        'f.list_kind',
        'f.list_id',
        'l.department',
        'l.file_name',
        'r.row_no',
        'r.name as record_name',
        'r.id_number as record_id_number',
        'r.birth_date as record_birth_date',
        'r.attributes',
        'f.match_type',
        'f.flag_kind',
        'f.effect',
        'f.reasons',
        'f.status',
        'f.reviewer_name',
        'f.reviewed_at',
        'f.reason',
        'f.created_at',
      ])
      .orderBy('f.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    return { total: Number(count.n), rows };
  },

  /** Flags in the scope counted by list kind, match type and status. */
  summary: async (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('match_flag as f')
      .innerJoin('household as h', 'h.id', 'f.household_id')
      .where(inRegion('h.village_code', scope))
      .select(['f.list_kind', 'f.match_type', 'f.status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['f.list_kind', 'f.match_type', 'f.status'])
      .execute(),

  /** Lists matched in a region that overlaps the scope (inside it, or containing it). */
  async lists(db: Kysely<DB>, scope: string, limit: number, offset: number) {
    const overlaps = sql<SqlBool>`(${inRegion('l.scope_code', scope, true)} or starts_with(${scope}, l.scope_code))`;
    const base = db.selectFrom('department_list as l').where(overlaps);
    const count = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .selectAll('l')
      .select((eb) =>
        eb
          .selectFrom('match_flag as f')
          .innerJoin('household as h', 'h.id', 'f.household_id')
          .whereRef('f.list_id', '=', 'l.id')
          .where(inRegion('h.village_code', scope))
          .select((e2) => e2.fn.countAll<string>().as('n'))
          .as('flags'),
      )
      .orderBy('l.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return { total: Number(count.n), rows };
  },

  /** One flag with its household's village, locked for the rest of the transaction. */
  flagForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('match_flag as f')
      .innerJoin('household as h', 'h.id', 'f.household_id')
      .select([
        'f.id',
        'f.status',
        'f.list_kind',
        'f.flag_kind',
        'f.effect',
        'f.member_id',
        'f.household_id',
        'f.reviewer_name',
        'f.reviewed_at',
        'f.reason',
        'h.village_code',
      ])
      .where('f.id', '=', id)
      .forUpdate('f')
      .executeTakeFirst(),

  setReview: (
    db: Kysely<DB>,
    id: string,
    r: { status: string; reviewerId: string; reviewerName: string; reason: string; at: Date },
  ) =>
    db
      .updateTable('match_flag')
      .set({
        status: r.status,
        reviewer_id: r.reviewerId,
        reviewer_name: r.reviewerName,
        reviewed_at: r.at,
        reason: r.reason,
      })
      .where('id', '=', id)
      .execute(),
};

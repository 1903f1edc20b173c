import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** A present member with its household, as duplicate groups show them. */
export interface PersonRow {
  id: string;
  name: string;
  sex: string;
  id_number: string;
  birth_date: string;
  relation: string;
  member_status: string;
  version: number;
  household_id: string;
  household_no: string;
  village_code: string;
  village_name: string | null;
  head_name: string | null;
  size: number;
  status: string;
  household_version: number;
}

const personColumns = sql`
  m.id, m.name, m.sex, m.id_number, m.birth_date, m.relation, m.member_status, m.version,
  h.id as household_id, h.household_no, h.village_code, v.name as village_name, h.head_name, h.size,
  h.status, h.version as household_version`;

export const duplicateRepository = {
  /** Present members whose ID number is present in two or more households, one of them in the scope. */
  sameIdPersons: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<PersonRow>`
        with ids as (
          select m.id_number from member m
          where m.member_status = 'present' and m.id_number in (
            select m2.id_number from member m2 join household h2 on h2.id = m2.household_id
            where m2.member_status = 'present' and ${inRegion('h2.village_code', scope)})
          group by m.id_number having count(distinct m.household_id) > 1)
        select ${personColumns}
        from member m join household h on h.id = m.household_id left join region v on v.code = h.village_code
        where m.member_status = 'present' and m.id_number in (select id_number from ids)
        order by m.id_number, h.id, m.id`.execute(db)
    ).rows,

  /** Present members sharing name and birth date with another ID number in one village of the scope. */
  nearPersonCandidates: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<PersonRow>`
        with g as (
          select h.village_code, m.name, m.birth_date from member m join household h on h.id = m.household_id
          where m.member_status = 'present' and ${inRegion('h.village_code', scope)}
          group by h.village_code, m.name, m.birth_date having count(distinct m.id_number) > 1)
        select ${personColumns}
        from member m join household h on h.id = m.household_id left join region v on v.code = h.village_code
        join g on g.village_code = h.village_code and g.name = m.name and g.birth_date = m.birth_date
        where m.member_status = 'present'
        order by h.village_code, m.name, m.birth_date, m.id`.execute(db)
    ).rows,

  /** Pairs of households of one village in the scope sharing a present member's ID number or the head's name. */
  householdPairCandidates: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{ a: string; b: string }>`
        select distinct least(m1.household_id, m2.household_id) as a, greatest(m1.household_id, m2.household_id) as b
        from member m1
        join member m2 on m2.id_number = m1.id_number and m2.household_id <> m1.household_id
        join household h1 on h1.id = m1.household_id
        join household h2 on h2.id = m2.household_id
        where m1.member_status = 'present' and m2.member_status = 'present'
          and h1.village_code = h2.village_code and ${inRegion('h1.village_code', scope)}
        union
        select h1.id, h2.id from household h1
        join household h2 on h2.village_code = h1.village_code and h2.head_name = h1.head_name and h2.id > h1.id
        where ${inRegion('h1.village_code', scope)}`.execute(db)
    ).rows,

  /** Present members of the given households. */
  presentMembersOf: async (db: Kysely<DB>, householdIds: string[]) =>
    householdIds.length === 0
      ? []
      : (
          await sql<PersonRow>`
            select ${personColumns}
            from member m join household h on h.id = m.household_id left join region v on v.code = h.village_code
            where m.member_status = 'present' and h.id = any(${householdIds}::bigint[])
            order by h.id, m.id`.execute(db)
        ).rows,

  householdsByIds: (db: Kysely<DB>, ids: string[]) =>
    db.selectFrom('household').select(['id', 'village_code']).where('id', 'in', ids).execute(),

  membersByIds: (db: Kysely<DB>, ids: string[]) =>
    db
      .selectFrom('member as m')
      .innerJoin('household as h', 'h.id', 'm.household_id')
      .select(['m.id', 'h.village_code'])
      .where('m.id', 'in', ids)
      .execute(),

  dismissedAmong: async (db: Kysely<DB>, kind: string, keys: string[]) =>
    new Set(
      keys.length === 0
        ? []
        : (
            await db
              .selectFrom('duplicate_dismissal')
              .select('key')
              .where('kind', '=', kind)
              .where('key', 'in', keys)
              .execute()
          ).map((r) => r.key),
    ),

  dismiss: (
    db: Kysely<DB>,
    rows: {
      kind: string;
      key: string;
      region_code: string | null;
      reason: string;
      dismissed_by: string;
      dismissed_by_name: string;
    }[],
  ) =>
    db
      .insertInto('duplicate_dismissal')
      .values(rows)
      .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
      .returning(['kind', 'key'])
      .execute(),
};

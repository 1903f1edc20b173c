import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { RED_LINE_KINDS } from '../../domain/matching/kinds.js';

const DRAFT_COLUMNS = [
  'id',
  'village_code',
  'owner_id',
  'payload',
  'version',
  'state',
  'household_id',
  'created_at',
  'updated_at',
] as const;

export const registrationRepository = {
  /** A new draft; one with a device key already used by its owner inserts nothing (undefined). */
  insertDraft: (
    db: Kysely<DB>,
    row: { village_code: string; owner_id: string; payload: string; at: Date; client_key: string | null },
  ) =>
    db
      .insertInto('registration_draft')
      .values({
        village_code: row.village_code,
        owner_id: row.owner_id,
        payload: row.payload,
        client_key: row.client_key,
        created_at: row.at,
        updated_at: row.at,
      })
      .onConflict((oc) =>
        oc.columns(['owner_id', 'client_key']).where('client_key', 'is not', null).doNothing(),
      )
      .returning(DRAFT_COLUMNS)
      .executeTakeFirst(),

  draft: (db: Kysely<DB>, id: string) =>
    db.selectFrom('registration_draft').select(DRAFT_COLUMNS).where('id', '=', id).executeTakeFirst(),

  lockDraft: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('registration_draft')
      .select(DRAFT_COLUMNS)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  /** The owner's drafts still open, latest first. */
  openDrafts: (db: Kysely<DB>, ownerId: string) =>
    db
      .selectFrom('registration_draft as d')
      .leftJoin('region as r', 'r.code', 'd.village_code')
      .select([...DRAFT_COLUMNS.map((c) => `d.${c}` as const), 'r.name as village_name'])
      .where('d.owner_id', '=', ownerId)
      .where('d.state', '=', 'open')
      .orderBy('d.updated_at', 'desc')
      .orderBy('d.id', 'desc')
      .limit(200)
      .execute(),

  updateDraft: (
    db: Kysely<DB>,
    id: string,
    set: { payload?: string; state?: 'open' | 'submitted' | 'discarded'; household_id?: string; at: Date },
  ) =>
    db
      .updateTable('registration_draft')
      .set({
        ...(set.payload !== undefined && { payload: set.payload }),
        ...(set.state !== undefined && { state: set.state }),
        ...(set.household_id !== undefined && { household_id: set.household_id }),
        version: sql<number>`version + 1`,
        updated_at: set.at,
      })
      .where('id', '=', id)
      .returning(DRAFT_COLUMNS)
      .executeTakeFirstOrThrow(),

  /** Whether the code is a village (level 5) of the division list. */
  isVillage: async (db: Kysely<DB>, code: string) =>
    (await db
      .selectFrom('region')
      .select('code')
      .where('code', '=', code)
      .where('level', '=', 5)
      .executeTakeFirst()) !== undefined,

  /** Present members of the registry (anywhere in the country) holding these ID numbers. */
  holders: (db: Kysely<DB>, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('member as m')
          .innerJoin('household as h', 'h.id', 'm.household_id')
          .select(['m.id_number', 'h.household_no', 'h.village_code'])
          .where('m.id_number', 'in', ids)
          .where('m.member_status', '=', 'present')
          .execute(),

  /** Records of red-line department lists (vehicles, real estate, …) naming these ID numbers, for a village. */
  redLineRecords: (db: Kysely<DB>, ids: string[], village: string) =>
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('department_record as r')
          .innerJoin('department_list as l', 'l.id', 'r.list_id')
          .select(['r.id_number', 'l.kind', 'l.department', 'l.file_name'])
          .where('r.id_number', 'in', ids)
          .where('r.id_valid', '=', true)
          .where('l.kind', 'in', [...RED_LINE_KINDS])
          .where(sql<boolean>`${village} like l.scope_code || '%'`)
          .orderBy('r.id')
          .limit(100)
          .execute(),

  /** The next free household number of a village: its code and a 4-digit serial (16 characters). */
  async nextHouseholdNo(db: Kysely<DB>, village: string): Promise<string> {
    const row = await db
      .selectFrom('household')
      .select(sql<string | null>`max(household_no)`.as('max'))
      .where('household_no', 'like', `${village}____`)
      .where(sql<boolean>`household_no ~ '^[0-9]{16}$'`)
      .executeTakeFirst();
    const next = row?.max ? Number(row.max.slice(12)) + 1 : 1;
    return `${village}${String(next).padStart(4, '0')}`;
  },

  householdOf: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code', 'version', 'household_no'])
      .where('id', '=', id)
      .executeTakeFirst(),

  householdIdByNo: (db: Kysely<DB>, no: string) =>
    db.selectFrom('household').select('id').where('household_no', '=', no).executeTakeFirstOrThrow(),

  /** The members of a household with their ID numbers (to find the ones a registration wrote). */
  memberNumbers: (db: Kysely<DB>, householdId: string) =>
    db.selectFrom('member').select(['id', 'id_number']).where('household_id', '=', householdId).execute(),

  /**
   * Present members of a county with one of these name and birth date pairs (a near duplicate of a
   * person being registered, whatever the ID number), with their household and village.
   */
  namesakes: (db: Kysely<DB>, county: string, people: { name: string; birth_date: string }[]) =>
    people.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('member as m')
          .innerJoin('household as h', 'h.id', 'm.household_id')
          .leftJoin('region as r', 'r.code', 'h.village_code')
          .select([
            'm.name',
            'm.birth_date',
            'm.id_number',
            'h.household_no',
            'h.village_code',
            'r.name as village_name',
          ])
          .where('m.name', 'in', [...new Set(people.map((p) => p.name))])
          .where('m.birth_date', 'in', [...new Set(people.map((p) => p.birth_date))])
          .where('m.member_status', '=', 'present')
          .where('h.village_code', 'like', `${county}%`)
          .orderBy('h.household_no')
          .limit(100)
          .execute(),

  /** The user's draft started on a device under this key (a resend of the same creation). */
  draftByClientKey: (db: Kysely<DB>, ownerId: string, key: string) =>
    db
      .selectFrom('registration_draft')
      .select(DRAFT_COLUMNS)
      .where('owner_id', '=', ownerId)
      .where('client_key', '=', key)
      .executeTakeFirst(),

  membersOf: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('member')
      .select(['id', 'name', 'birth_date', 'member_status', 'relation'])
      .where('household_id', '=', householdId)
      .orderBy('id')
      .execute(),

  insertEvent: (
    db: Kysely<DB>,
    row: {
      village_code: string;
      household_id: string;
      member_id: string;
      kind: string;
      event_date: string;
      note: string;
      recorded_by: string;
      recorded_at: Date;
    },
  ) => db.insertInto('member_event').values(row).returning('id').executeTakeFirstOrThrow(),

  eventsOf: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('member_event as e')
      .innerJoin('member as m', 'm.id', 'e.member_id')
      .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
      .select([
        'e.id',
        'e.member_id',
        'm.name as member_name',
        'e.kind',
        'e.event_date',
        'e.note',
        'e.recorded_at',
        'u.display_name as recorded_by_name',
      ])
      .where('e.household_id', '=', householdId)
      .orderBy('e.event_date', 'desc')
      .orderBy('e.id', 'desc')
      .execute(),
};
export type DraftRow = NonNullable<Awaited<ReturnType<typeof registrationRepository.draft>>>;

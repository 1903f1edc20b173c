import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OwnerKind } from '../../domain/attachments/kinds.js';

/** Where an owner object lies: its region (village; a grievance: its township) and its household. */
export interface OwnerPlace {
  regionCode: string;
  householdId: string | null;
}

/** The region and household of each kind of owner, by id (SQL only; one row or none). */
const OWNER_SQL: Record<OwnerKind, (id: string) => ReturnType<typeof sql<OwnerRow>>> = {
  household: (id) =>
    sql<OwnerRow>`select village_code as region, id as household from household where id = ${id}`,
  member: (id) =>
    sql<OwnerRow>`select h.village_code as region, h.id as household
      from member m join household h on h.id = m.household_id where m.id = ${id}`,
  case: (id) =>
    sql<OwnerRow>`select village_code as region, household_id as household from case_file where id = ${id}`,
  visit: (id) =>
    sql<OwnerRow>`select h.village_code as region, h.id as household
      from visit v join household h on h.id = v.household_id where v.id = ${id}`,
  project: (id) =>
    sql<OwnerRow>`select village_code as region, null::bigint as household from project where id = ${id}`,
  project_followup: (id) =>
    sql<OwnerRow>`select p.village_code as region, null::bigint as household
      from project_followup f join project p on p.id = f.project_id where f.id = ${id}`,
  grievance: (id) =>
    sql<OwnerRow>`select township_code as region, household_id as household from grievance where id = ${id}`,
};
interface OwnerRow {
  region: string;
  household: string | null;
}

/** The columns of a listed attachment (never its bytes). */
const LISTED = [
  'id',
  'region_code',
  'owner_kind',
  'owner_id',
  'kind',
  'file_name',
  'media_type',
  'byte_size',
  'sha256',
  'width',
  'height',
  'taken_at',
  'latitude',
  'longitude',
  'place_source',
  'time_source',
  'note',
  'uploaded_by',
  'uploaded_at',
  'deleted_at',
] as const;

export interface NewAttachment {
  region_code: string;
  owner_kind: OwnerKind;
  owner_id: string;
  household_id: string | null;
  kind: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Buffer;
  thumbnail: Buffer | null;
  width: number | null;
  height: number | null;
  taken_at: Date | null;
  latitude: number | null;
  longitude: number | null;
  place_source: 'exif' | 'client' | null;
  time_source: 'exif' | 'client' | null;
  note: string | null;
  uploaded_by: string;
  uploaded_at: Date;
}

export const attachmentRepository = {
  async owner(db: Kysely<DB>, kind: OwnerKind, id: string): Promise<OwnerPlace | null> {
    const { rows } = await OWNER_SQL[kind](id).execute(db);
    const r = rows[0];
    return r
      ? { regionCode: r.region, householdId: r.household === null ? null : String(r.household) }
      : null;
  },

  async insert(db: Kysely<DB>, row: NewAttachment): Promise<string> {
    const r = await db.insertInto('attachment').values(row).returning('id').executeTakeFirstOrThrow();
    return String(r.id);
  },

  /** The attachments of one owner, not deleted, newest first. */
  list(db: Kysely<DB>, kind: OwnerKind, id: string) {
    return db
      .selectFrom('attachment')
      .select(LISTED)
      .select(sql<boolean>`thumbnail is not null`.as('has_thumbnail'))
      .where('owner_kind', '=', kind)
      .where('owner_id', '=', id)
      .where('deleted_at', 'is', null)
      .orderBy('uploaded_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
  },

  /** One attachment's listing row (deleted ones too: the caller refuses them), optionally locked. */
  byId(db: Kysely<DB>, id: string) {
    return db
      .selectFrom('attachment')
      .select(LISTED)
      .select(sql<boolean>`thumbnail is not null`.as('has_thumbnail'))
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async bytes(db: Kysely<DB>, id: string, which: 'content' | 'thumbnail'): Promise<Buffer | null> {
    const r = await db.selectFrom('attachment').select(which).where('id', '=', id).executeTakeFirst();
    return r?.[which] ?? null;
  },

  async softDelete(db: Kysely<DB>, id: string, by: string, at: Date, reason: string): Promise<boolean> {
    const r = await db
      .updateTable('attachment')
      .set({ deleted_at: at, deleted_by: by, delete_reason: reason })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
export type AttachmentRow = NonNullable<Awaited<ReturnType<typeof attachmentRepository.byId>>>;

import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { CaseEventTable, CaseFileTable, DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';
import type { HouseholdEffect } from './effects.js';

export interface CaseFilter {
  scope: string;
  kind?: string | undefined;
  state?: string | undefined;
  /** true: open cases past their due date; false: all but those. */
  overdue?: boolean | undefined;
  householdId?: string | undefined;
  open?: boolean | undefined;
  today: string;
  limit: number;
  offset: number;
}

const withHousehold = (db: Kysely<DB>) =>
  db
    .selectFrom('case_file as c')
    .innerJoin('household as h', 'h.id', 'c.household_id')
    .leftJoin('region as v', 'v.code', 'c.village_code')
    .selectAll('c')
    .select([
      'h.household_no',
      'h.head_name',
      'h.status as household_status',
      'h.household_type',
      'v.name as village_name',
    ]);

export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRepository.byId>>>;

export const caseRepository = {
  byId: (db: Kysely<DB>, id: string) => withHousehold(db).where('c.id', '=', id).executeTakeFirst(),

  /** Lock the case row for the rest of the transaction (one transition at a time). */
  lock: (db: Kysely<DB>, id: string) =>
    db.selectFrom('case_file').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  events: (db: Kysely<DB>, caseId: string) =>
    db.selectFrom('case_event').selectAll().where('case_id', '=', caseId).orderBy('seq').execute(),

  async openCaseOf(db: Kysely<DB>, householdId: string, kind: string): Promise<string | null> {
    const r = await db
      .selectFrom('case_file')
      .select('id')
      .where('household_id', '=', householdId)
      .where('kind', '=', kind)
      .where('closed', '=', false)
      .executeTakeFirst();
    return r?.id ?? null;
  },

  async insert(db: Kysely<DB>, row: Insertable<CaseFileTable>): Promise<string> {
    const r = await db.insertInto('case_file').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async insertEvent(db: Kysely<DB>, row: Insertable<CaseEventTable>): Promise<void> {
    await db.insertInto('case_event').values(row).execute();
  },

  async update(db: Kysely<DB>, id: string, set: Updateable<CaseFileTable>): Promise<void> {
    await db
      .updateTable('case_file')
      .set({ ...set, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
  },

  async list(db: Kysely<DB>, f: CaseFilter) {
    let q = withHousehold(db).where(inRegion('c.village_code', f.scope));
    if (f.kind) q = q.where('c.kind', '=', f.kind);
    if (f.state) q = q.where('c.state', '=', f.state);
    if (f.householdId) q = q.where('c.household_id', '=', f.householdId);
    if (f.open !== undefined) q = q.where('c.closed', '=', !f.open);
    if (f.overdue === true) q = q.where('c.closed', '=', false).where('c.due_on', '<', f.today);
    if (f.overdue === false)
      q = q.where((eb) => eb.or([eb('c.due_on', 'is', null), eb('c.due_on', '>=', f.today)]));
    const [count, rows] = await Promise.all([
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
      q
        .orderBy(sql`c.due_on asc nulls last`)
        .orderBy('c.id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
    ]);
    return { total: Number(count.n), rows };
  },

  householdForUpdate: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'status', 'household_type', 'village_code', 'monitoring_category', 'version'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  /** Apply a decided case to the household and write its status-history row. */
  async applyEffect(
    db: Kysely<DB>,
    h: { id: string; status: string; village_code: string },
    e: HouseholdEffect,
    at: { today: string; now: Date; actorId: string; reason: string },
  ): Promise<void> {
    await db
      .updateTable('household')
      .set({
        ...(e.status && { status: e.status, status_date: at.today }),
        ...(e.householdType && { household_type: e.householdType }),
        ...(e.registeredYear && { registered_year: e.registeredYear }),
        ...(e.exitYear && { exit_year: e.exitYear }),
        ...(e.monitoringCategory !== undefined && { monitoring_category: e.monitoringCategory }),
        version: sql`version + 1`,
        updated_at: at.now,
      })
      .where('id', '=', h.id)
      .execute();
    if (e.dibaoMembers)
      await db
        .updateTable('member')
        .set({ is_dibao: true, version: sql`version + 1` })
        .where('household_id', '=', h.id)
        .where('member_status', '=', 'present')
        .execute();
    if (e.tekunMembers)
      await db
        .updateTable('member')
        .set({ is_tekun: true, is_dibao: false, version: sql`version + 1` })
        .where('household_id', '=', h.id)
        .where('member_status', '=', 'present')
        .execute();
    if (e.status && e.status !== h.status)
      await db
        .insertInto('status_history')
        .values({
          household_id: h.id,
          village_code: h.village_code,
          from_status: h.status,
          to_status: e.status,
          changed_on: at.today,
          reason: at.reason,
          actor_id: at.actorId,
        })
        .execute();
  },

  /** What a public notice may show: household number, names, size, and the place names. */
  async noticeRows(db: Kysely<DB>, householdId: string) {
    const h = await db
      .selectFrom('household as h')
      .leftJoin('region as v', 'v.code', 'h.village_code')
      .leftJoin('region as t', 't.code', 'v.parent_code')
      .leftJoin('region as c', 'c.code', 't.parent_code')
      .select([
        'h.household_no',
        'h.head_name',
        'h.village_code',
        'v.name as village',
        't.name as township',
        'c.name as county',
      ])
      .where('h.id', '=', householdId)
      .executeTakeFirstOrThrow();
    const members = await db
      .selectFrom('member')
      .select(['name', 'relation'])
      .where('household_id', '=', householdId)
      .where('member_status', '=', 'present')
      .orderBy(sql`relation = 'head'`, 'desc')
      .orderBy('id')
      .execute();
    return { h, memberNames: members.map((m) => m.name) };
  },

  /** Link a worklist item of the same household to the case opened from it. */
  async linkWorklistItem(db: Kysely<DB>, itemId: string, householdId: string, caseId: string) {
    const r = await db
      .updateTable('worklist_item')
      .set({ case_id: caseId })
      .where('id', '=', itemId)
      .where('household_id', '=', householdId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },
};

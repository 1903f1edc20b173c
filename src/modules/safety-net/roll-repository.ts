import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { AssistanceRollChangeTable, AssistanceRollTable, DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export type RollRow = Selectable<AssistanceRollTable>;

export interface RollFilter {
  scope: string;
  programme?: 'dibao' | 'tekun' | undefined;
  state?: 'active' | 'gradual_exit' | 'ceased' | undefined;
  category?: string | undefined;
  householdId?: string | undefined;
  /** Reviews due: open dibao entries whose next review is on or before this day. */
  dueBy?: string | undefined;
  limit: number;
  offset: number;
}

const listColumns = [
  'r.id',
  'r.programme',
  'r.household_id',
  'r.village_code',
  'r.member_id',
  'r.case_id',
  'r.category',
  'r.care_level',
  'r.persons',
  'r.monthly_amount',
  'r.state',
  'r.start_month',
  'r.end_month',
  'r.gradual_exit_until',
  'r.review_kind',
  'r.next_review_on',
  'r.cessation_reason',
  'r.ceased_on',
  'r.version',
  'h.household_no',
  'h.head_name',
  'reg.name as village_name',
] as const;

/** SQL of the rolls (assistance_roll, assistance_roll_change); private to the module. */
export const rollRepository = {
  async list(db: Kysely<DB>, f: RollFilter) {
    let q = db
      .selectFrom('assistance_roll as r')
      .innerJoin('household as h', 'h.id', 'r.household_id')
      .leftJoin('region as reg', 'reg.code', 'r.village_code')
      .where(inRegion('r.village_code', f.scope));
    if (f.programme) q = q.where('r.programme', '=', f.programme);
    if (f.state) q = q.where('r.state', '=', f.state);
    if (f.category) q = q.where('r.category', '=', f.category);
    if (f.householdId) q = q.where('r.household_id', '=', f.householdId);
    if (f.dueBy)
      q = q
        .where('r.programme', '=', 'dibao')
        .where('r.state', '<>', 'ceased')
        .where('r.next_review_on', '<=', f.dueBy);
    const [{ total }, rows] = await Promise.all([
      q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
      q
        .select([...listColumns])
        .orderBy(f.dueBy ? 'r.next_review_on' : 'r.id')
        .orderBy('r.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
    ]);
    return { total: Number(total), rows };
  },

  byId: (db: Kysely<DB>, id: string) =>
    db.selectFrom('assistance_roll').selectAll().where('id', '=', id).executeTakeFirst(),

  lock: (db: Kysely<DB>, id: string) =>
    db.selectFrom('assistance_roll').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

  /** The household's open entry (any programme): dibao and 特困 exclude each other. */
  openOf: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('assistance_roll')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('state', '<>', 'ceased')
      .executeTakeFirst(),

  async insert(db: Kysely<DB>, row: Insertable<AssistanceRollTable>): Promise<string> {
    const r = await db.insertInto('assistance_roll').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  update: (db: Kysely<DB>, id: string, set: Omit<Updateable<AssistanceRollTable>, 'id' | 'version'>) =>
    db
      .updateTable('assistance_roll')
      .set({ ...set, version: sql`version + 1` })
      .where('id', '=', id)
      .execute(),

  insertChange: (db: Kysely<DB>, row: Insertable<AssistanceRollChangeTable>) =>
    db.insertInto('assistance_roll_change').values(row).execute(),

  changes: (db: Kysely<DB>, rollId: string) =>
    db.selectFrom('assistance_roll_change').selectAll().where('roll_id', '=', rollId).orderBy('id').execute(),

  /** Entries paid in a month in a region: started by then, not ended before, gradual exit not over. */
  paidIn: (db: Kysely<DB>, scope: string, month: string) =>
    db
      .selectFrom('assistance_roll')
      .select(['id', 'programme', 'household_id', 'village_code', 'monthly_amount', 'category'])
      .where(inRegion('village_code', scope))
      .where('start_month', '<=', month)
      .where((eb) => eb.or([eb('end_month', 'is', null), eb('end_month', '>=', month)]))
      .where((eb) => eb.or([eb('state', '<>', 'ceased'), eb('end_month', 'is not', null)]))
      .where((eb) =>
        eb.or([
          eb('state', '<>', 'gradual_exit'),
          eb('gradual_exit_until', 'is', null),
          eb('gradual_exit_until', '>=', month),
        ]),
      )
      .orderBy('village_code')
      .orderBy('id')
      .execute(),

  /** Gradual exits whose last month is before `month`. */
  gradualExitsOver: (db: Kysely<DB>, scope: string, month: string) =>
    db
      .selectFrom('assistance_roll')
      .selectAll()
      .where(inRegion('village_code', scope))
      .where('state', '=', 'gradual_exit')
      .where('gradual_exit_until', '<', month)
      .forUpdate()
      .execute(),
};

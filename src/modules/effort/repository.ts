import { sql, type Insertable, type Kysely } from 'kysely';
import type {
  DB,
  IncentiveEntryTable,
  MemberEmploymentTable,
  MemberTrainingTable,
  WorkReliefWageTable,
} from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

/** The household's own effort (migration 043): rows only. docs/effort.md. */
export const effortRepository = {
  household: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').select(['id', 'village_code']).where('id', '=', id).executeTakeFirst(),

  /** The household row locked: one writer of its ledger or income at a time. */
  lockHousehold: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('household')
      .select(['id', 'village_code'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  member: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('member')
      .innerJoin('household', 'household.id', 'member.household_id')
      .select(['member.id', 'member.household_id', 'member.name', 'household.village_code'])
      .where('member.id', '=', id)
      .executeTakeFirst(),

  employment: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('member_employment as e')
      .innerJoin('member as m', 'm.id', 'e.member_id')
      .selectAll('e')
      .select('m.name as member_name')
      .where('e.household_id', '=', householdId)
      .orderBy('e.year', 'desc')
      .orderBy('e.id')
      .execute(),

  insertEmployment: (db: Kysely<DB>, row: Insertable<MemberEmploymentTable>) =>
    db.insertInto('member_employment').values(row).returningAll().executeTakeFirstOrThrow(),

  training: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('member_training as t')
      .innerJoin('member as m', 'm.id', 't.member_id')
      .selectAll('t')
      .select('m.name as member_name')
      .where('t.household_id', '=', householdId)
      .orderBy('t.started_on', 'desc')
      .orderBy('t.id')
      .execute(),

  insertTraining: (db: Kysely<DB>, row: Insertable<MemberTrainingTable>) =>
    db.insertInto('member_training').values(row).returningAll().executeTakeFirstOrThrow(),

  /** The household's latest income year (household_year) for the passive-exit test. */
  latestYear: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('household_year')
      .select(['year', 'size', 'net_income', 'transfer_income'])
      .where('household_id', '=', householdId)
      .orderBy('year', 'desc')
      .limit(1)
      .executeTakeFirst(),

  // ---- work relief -------------------------------------------------------------------------------
  project: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('project')
      .select(['id', 'name', 'village_code', 'work_relief', 'start_year'])
      .where('id', '=', id)
      .executeTakeFirst(),

  setWorkRelief: (db: Kysely<DB>, id: string, on: boolean) =>
    db.updateTable('project').set({ work_relief: on }).where('id', '=', id).execute(),

  workReliefProjects: (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('project as p')
      .leftJoin('work_relief_wage as w', 'w.project_id', 'p.id')
      .select(['p.id', 'p.name', 'p.village_code', 'p.start_year'])
      .select((eb) => [
        eb.fn.count<string>('w.id').as('wages'),
        eb.fn.coalesce(eb.fn.sum<string>('w.amount'), sql<string>`0`).as('paid'),
        sql<string>`count(distinct w.member_id)`.as('workers'),
      ])
      .where('p.work_relief', '=', true)
      .where(inRegion('p.village_code', scope))
      .groupBy(['p.id', 'p.name', 'p.village_code', 'p.start_year'])
      .orderBy('p.id')
      .limit(500)
      .execute(),

  wages: (db: Kysely<DB>, projectId: string, scope: string) =>
    db
      .selectFrom('work_relief_wage as w')
      .innerJoin('member as m', 'm.id', 'w.member_id')
      .selectAll('w')
      .select('m.name as member_name')
      .where('w.project_id', '=', projectId)
      .where(inRegion('w.village_code', scope))
      .orderBy('w.paid_on', 'desc')
      .orderBy('w.id', 'desc')
      .limit(1000)
      .execute(),

  wagesOfHousehold: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('work_relief_wage as w')
      .innerJoin('project as p', 'p.id', 'w.project_id')
      .innerJoin('member as m', 'm.id', 'w.member_id')
      .selectAll('w')
      .select(['m.name as member_name', 'p.name as project_name'])
      .where('w.household_id', '=', householdId)
      .orderBy('w.paid_on', 'desc')
      .execute(),

  insertWage: (db: Kysely<DB>, row: Insertable<WorkReliefWageTable>) =>
    db.insertInto('work_relief_wage').values(row).returningAll().executeTakeFirstOrThrow(),

  /** The household's current (confirmed or pending) income-month record of a month, locked. */
  incomeMonth: (db: Kysely<DB>, householdId: string, month: string) =>
    db
      .selectFrom('household_fact')
      .selectAll()
      .where('household_id', '=', householdId)
      .where('kind', '=', 'income_month')
      .where('observed_on', '=', `${month}-01`)
      .where('state', 'in', ['confirmed', 'proposed'])
      .orderBy(sql`state = 'confirmed'`, 'desc')
      .orderBy('id', 'desc')
      .forUpdate()
      .execute(),

  // ---- the ledger --------------------------------------------------------------------------------
  rules: (db: Kysely<DB>, county: string) =>
    db.selectFrom('incentive_rule').selectAll().where('county_code', '=', county).orderBy('code').execute(),

  upsertRule: (
    db: Kysely<DB>,
    r: {
      county_code: string;
      code: string;
      label_zh: string;
      label_en: string;
      points: number;
      active: boolean;
    },
    by: string,
    at: Date,
  ) =>
    db
      .insertInto('incentive_rule')
      .values({ ...r, updated_by: by, updated_at: at })
      .onConflict((oc) =>
        oc.columns(['county_code', 'code']).doUpdateSet({
          label_zh: r.label_zh,
          label_en: r.label_en,
          points: r.points,
          active: r.active,
          updated_by: by,
          updated_at: at,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow(),

  shopItems: (db: Kysely<DB>, codes: readonly string[]) =>
    codes.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('shop_item')
          .selectAll()
          .where('region_code', 'in', codes)
          .orderBy('region_code')
          .orderBy('id')
          .execute(),

  shopItemsIn: (db: Kysely<DB>, scope: string) =>
    db
      .selectFrom('shop_item')
      .selectAll()
      .where(inRegion('region_code', scope))
      .orderBy('region_code')
      .orderBy('id')
      .limit(500)
      .execute(),

  shopItem: (db: Kysely<DB>, id: string) =>
    db.selectFrom('shop_item').selectAll().where('id', '=', id).executeTakeFirst(),

  insertShopItem: (
    db: Kysely<DB>,
    r: { region_code: string; name: string; points: number; created_by: string; created_at: Date },
  ) => db.insertInto('shop_item').values(r).returningAll().executeTakeFirstOrThrow(),

  balance: async (db: Kysely<DB>, householdId: string): Promise<number> => {
    const r = await db
      .selectFrom('incentive_entry')
      .select('balance_after')
      .where('household_id', '=', householdId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.balance_after ?? 0;
  },

  entries: (db: Kysely<DB>, householdId: string) =>
    db
      .selectFrom('incentive_entry as e')
      .leftJoin('shop_item as s', 's.id', 'e.item_id')
      .selectAll('e')
      .select('s.name as item_name')
      .where('e.household_id', '=', householdId)
      .orderBy('e.id', 'desc')
      .limit(500)
      .execute(),

  insertEntry: (db: Kysely<DB>, row: Insertable<IncentiveEntryTable>) =>
    db.insertInto('incentive_entry').values(row).returningAll().executeTakeFirstOrThrow(),
};

import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, ProjectFollowupTable, ProjectTable } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export interface ProjectListRow {
  id: string;
  name: string;
  project_type: string;
  village_code: string;
  village_name: string;
  start_year: number;
  completed_on: string | null;
  operator: string | null;
  allocated: string;
  disbursed: string;
  beneficiaries: number;
  benefit_last_year: string;
  latest_status: string | null;
  latest_checked_on: string | null;
  linkages: string[];
}

/** The project library: projects, indicators, linkages, funds, beneficiaries, benefits, follow-ups. */
export const projectRepository = {
  /** Projects in the scope with their funds, beneficiaries, last year's benefit and latest follow-up. */
  list: async (db: Kysely<DB>, scope: string, lastYear: number) =>
    (
      await sql<ProjectListRow>`
        select p.id, p.name, p.project_type, p.village_code, v.name as village_name, p.start_year,
          p.completed_on, p.operator,
          coalesce(f.allocated, 0) as allocated, coalesce(f.disbursed, 0) as disbursed,
          coalesce(b.n, 0)::int as beneficiaries, coalesce(bl.amount, 0) as benefit_last_year,
          fu.operating_status as latest_status, fu.checked_on as latest_checked_on,
          array(select l.linkage_type from project_linkage l where l.project_id = p.id order by 1) as linkages
        from project p join region v on v.code = p.village_code
        left join (select project_id, sum(allocated) as allocated, sum(disbursed) as disbursed
                   from project_fund group by 1) f on f.project_id = p.id
        left join (select project_id, count(*) as n from project_beneficiary group by 1) b on b.project_id = p.id
        left join (select project_id, sum(amount) as amount from project_benefit where year = ${lastYear}
                   group by 1) bl on bl.project_id = p.id
        left join lateral (select operating_status, checked_on from project_followup x where x.project_id = p.id
                           order by checked_on desc, id desc limit 1) fu on true
        where ${inRegion('p.village_code', scope)}
        order by p.village_code, p.id`.execute(db)
    ).rows,

  byId: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('project as p')
      .innerJoin('region as v', 'v.code', 'p.village_code')
      .selectAll('p')
      .select('v.name as village_name')
      .where('p.id', '=', id)
      .executeTakeFirst(),

  indicators: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('project_indicator')
      .select(['id', 'name', 'target_value', 'unit'])
      .where('project_id', '=', id)
      .orderBy('id')
      .execute(),

  linkages: async (db: Kysely<DB>, id: string) =>
    (
      await db
        .selectFrom('project_linkage')
        .select('linkage_type')
        .where('project_id', '=', id)
        .orderBy('linkage_type')
        .execute()
    ).map((r) => r.linkage_type),

  funds: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('project_fund')
      .select(['id', 'source', 'year', 'allocated', 'disbursed'])
      .where('project_id', '=', id)
      .orderBy('year')
      .orderBy('source')
      .execute(),

  /** Beneficiary households with their yearly benefit (year → amount). */
  beneficiaries: async (db: Kysely<DB>, id: string) =>
    (
      await sql<{
        household_id: string;
        household_no: string;
        head_name: string | null;
        village_code: string;
        status: string;
        linkage_type: string;
        benefits: Record<string, number> | null;
      }>`
        select b.household_id, h.household_no, h.head_name, h.village_code, h.status, b.linkage_type,
          (select jsonb_object_agg(year::text, amount::float8) from project_benefit pb
            where pb.project_id = b.project_id and pb.household_id = b.household_id) as benefits
        from project_beneficiary b join household h on h.id = b.household_id
        where b.project_id = ${id} order by h.household_no`.execute(db)
    ).rows,

  followups: (db: Kysely<DB>, id: string) =>
    db
      .selectFrom('project_followup')
      .selectAll()
      .where('project_id', '=', id)
      .orderBy('checked_on', 'desc')
      .orderBy('id', 'desc')
      .execute(),

  insert: async (db: Kysely<DB>, row: Insertable<ProjectTable>) =>
    (await db.insertInto('project').values(row).returning('id').executeTakeFirstOrThrow()).id,

  insertIndicators: (
    db: Kysely<DB>,
    rows: { project_id: string; name: string; target_value: number; unit: string }[],
  ) => db.insertInto('project_indicator').values(rows).execute(),

  insertLinkages: (db: Kysely<DB>, rows: { project_id: string; linkage_type: string }[]) =>
    db.insertInto('project_linkage').values(rows).execute(),

  upsertFund: (
    db: Kysely<DB>,
    row: { project_id: string; source: string; year: number; allocated: number; disbursed: number },
  ) =>
    db
      .insertInto('project_fund')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['project_id', 'source', 'year'])
          .doUpdateSet({ allocated: row.allocated, disbursed: row.disbursed }),
      )
      .execute(),

  addBeneficiary: (db: Kysely<DB>, row: { project_id: string; household_id: string; linkage_type: string }) =>
    db
      .insertInto('project_beneficiary')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['project_id', 'household_id']).doUpdateSet({ linkage_type: row.linkage_type }),
      )
      .execute(),

  upsertBenefit: (
    db: Kysely<DB>,
    row: { project_id: string; household_id: string; year: number; amount: number },
  ) =>
    db
      .insertInto('project_benefit')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['project_id', 'household_id', 'year']).doUpdateSet({ amount: row.amount }),
      )
      .execute(),

  isBeneficiary: async (db: Kysely<DB>, projectId: string, householdId: string) =>
    !!(await db
      .selectFrom('project_beneficiary')
      .select('household_id')
      .where('project_id', '=', projectId)
      .where('household_id', '=', householdId)
      .executeTakeFirst()),

  complete: (db: Kysely<DB>, id: string, on: string) =>
    db
      .updateTable('project')
      .set({ completed_on: on, version: sql`version + 1` })
      .where('id', '=', id)
      .execute(),

  setOperator: (db: Kysely<DB>, id: string, operator: string) =>
    db
      .updateTable('project')
      .set({ operator, version: sql`version + 1` })
      .where('id', '=', id)
      .execute(),

  insertFollowup: async (db: Kysely<DB>, row: Insertable<ProjectFollowupTable>) =>
    (await db.insertInto('project_followup').values(row).returning('id').executeTakeFirstOrThrow()).id,

  /** The level of a region (5: a village), undefined when there is no such region. */
  regionLevel: async (db: Kysely<DB>, code: string) =>
    (await db.selectFrom('region').select('level').where('code', '=', code).executeTakeFirst())?.level,

  household: (db: Kysely<DB>, id: string) =>
    db.selectFrom('household').select(['id', 'village_code']).where('id', '=', id).executeTakeFirst(),
};

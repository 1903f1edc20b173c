import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, EvaluationRunTable, WorklistItemTable } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';

export interface ItemFilter {
  runId: string;
  scope: string;
  rule?: string | undefined;
  decision?: string | undefined;
  open?: boolean | undefined;
  limit: number;
  offset: number;
}

/** Every prefix of a region code that can be a run's region: '', province … village. */
const coveringPrefixes = (code: string) =>
  [0, 2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => code.slice(0, n));

const INSERT_CHUNK = 2000;

export const worklistRepository = {
  async countHouseholds(db: Kysely<DB>, scope: string): Promise<number> {
    const r = await db
      .selectFrom('household')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(inRegion('village_code', scope))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async insertRun(db: Kysely<DB>, row: Insertable<EvaluationRunTable>): Promise<string> {
    const r = await db.insertInto('evaluation_run').values(row).returning('id').executeTakeFirstOrThrow();
    return r.id;
  },

  async finishRun(db: Kysely<DB>, id: string, set: Updateable<EvaluationRunTable>): Promise<void> {
    await db.updateTable('evaluation_run').set(set).where('id', '=', id).execute();
  },

  async insertItems(db: Kysely<DB>, rows: Insertable<WorklistItemTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await db
        .insertInto('worklist_item')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute();
  },

  /** The latest finished run whose region covers `region`. */
  latestRun: (db: Kysely<DB>, region: string) =>
    db
      .selectFrom('evaluation_run')
      .selectAll()
      .where('region_prefix', 'in', coveringPrefixes(region))
      .where('finished_at', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),

  itemById: (db: Kysely<DB>, id: string) =>
    db.selectFrom('worklist_item').selectAll().where('id', '=', id).executeTakeFirst(),

  async items(db: Kysely<DB>, f: ItemFilter) {
    let q = db
      .selectFrom('worklist_item as w')
      .innerJoin('household as h', 'h.id', 'w.household_id')
      .leftJoin('region as v', 'v.code', 'w.village_code')
      .leftJoin('case_file as c', 'c.id', 'w.case_id')
      .where('w.run_id', '=', f.runId)
      .where(inRegion('w.village_code', f.scope));
    if (f.rule) q = q.where('w.rule', '=', f.rule);
    if (f.decision) q = q.where('w.decision', '=', f.decision);
    if (f.open === true) q = q.where('w.case_id', 'is', null);
    const [count, rows, byRule] = await Promise.all([
      q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      q
        .select([
          'w.id',
          'w.household_id',
          'w.village_code',
          'w.rule',
          'w.decision',
          'w.reasons',
          'w.case_id',
          'h.household_no',
          'h.head_name',
          'h.status',
          'v.name as village_name',
          'c.state as case_state',
          'c.kind as case_kind',
        ])
        .orderBy('w.village_code')
        .orderBy('w.id')
        .limit(f.limit)
        .offset(f.offset)
        .execute(),
      db
        .selectFrom('worklist_item as w')
        .select(['w.rule', 'w.decision', sql<string>`count(*)`.as('n')])
        .where('w.run_id', '=', f.runId)
        .where(inRegion('w.village_code', f.scope))
        .groupBy(['w.rule', 'w.decision'])
        .orderBy('w.rule')
        .orderBy('w.decision')
        .execute(),
    ]);
    return { total: Number(count.n), rows, byRule };
  },
};

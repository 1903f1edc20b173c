import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';
import { plannedQuery } from '../cadres/visit-due-query.js';

/** The sources of "what to do next" for a set of households, scoped by a region prefix. */
export const nextRepository = {
  /** Which of `ids` lie in the scope. */
  inScope: (db: Kysely<DB>, scope: string, ids: readonly string[]) =>
    db
      .selectFrom('household as h')
      .select(['h.id', 'h.village_code'])
      .where('h.id', 'in', ids)
      .where(inRegion('h.village_code', scope))
      .execute(),

  openWarnings: (db: Kysely<DB>, ids: readonly string[]) =>
    db
      .selectFrom('warning_signal')
      .select(['id', 'household_id', 'kind', 'channel', sql<string>`observed_on::text`.as('observed_on')])
      .where('household_id', 'in', ids)
      .where('status', '=', 'open')
      .orderBy('observed_on')
      .execute(),

  async overdueVisits(db: Kysely<DB>, scope: string, today: string, ids: readonly string[]) {
    const r = await sql<{ household_id: string; due_on: string | null }>`
      select q.household_id, q.due_on from (${plannedQuery({ scope, today, onlyOverdue: true })}) q
      where q.household_id in (${sql.join(ids)})`.execute(db);
    return r.rows;
  },

  overdueMeasures: (db: Kysely<DB>, today: string, ids: readonly string[]) =>
    db
      .selectFrom('plan_measure')
      .select(['id', 'household_id', 'measure_type', sql<string>`deadline::text`.as('deadline')])
      .where('household_id', 'in', ids)
      .where('status', 'in', ['planned', 'in_progress'])
      .where('deadline', '<', today)
      .orderBy('deadline')
      .execute(),

  /** Items of the latest rule run covering `scope` without a case yet. */
  async worklist(db: Kysely<DB>, scope: string, ids: readonly string[]) {
    const r = await sql<{ household_id: string; rule: string; decision: string; reasons: unknown }>`
      select i.household_id, i.rule, i.decision, i.reasons
      from worklist_item i
      where i.case_id is null and i.household_id in (${sql.join(ids)}) and i.run_id = (
        select id from evaluation_run where finished_at is not null
          and ${scope} like region_prefix || '%' order by id desc limit 1)
      order by i.id`.execute(db);
    return r.rows;
  },

  proposals: (db: Kysely<DB>, ids: readonly string[]) =>
    db
      .selectFrom('household_fact')
      .select([
        'household_id',
        'kind',
        sql<string>`(recorded_at at time zone 'Asia/Shanghai')::date::text`.as('since'),
      ])
      .where('household_id', 'in', ids)
      .where('state', '=', 'proposed')
      .orderBy('recorded_at')
      .execute(),
};

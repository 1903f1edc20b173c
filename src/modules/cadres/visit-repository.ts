import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { inRegion } from '../../kernel/scope.js';
import { paged } from './paged-query.js';

/** A visit as the lists show it: with its household and cadre. */
export interface VisitRow {
  id: string;
  household_id: string;
  household_no: string;
  head_name: string | null;
  cadre_id: string | null;
  cadre_name: string | null;
  visit_date: string;
  purpose: string;
  findings: string;
  follow_up: string | null;
  recorded_by_name: string | null;
}

/** Visits and the visit plan's rules (minimum visits a year by household kind and region). */
export const visitRepository = {
  /** Insert a visit; undefined when the user's device key is already stored (a send racing another). */
  insertVisit: (db: Kysely<DB>, row: Insertable<DB['visit']>) =>
    db
      .insertInto('visit')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['recorded_by', 'client_key', 'village_code'])
          .where('client_key', 'is not', null)
          .doNothing(),
      )
      .returning('id')
      .executeTakeFirst(),

  /** The visit a user already stored under a device's key (an outbox that sends again), or undefined. */
  visitByClientKey: (db: Kysely<DB>, userId: string, key: string) =>
    db
      .selectFrom('visit')
      .select(['id', 'household_id'])
      .where('recorded_by', '=', userId)
      .where('client_key', '=', key)
      .executeTakeFirst(),

  visits: async (
    db: Kysely<DB>,
    f: {
      scope: string;
      householdId?: string | undefined;
      cadreId?: string | undefined;
      limit: number;
      offset: number;
    },
  ) => {
    // the visit's own village too: a scoped list reads only its province's partitions
    const conds = [inRegion('h.village_code', f.scope), inRegion('v.village_code', f.scope)];
    if (f.householdId) conds.push(sql`v.household_id = ${f.householdId}`);
    if (f.cadreId) conds.push(sql`v.cadre_id = ${f.cadreId}`);
    return paged<VisitRow>(
      db,
      sql`select v.id, v.household_id, h.household_no, h.head_name, v.cadre_id, c.name as cadre_name,
            v.visit_date::text as visit_date, v.purpose, v.findings, v.follow_up, u.username as recorded_by_name
          from visit v join household h on h.id = v.household_id
          left join cadre c on c.id = v.cadre_id left join app_user u on u.id = v.recorded_by
          where ${sql.join(conds, sql` and `)}`,
      sql`visit_date desc, id desc`,
      f.limit,
      f.offset,
    );
  },

  planRules: (db: Kysely<DB>) =>
    db.selectFrom('visit_plan_rule').selectAll().orderBy('region_prefix').orderBy('household_kind').execute(),

  upsertRule: (db: Kysely<DB>, row: Insertable<DB['visit_plan_rule']>) =>
    db
      .insertInto('visit_plan_rule')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['region_prefix', 'household_kind']).doUpdateSet({
          visits_per_year: row.visits_per_year,
          set_by: row.set_by,
          set_at: sql`now()`,
          reason: row.reason,
        }),
      )
      .execute(),
};

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { plannedQuery } from './visit-due-query.js';

/** A cadre's households with what each needs next: visit due, open measures, open cases. */
export const myHouseholdsRepository = {
  /** The cadre's households (current assignments) with what each needs next. */
  cadreHouseholds: async (db: Kysely<DB>, cadreId: string, today: string) => {
    const r = await sql<{
      household_id: string;
      household_no: string;
      head_name: string | null;
      village_code: string;
      village_name: string;
      status: string;
      start_date: string;
      visits_per_year: number | null;
      last_visit: string | null;
      visits_this_year: number | null;
      due_on: string | null;
      overdue: boolean | null;
    }>`
      select h.id as household_id, h.household_no, h.head_name, h.village_code, rg.name as village_name,
        h.status, a.start_date::text as start_date, p.visits_per_year, p.last_visit, p.visits_this_year,
        p.due_on, p.overdue
      from cadre_assignment a
      join household h on h.id = a.household_id
      join region rg on rg.code = h.village_code
      left join (${plannedQuery({ scope: '', today, cadreId })}) p on p.household_id = h.id
      where a.cadre_id = ${cadreId} and a.end_date is null
      order by p.overdue desc nulls last, p.due_on nulls first, h.household_no`.execute(db);
    return r.rows;
  },

  /** Open measures per household (plan_measure of the plans feature, when that table exists). */
  openMeasures: async (db: Kysely<DB>, householdIds: string[], today: string) => {
    const out = new Map<string, { open: number; overdue: number; nextDeadline: string | null }>();
    if (!householdIds.length) return out;
    const exists = await sql<{ t: string | null }>`select to_regclass('plan_measure')::text as t`.execute(db);
    if (!exists.rows[0]?.t) return out;
    const r = await sql<{
      household_id: string;
      open: number;
      overdue: number;
      next_deadline: string | null;
    }>`
      select household_id, count(*)::int as open,
        count(*) filter (where deadline < ${today}::date)::int as overdue,
        min(deadline)::text as next_deadline
      from plan_measure
      where household_id in (${sql.join(householdIds)}) and status in ('planned', 'in_progress')
      group by household_id`.execute(db);
    for (const x of r.rows)
      out.set(String(x.household_id), { open: x.open, overdue: x.overdue, nextDeadline: x.next_deadline });
    return out;
  },

  /** Open cases and open worklist items per household. */
  openCases: async (db: Kysely<DB>, householdIds: string[]) => {
    const out = new Map<string, number>();
    if (!householdIds.length) return out;
    const r = await sql<{ household_id: string; n: number }>`
      select household_id, count(*)::int as n from case_file
      where household_id in (${sql.join(householdIds)}) and not closed group by household_id`.execute(db);
    for (const x of r.rows) out.set(String(x.household_id), x.n);
    return out;
  },
};

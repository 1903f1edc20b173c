import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { POOR_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';

const poorList = () => sql.join(POOR_STATUSES.map((s) => sql.lit(s)));

export const statsRepository = {
  years: async (db: Kysely<DB>) =>
    (
      await sql<{ year: number }>`select distinct year from stats_village_year order by year`.execute(db)
    ).rows.map((r) => r.year),

  byStatus: async (db: Kysely<DB>, scope: string, year: number) =>
    (
      await sql<{ status: string; households: string; persons: string }>`
        select status, sum(households) as households, sum(persons) as persons
        from stats_village_year where year = ${year} and ${inRegion('village_code', scope)}
        group by status order by status`.execute(db)
    ).rows.map((r) => ({ status: r.status, households: Number(r.households), persons: Number(r.persons) })),

  /** Main poverty cause of every household with one recorded (from the summary table). */
  byCause: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{ cause: string; households: string }>`
        select cause, sum(households) as households from stats_village_cause
        where ${inRegion('village_code', scope)}
        group by cause order by sum(households) desc, cause`.execute(db)
    ).rows.map((r) => ({ cause: r.cause, households: Number(r.households) })),

  trend: async (db: Kysely<DB>, scope: string) =>
    (
      await sql<{
        year: number;
        poor_households: string;
        poor_persons: string;
        persons: string;
        monitored: string;
      }>`
        select year, coalesce(sum(households) filter (where status in (${poorList()})), 0) as poor_households,
          coalesce(sum(persons) filter (where status in (${poorList()})), 0) as poor_persons,
          sum(persons) as persons,
          coalesce(sum(households) filter (where status = 'monitored'), 0) as monitored
        from stats_village_year where ${inRegion('village_code', scope)}
        group by year order by year`.execute(db)
    ).rows.map((r) => ({
      year: r.year,
      poorHouseholds: Number(r.poor_households),
      poorPersons: Number(r.poor_persons),
      persons: Number(r.persons),
      incidence: Number(r.persons) > 0 ? Number(r.poor_persons) / Number(r.persons) : 0,
      monitoredHouseholds: Number(r.monitored),
    })),
};

import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { POOR_STATUSES } from '../../domain/code-lists.js';
import { inRegion } from '../../kernel/scope.js';
import { summaryOf } from './summary-table.js';

const poorList = () => sql.join(POOR_STATUSES.map((s) => sql.lit(s)));

export const statsRepository = {
  years: async (db: Kysely<DB>) =>
    (
      await sql<{ year: number }>`select distinct year from stats_county_year order by year`.execute(db)
    ).rows.map((r) => r.year),

  byStatus: async (db: Kysely<DB>, scope: string, year: number) => {
    const s = summaryOf(scope, 'year');
    return (
      await sql<{ status: string; households: string; persons: string }>`
        select status, sum(households) as households, sum(persons) as persons
        from ${s.table} where year = ${year} and ${inRegion(s.column, scope)}
        group by status order by status`.execute(db)
    ).rows.map((r) => ({ status: r.status, households: Number(r.households), persons: Number(r.persons) }));
  },

  /** Main poverty cause of every household with one recorded (from the summary table). */
  byCause: async (db: Kysely<DB>, scope: string) => {
    const s = summaryOf(scope, 'cause');
    return (
      await sql<{ cause: string; households: string }>`
        select cause, sum(households) as households from ${s.table}
        where ${inRegion(s.column, scope)}
        group by cause order by sum(households) desc, cause`.execute(db)
    ).rows.map((r) => ({ cause: r.cause, households: Number(r.households) }));
  },

  /**
   * The year's movements (migration 056 keeps them per village and county from the yearly rows, this
   * year against the last): exits (poor or returned last year, exited now), new risks (monitored now,
   * not monitored last year), risks removed (monitored last year, risk removed now), the per-capita
   * income of exited households and the monitored households receiving dibao (a dibao transfer).
   */
  movements: async (db: Kysely<DB>, scope: string, year: number) => {
    const s = summaryOf(scope, 'movement');
    const r = (
      await sql<{
        exits: string | null;
        new_risks: string | null;
        risks_removed: string | null;
        exited_income: string | null;
        exited_persons: string | null;
        monitored_dibao: string | null;
      }>`
        select sum(exits) as exits, sum(new_risks) as new_risks, sum(risks_removed) as risks_removed,
          sum(exited_income) as exited_income, sum(exited_persons) as exited_persons,
          sum(monitored_dibao) as monitored_dibao
        from ${s.table} where year = ${year} and ${inRegion(s.column, scope)}`.execute(db)
    ).rows[0];
    const persons = Number(r?.exited_persons ?? 0);
    return {
      exits: Number(r?.exits ?? 0),
      newRisks: Number(r?.new_risks ?? 0),
      risksRemoved: Number(r?.risks_removed ?? 0),
      exitedPerCapitaIncome: persons > 0 ? Math.round(Number(r?.exited_income ?? 0) / persons) : null,
      monitoredWithDibao: Number(r?.monitored_dibao ?? 0),
    };
  },

  /** Households and monitored households of each sub-region (code prefix of `childLength`) in a year. */
  monitoredBySubRegion: async (db: Kysely<DB>, scope: string, year: number, childLength: number) => {
    const s = summaryOf(scope, 'year', childLength);
    return new Map(
      (
        await sql<{ code: string; households: string; monitored: string }>`
          select left(${sql.ref(s.column)}, ${childLength}) as code, sum(households) as households,
            coalesce(sum(households) filter (where status = 'monitored'), 0) as monitored
          from ${s.table} where year = ${year} and ${inRegion(s.column, scope)}
          group by 1`.execute(db)
      ).rows.map((r) => [r.code, { households: Number(r.households), monitored: Number(r.monitored) }]),
    );
  },

  trend: async (db: Kysely<DB>, scope: string) => {
    const s = summaryOf(scope, 'year');
    return (
      await sql<{
        year: number;
        poor_households: string;
        poor_persons: string;
        persons: string;
        households: string;
        monitored: string;
      }>`
        select year, coalesce(sum(households) filter (where status in (${poorList()})), 0) as poor_households,
          coalesce(sum(persons) filter (where status in (${poorList()})), 0) as poor_persons,
          sum(persons) as persons, sum(households) as households,
          coalesce(sum(households) filter (where status = 'monitored'), 0) as monitored
        from ${s.table} where ${inRegion(s.column, scope)}
        group by year order by year`.execute(db)
    ).rows.map((r) => ({
      year: r.year,
      poorHouseholds: Number(r.poor_households),
      poorPersons: Number(r.poor_persons),
      persons: Number(r.persons),
      incidence: Number(r.persons) > 0 ? Number(r.poor_persons) / Number(r.persons) : 0,
      monitoredHouseholds: Number(r.monitored),
      monitoredShare: Number(r.households) > 0 ? Number(r.monitored) / Number(r.households) : 0,
    }));
  },
};

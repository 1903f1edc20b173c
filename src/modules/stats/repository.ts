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

  /**
   * The year's movements from the registry's yearly rows (household_year, this year against the last):
   * exits (poor or returned last year, exited now), new risks (monitored now, not monitored last year),
   * risks removed (monitored last year, risk removed now), the per-capita income of exited households and
   * the monitored households receiving dibao (a dibao transfer in the year).
   */
  movements: async (db: Kysely<DB>, scope: string, year: number) => {
    const r = (
      await sql<{
        exits: string;
        new_risks: string;
        risks_removed: string;
        exited_income: string | null;
        exited_persons: string;
        monitored_dibao: string;
      }>`
        select
          count(*) filter (where y.status = 'exited' and p.status in (${poorList()})) as exits,
          count(*) filter (where y.status = 'monitored' and p.status is distinct from 'monitored') as new_risks,
          count(*) filter (where y.status = 'risk_removed' and p.status = 'monitored') as risks_removed,
          sum(y.net_income) filter (where y.status = 'exited') as exited_income,
          coalesce(sum(y.size) filter (where y.status = 'exited'), 0) as exited_persons,
          count(*) filter (where y.status = 'monitored' and y.transfer_dibao > 0) as monitored_dibao
        from household_year y
        left join household_year p on p.household_id = y.household_id and p.year = ${year - 1}
        where y.year = ${year} and ${inRegion('y.village_code', scope)}`.execute(db)
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
  monitoredBySubRegion: async (db: Kysely<DB>, scope: string, year: number, childLength: number) =>
    new Map(
      (
        await sql<{ code: string; households: string; monitored: string }>`
          select left(village_code, ${childLength}) as code, sum(households) as households,
            coalesce(sum(households) filter (where status = 'monitored'), 0) as monitored
          from stats_village_year where year = ${year} and ${inRegion('village_code', scope)}
          group by 1`.execute(db)
      ).rows.map((r) => [r.code, { households: Number(r.households), monitored: Number(r.monitored) }]),
    ),

  trend: async (db: Kysely<DB>, scope: string) =>
    (
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
        from stats_village_year where ${inRegion('village_code', scope)}
        group by year order by year`.execute(db)
    ).rows.map((r) => ({
      year: r.year,
      poorHouseholds: Number(r.poor_households),
      poorPersons: Number(r.poor_persons),
      persons: Number(r.persons),
      incidence: Number(r.persons) > 0 ? Number(r.poor_persons) / Number(r.persons) : 0,
      monitoredHouseholds: Number(r.monitored),
      monitoredShare: Number(r.households) > 0 ? Number(r.monitored) / Number(r.households) : 0,
    })),
};

import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { POOR_STATUSES, REGISTERED_STATUSES, type HouseholdStatus } from '../../domain/code-lists.js';
import { povertyLine } from '../../domain/policy/defaults.js';
import { AppError } from '../../kernel/errors.js';
import type { Clock } from '../../kernel/clock.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { RegionService } from '../regions/service.js';
import { statsRepository } from './repository.js';
import { refreshStats } from './summary-table.js';

const sumWhere = <T extends { status: string }>(
  rows: T[],
  statuses: readonly HouseholdStatus[],
  key: keyof T,
) =>
  rows
    .filter((r) => (statuses as readonly string[]).includes(r.status))
    .reduce((a, r) => a + Number(r[key]), 0);

/** From 2021 the dashboard reads the monitoring frame (防止返贫监测); before, the poverty frame. */
export const MONITORING_FRAME_FROM = 2021;

/** `reads`: the read handle (a replica when configured, db/read-routing.ts); the refresh writes on `db`. */
const shareOf = (m: { households: number; monitored: number } | undefined) => ({
  monitored: m?.monitored ?? 0,
  monitoredShare: m && m.households > 0 ? m.monitored / m.households : 0,
});

export function createStatsService(db: Kysely<DB>, regions: RegionService, clock: Clock, reads = db) {
  return {
    /** Key figures of a region and year, with sub-regions, causes and the trend by year. */
    async summary(user: AuthUser, regionCode: string, yearParam?: number) {
      const scope = scopeFor(user, regionCode);
      const region = await regions.refOf(scope);
      await refreshStats(db);
      const years = await statsRepository.years(reads);
      const year = yearParam ?? years.at(-1) ?? Number(clock.today().slice(0, 4));
      if (yearParam !== undefined && years.length > 0 && !years.includes(yearParam)) {
        throw new AppError(
          'E_VALIDATION',
          `no data for year ${yearParam}; years with data: ${years[0]}–${years.at(-1)}`,
          {
            field: 'year',
          },
        );
      }
      const [byStatus, byCause, trend, children, movements] = await Promise.all([
        statsRepository.byStatus(reads, scope, year),
        statsRepository.byCause(reads, scope),
        statsRepository.trend(reads, scope),
        region.level < 5 ? regions.children(user, scope, year) : Promise.resolve({ items: [] }),
        statsRepository.movements(reads, scope, year),
      ]);
      const childLength = children.items[0]?.code.length ?? 0;
      const monitoredOf =
        childLength > 0
          ? await statsRepository.monitoredBySubRegion(reads, scope, year, childLength)
          : new Map<string, { households: number; monitored: number }>();
      const persons = byStatus.reduce((a, r) => a + r.persons, 0);
      const households = byStatus.reduce((a, r) => a + r.households, 0);
      const monitoredHouseholds = sumWhere(byStatus, ['monitored'], 'households');
      const poorPersons = sumWhere(byStatus, POOR_STATUSES, 'persons');
      return {
        region,
        year,
        years,
        povertyLine: povertyLine(year),
        frame: year < MONITORING_FRAME_FROM ? ('poverty' as const) : ('monitoring' as const),
        households,
        persons,
        registeredHouseholds: sumWhere(byStatus, REGISTERED_STATUSES, 'households'),
        poorHouseholds: sumWhere(byStatus, POOR_STATUSES, 'households'),
        poorPersons,
        monitoredHouseholds,
        monitoredShare: households > 0 ? monitoredHouseholds / households : 0,
        incidence: persons > 0 ? poorPersons / persons : 0,
        ...movements,
        byStatus,
        byCause,
        bySubRegion: children.items
          .filter((c) => c.households > 0)
          .map((c) => ({
            ...shareOf(monitoredOf.get(c.code)),
            code: c.code,
            name: c.name,
            level: c.level,
            households: c.households,
            persons: c.persons,
            poorPersons: c.poorPersons,
            incidence: c.persons > 0 ? c.poorPersons / c.persons : 0,
          })),
        trend,
      };
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;

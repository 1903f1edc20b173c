import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { PolicyParams } from '../../domain/rules/params.js';
import { toFacts, type BuiltFacts } from './mapper.js';
import { noDepartmentData, type RedLineSource } from './red-lines.js';
import { factsRepository, type FactsHousehold } from './repository.js';

export type { FactsHousehold } from './repository.js';

export interface LoadedFacts {
  household: FactsHousehold;
  /** Null when the household has no income row for the year. */
  built: BuiltFacts | null;
}

/** Reads registry rows for a set of households and maps them to facts (src/domain/rules/facts.ts). */
export function createFactsLoader(db: Kysely<DB>, redLines: RedLineSource = noDepartmentData) {
  return {
    /** One household's facts row, undefined when there is none. */
    household: (id: string) => factsRepository.householdById(db, id),

    /** The household's latest income year up to `maxYear`, or null. */
    latestYear: (id: string, maxYear: number) => factsRepository.latestYear(db, id, maxYear),

    /** A keyset page of the households of a region (ids after `after`, ascending). */
    page: (region: string, after: string, limit: number) =>
      factsRepository.households(db, region, after, limit),

    async load(
      households: FactsHousehold[],
      year: number,
      asOf: string,
      paramsOf: (h: FactsHousehold) => PolicyParams,
    ): Promise<LoadedFacts[]> {
      const ids = households.map((h) => h.id);
      const [rows, hits, recorded] = await Promise.all([
        factsRepository.rowsFor(db, households, year),
        redLines(db, ids),
        factsRepository.recordedFor(db, ids, asOf),
      ]);
      return rows.map((r) => ({
        household: r.household,
        built: toFacts(
          {
            ...r,
            redLineHits: hits === null ? null : (hits.get(r.household.id) ?? []),
            recorded: recorded.get(r.household.id) ?? { facts: [], pending: [] },
          },
          year,
          asOf,
          paramsOf(r.household),
        ),
      }));
    },
  };
}
export type FactsLoader = ReturnType<typeof createFactsLoader>;

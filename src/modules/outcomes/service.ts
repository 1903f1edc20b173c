import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { compareOutcomes, type MeasureStart } from '../../domain/outcomes/compare.js';
import type { OutcomeHousehold, YearRow } from '../../domain/outcomes/strata.js';
import type { Clock } from '../../kernel/clock.js';
import { AppError } from '../../kernel/errors.js';
import { scopeFor } from '../../kernel/scope.js';
import type { AuthUser } from '../../kernel/user.js';
import type { RegionService } from '../regions/service.js';
import { outcomesRepository as repo } from './repository.js';
import type { OutcomesQuery, OutcomesResult } from './schema.js';

/** The region households are matched within: the township (9 digits of the village code). */
const AREA_DIGITS = 9;

export interface OutcomesDeps {
  regions: RegionService;
  clock: Clock;
  /** The absolute poverty line of a region in a year (the policy engine's `povertyLine`). */
  lineFor(region: string, year: number): Promise<number>;
  /** The read handle (a replica when configured, db/read-routing.ts); every query here is a read. */
  reads: Kysely<DB>;
}

const tooWide = (region: string) =>
  new AppError(
    'E_VALIDATION',
    `"What worked" is computed for a county or a smaller region; region ${region || '(the whole country)'} is wider: choose a county`,
    { field: 'region', messageZh: '“什么措施有效”按县或更小的区域计算：请选择一个县' },
  );

/** Households with their yearly rows from `from` on (the rows the comparison can read). */
async function householdsOf(reads: Kysely<DB>, scope: string, from: number, to: number) {
  const [hs, ys] = await Promise.all([repo.households(reads, scope), repo.years(reads, scope, from, to)]);
  const years = new Map<string, Map<number, YearRow>>();
  for (const y of ys) {
    let m = years.get(y.household_id);
    if (!m) years.set(y.household_id, (m = new Map()));
    m.set(y.year, { status: y.status, perCapita: Number(y.per_capita_income), size: y.size });
  }
  return hs.map((h): OutcomeHousehold => ({
    id: h.id,
    area: h.village_code.slice(0, AREA_DIGITS),
    cause: h.main_cause,
    labour: h.labour,
    years: years.get(h.id) ?? new Map(),
  }));
}

export function createOutcomesService(deps: OutcomesDeps) {
  const { reads } = deps;
  return {
    /** The comparison of every measure kind and cause in a county or smaller region (docs/what-worked.md). */
    async compare(user: AuthUser, q: OutcomesQuery): Promise<OutcomesResult> {
      const scope = scopeFor(user, q.region);
      if (scope.length < 6) throw tooWide(scope);
      const region = await deps.regions.refOf(scope);
      const lastYear = Number(deps.clock.today().slice(0, 4)) - 1;
      const rows = await repo.measures(reads, scope, q.by);
      const measures: MeasureStart[] = rows.map((m) => ({
        householdId: m.household_id,
        kind: m.kind,
        year: m.year,
        delivered: m.delivered,
      }));
      const names = q.by === 'measure' ? await repo.catalogueNames(reads, scope) : [];
      const head = {
        region,
        by: q.by,
        comparison: q.comparison,
        horizon: q.horizon,
        minCell: q.minCell,
        lastYear,
        measures: rows.length,
      };
      const named = [
        ...new Map(
          names.map((n) => [n.code, { code: n.code, nameZh: n.name_zh, nameEn: n.name_en }]),
        ).values(),
      ];
      if (measures.length === 0) return { ...head, households: 0, names: named, cells: [] };
      const first = measures.reduce((a, m) => Math.min(a, m.year), Number.POSITIVE_INFINITY) - 1;
      const [households, plans] = await Promise.all([
        householdsOf(reads, scope, first, lastYear),
        q.comparison === 'assisted' ? repo.planYears(reads, scope) : Promise.resolve(null),
      ]);
      let planYears: Map<string, Set<number>> | null = null;
      if (plans) {
        planYears = new Map();
        for (const p of plans) {
          const set = planYears.get(p.household_id);
          if (set) set.add(p.year);
          else planYears.set(p.household_id, new Set([p.year]));
        }
      }
      const lines = new Map<number, number>();
      for (let y = first; y <= lastYear; y++) lines.set(y, await deps.lineFor(scope, y));
      const cells = compareOutcomes(households, measures, {
        horizon: q.horizon,
        minCell: q.minCell,
        lastYear,
        planYears,
        lineOf: (y) => lines.get(y) ?? Number.NaN,
      });
      return { ...head, households: households.length, names: named, cells };
    },
  };
}
export type OutcomesService = ReturnType<typeof createOutcomesService>;
